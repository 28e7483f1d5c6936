using FluentValidation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Admin;
using MiniOAuth.Server.Authorize;
using MiniOAuth.Server.Clients;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Fast;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Introspection;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Revocation;
using MiniOAuth.Server.Token;
using MiniOAuth.Server.Token.Grants;
using MiniOAuth.Server.UserData;

namespace MiniOAuth.Server;

internal static class ServiceRegistration
{
    /// <summary>One options class per concern, each checked at start-up.</summary>
    public static IServiceCollection AddMiniOAuthOptions(this IServiceCollection services)
    {
        services.AddOptions<OAuthOptions>().BindConfiguration(OAuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UserDataOptions>().BindConfiguration(UserDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CleanupOptions>().BindConfiguration(CleanupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section)
            .Validate(o => o.KnownProxies.All(p => System.Net.IPAddress.TryParse(p, out _)), "ReverseProxy:KnownProxies must be IP addresses.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>The protocol: accounts, authorization, tokens, and the validators of every request.</summary>
    public static IServiceCollection AddMiniOAuthProtocol(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        // Building a validator compiles its rules, so stateless ones are built once; those that read
        // the database (uniqueness checks) live per request.
        services.AddValidatorsFromAssemblyContaining<OAuthOptions>(
            ServiceLifetime.Singleton, v => !ReadsServices(v.ValidatorType), includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining<OAuthOptions>(
            ServiceLifetime.Scoped, v => ReadsServices(v.ValidatorType), includeInternalTypes: true);

        // Accounts: passwords, login sessions and their throttle, sign-up, the account page.
        services.AddSingleton<Passwords>();
        services.AddScoped<LoginSessions>();
        services.AddScoped<LoginThrottle>();
        services.AddScoped<Login>();
        services.AddScoped<UserRegistration>();
        services.AddScoped<UserAccess>();
        services.AddScoped<AuthorizedApps>();

        // The authorization endpoint: the request's rules, remembered consent, the flow that issues codes.
        services.AddScoped<AuthorizeRules>();
        services.AddScoped<AuthorizeFlow>();

        // The token endpoint: client authentication and its limit, the three grants, signed access tokens.
        services.AddSingleton<ClientRequestLimits>();
        services.AddScoped<AuthorizationCodeGrant>();
        services.AddScoped<RefreshTokenGrant>();
        services.AddScoped<ClientCredentialsGrant>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<SigningKeys>();

        // Revocation, introspection, and the Bearer check of userinfo, roles, userdata and logout.
        services.AddScoped<Revocations>();
        services.AddScoped<TokenIntrospection>();
        services.AddScoped<BearerAuthenticator>();

        // Userdata.
        services.AddScoped<UserDataAccess>();
        services.AddScoped<UserDataStore>();

        // The admin console and the command line.
        services.AddScoped<ClientRegistration>();
        services.AddScoped<UserAdministration>();
        services.AddSingleton<ShownOnceCredentials>();

        // Housekeeping: expired rows are deleted every Cleanup:Interval.
        services.AddScoped<Cleanup>();
        services.AddHostedService<CleanupService>();

        // Performance only: the C heap's free pages go back to the system every few seconds (Fast/).
        services.AddHostedService<NativeHeapTrim>();
        return services;
    }

    private static bool ReadsServices(Type validator) => validator.GetConstructors().Any(c => c.GetParameters().Length > 0);

    /// <summary>Browser-facing defences: antiforgery, size limits, problem details.</summary>
    public static IServiceCollection AddMiniOAuthWeb(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = ServerCookies.Antiforgery(environment);
            antiforgery.Cookie.SameSite = SameSiteMode.Lax;
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // Every page sends X-Frame-Options itself (Html/SecurityHeaders), not only those that issue a token.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        services.AddSingleton<IAntiforgeryAdditionalDataProvider, SessionBoundForms>();
        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = 64;
            form.KeyLengthLimit = 128;
            form.ValueLengthLimit = 16 * 1024;
            form.MultipartBodyLengthLimit = 64 * 1024;
        });
        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        services.AddProblemDetails();
        services.AddExceptionHandler<DatabaseUnavailable>();
        services.AddMiniOAuthCors();
        return services;
    }

    /// <summary>Schema, demo data (Development, empty database) and keys, before the first request.</summary>
    public static async Task InitializeAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniOAuthDb>();

        // Instances starting at once take turns: the first migrates, seeds and makes the keys, the others find them.
        await using (await StartupLock.AcquireAsync(db))
        {
            await DatabaseSetup.MigrateAsync(db);
            if (app.Environment.IsDevelopment() && !await db.Users.AnyAsync() && !await db.Clients.AnyAsync())
            {
                var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<Passwords>(), now);
            }

            await app.Services.GetRequiredService<SigningKeys>().EnsureKeyAsync();

            // Loading the data-protection key ring now creates its first key, if none, while the lock is held.
            app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("MiniOAuth.Startup").Protect([0]);
        }

        await app.Services.GetRequiredService<PublicClientOrigins>().LoadAsync(db, CancellationToken.None);
    }
}
