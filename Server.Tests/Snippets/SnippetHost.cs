using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MiniOAuth.Tests.Infrastructure;
using MiniOAuth.Tests.Lifecycle;

namespace MiniOAuth.Tests.Snippets;

/// <summary>
/// Runs a README snippet as an app of its own, in memory, against a MiniOAuth test server whose issuer
/// is the README's <c>http://localhost:8000</c>: the snippet's calls to that address (metadata, JWKS,
/// token, userinfo, introspection) go to the test server through the handlers' back channel.
/// </summary>
internal sealed class SnippetHost : IAsyncDisposable
{
    public const string ServerUrl = "http://localhost:8000";
    public const int ServerPort = 8000;

    private SnippetHost(MiniOAuthApplication server, WebApplication app, ConcurrentQueue<string> serverCalls)
    {
        Server = server;
        App = app;
        ServerCalls = serverCalls;
    }

    public MiniOAuthApplication Server { get; }

    public WebApplication App { get; }

    /// <summary>Every path the snippet asked of the server, in order.</summary>
    public ConcurrentQueue<string> ServerCalls { get; }

    /// <summary>
    /// A server, where the snippet's client is registered with <c>create-client</c> and
    /// <paramref name="createClient"/> as the README says; then the snippet <paramref name="build"/>, with
    /// that client's id and secret as <c>MiniOAuth:ClientId</c> and <c>MiniOAuth:ClientSecret</c>, and the
    /// routes of <paramref name="addRoutes"/> that the test looks at. The server's clock starts
    /// <paramref name="serverClockOffset"/> away from now.
    /// </summary>
    public static async Task<SnippetHost> StartAsync(
        Func<WebApplicationBuilder, WebApplication> build, string[] createClient,
        Action<WebApplication>? addRoutes = null, TimeSpan serverClockOffset = default)
    {
        var server = new MiniOAuthApplication(new Dictionary<string, string?> { ["OAuth:Issuer"] = ServerUrl })
        {
            Clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow + serverClockOffset).ToUnixTimeSeconds())),
        };
        var client = await Cli.Cli.JsonAsync(server, ["create-client", .. createClient]);
        var calls = new ConcurrentQueue<string>();
        var backchannel = new Recorder(calls) { InnerHandler = server.Server.CreateHandler() };

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MiniOAuth:ClientId"] = client.GetProperty("client_id").GetString(),
            ["MiniOAuth:ClientSecret"] = client.GetProperty("client_secret").GetString(),
        });
        builder.Services.ConfigureAll<OAuthOptions>(options => options.BackchannelHttpHandler = backchannel);
        builder.Services.ConfigureAll<JwtBearerOptions>(options => options.BackchannelHttpHandler = backchannel);
        var app = build(builder);
        addRoutes?.Invoke(app);
        await app.StartAsync();
        return new SnippetHost(server, app, calls);
    }

    /// <summary>The snippet's own client, as registered at the server.</summary>
    public TestClient Client => new(App.Configuration["MiniOAuth:ClientId"]!, App.Configuration["MiniOAuth:ClientSecret"], "");

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Server.Dispose();
    }

    private sealed class Recorder(ConcurrentQueue<string> calls) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            calls.Enqueue(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
