using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MiniOAuth.Client.Dashboard;
using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Http;
using MiniOAuth.Client.Logout;
using MiniOAuth.Client.Sessions;
using MiniOAuth.Client.Tokens;

namespace MiniOAuth.Client.Configuration;

/// <summary>The service registrations that <c>Program.cs</c> lists.</summary>
internal static class ClientSetup
{
    public static IServiceCollection AddClientOptions(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<ClientOptions>, ClientOptionsValidator>();
        services.AddOptions<ClientOptions>().BindConfiguration(ClientOptions.Section).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IServiceCollection AddClientSessions(this IServiceCollection services) =>
        services.AddSingleton<SessionStore>();

    public static IServiceCollection AddAuthorizationServerClient(this IServiceCollection services)
    {
        services.AddHttpClient(AuthorizationServerHttp.ClientName, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(10);
                client.MaxResponseContentBufferSize = 1024 * 1024;
            })
            // The token endpoint's answer must come from the token endpoint: redirects are not followed.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<AuthorizationServerHttp>();
        services.AddSingleton<MetadataProvider>();
        services.AddSingleton<TokenClient>();
        services.AddSingleton<TokenRefresher>();
        services.AddSingleton<UserInfoApi>();
        services.AddSingleton<UserDataApi>();
        services.AddSingleton<ProfileLoader>();
        services.AddSingleton<LogoutApi>();
        return services;
    }
}
