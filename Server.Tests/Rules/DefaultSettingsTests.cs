using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.Options;
using MiniOAuth.Tests.Client;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Rules;

/// <summary>
/// The defaults of the contract's settings table, in the appsettings.json the server reads and in the
/// option classes (what a key left out of the file gives) alike. The other tests override most of them.
/// </summary>
public sealed class DefaultSettingsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EverySettingDefaultsToTheContractsValue(bool fromAppSettings)
    {
        var configuration = fromAppSettings ? ShippedSettings() : new ConfigurationBuilder().Build();
        T Bind<T>(string section) where T : new()
        {
            var options = new T();
            configuration.GetSection(section).Bind(options);
            return options;
        }

        var oauth = Bind<OAuthOptions>(OAuthOptions.Section);
        oauth.Issuer.Should().Be("http://localhost:8000");
        oauth.AccessTokenLifetime.Should().Be(TimeSpan.FromMinutes(15));
        oauth.RefreshTokenLifetime.Should().Be(TimeSpan.FromDays(14));
        oauth.RefreshTokenFamilyLifetime.Should().Be(TimeSpan.FromDays(90));
        oauth.RefreshTokenReuseGrace.Should().Be(TimeSpan.Zero);
        oauth.AuthorizationCodeLifetime.Should().Be(TimeSpan.FromMinutes(1));

        var security = Bind<SecurityOptions>(SecurityOptions.Section);
        security.LoginFailureLimit.Should().Be(10);
        security.LoginFailureWindow.Should().Be(TimeSpan.FromMinutes(15));
        security.LoginFailuresPerAddress.Should().Be(300);
        security.BcryptWorkFactor.Should().Be(12);

        var rateLimits = Bind<RateLimitOptions>(RateLimitOptions.Section);
        rateLimits.TokenRequestsPerClientPerSecond.Should().Be(1000);
        rateLimits.UserDataRequestsPerKeyPerSecond.Should().Be(1000);

        var userData = Bind<UserDataOptions>(UserDataOptions.Section);
        userData.MaxBytes.Should().Be(65536);
        userData.MaxDepth.Should().Be(32);

        Bind<CleanupOptions>(CleanupOptions.Section).Interval.Should().Be(TimeSpan.FromHours(1));
        Bind<DatabaseOptions>(DatabaseOptions.Section).Provider.Should().Be("Sqlite");
        Bind<ReverseProxyOptions>(ReverseProxyOptions.Section).KnownProxies.Should().BeEmpty();
        if (fromAppSettings)
        {
            configuration.GetConnectionString("Default").Should().StartWith("Data Source=", "the default database is a SQLite file");
            configuration["Urls"].Should().Be("http://localhost:8000", "the server listens on its contract port however it is started");
        }
    }

    [Fact]
    public void TheClientAppListensOnItsContractPortHoweverItIsStarted()
    {
        using var client = new ClientAppFactory(new Dictionary<string, string?>());
        var contentRoot = client.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;

        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: false).Build();

        shipped["Urls"].Should().Be("http://localhost:5000");
    }

    // The file the server itself reads, from its content root.
    private static IConfiguration ShippedSettings()
    {
        using var app = new MiniOAuthApplication();
        var contentRoot = app.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
        return new ConfigurationBuilder().AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: false).Build();
    }
}
