extern alias ClientApp;

using System.Net;
using System.Net.Sockets;
using ClientApp::MiniOAuth.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;

namespace MiniOAuth.Tests.Client;

/// <summary>
/// The client app in the test process, configured by <c>Client:*</c> settings. Its calls to the
/// authorization server go to <paramref name="backChannel"/> when one is given, else over real sockets.
/// </summary>
internal sealed class ClientAppFactory(
    IReadOnlyDictionary<string, string?> settings, Func<HttpMessageHandler>? backChannel = null, TimeProvider? time = null)
    : WebApplicationFactory<ClientApp::Program>
{
    /// <summary>A MiniOAuth server's endpoints named in configuration, so the client needs no discovery.</summary>
    public static Dictionary<string, string?> ExplicitEndpoints(string authority) => new()
    {
        ["Client:Authority"] = authority,
        ["Client:AuthorizationEndpoint"] = $"{authority}/oauth/authorize/",
        ["Client:TokenEndpoint"] = $"{authority}/oauth/token/",
        ["Client:UserInfoEndpoint"] = $"{authority}/oauth/userinfo/",
        ["Client:UserDataEndpoint"] = $"{authority}/oauth/userdata/",
        ["Client:EndSessionEndpoint"] = $"{authority}/oauth/logout/",
    };

    public FakeTimeProvider Clock { get; } = time as FakeTimeProvider ?? new FakeTimeProvider(DateTimeOffset.UtcNow);

    /// <summary>A browser: keeps its cookies, does not follow redirects, and talks to http://localhost:5000.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("http://localhost:5000"),
    });

    /// <summary>An http URL at which nothing listens: the port was free a moment ago.</summary>
    public static string ClosedAuthority()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>Follows <c>/login</c> to the authorize URL and returns its query.</summary>
    public static async Task<Dictionary<string, StringValues>> StartLoginAsync(HttpClient browser)
    {
        var login = await browser.GetAsync("/login");
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return QueryHelpers.ParseQuery(login.Headers.Location!.Query);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(time ?? Clock);
            if (backChannel is not null)
            {
                services.AddHttpClient(AuthorizationServer.HttpClientName).ConfigurePrimaryHttpMessageHandler(backChannel);
            }
        });
    }
}
