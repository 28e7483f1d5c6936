extern alias ClientApp;

using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Tests.Client;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Browser;

/// <summary>
/// The server and the client app on real Kestrel ports of localhost, where a browser can reach them.
/// The server's issuer is its own address, the client signs in there, and the demo client gets the
/// client's callback as an extra redirect URI in this test's database only. Optionally a second server
/// on a port of its own is the client's provider <c>second</c>, and the benchmark's OpenIddict server its
/// provider <c>openiddict</c>, each known to it by its address alone.
/// </summary>
internal sealed class LiveApps : IDisposable
{
    private LiveApps(MiniOAuthApplication server, string serverBase, ClientAppFactory client, string clientBase, (MiniOAuthApplication, string)? second)
    {
        Server = server;
        ServerBase = serverBase;
        Client = client;
        ClientBase = clientBase;
        SecondServer = second?.Item1;
        SecondBase = second?.Item2;
    }

    /// <summary>The OpenIddict server, when one was asked for.</summary>
    public OpenIddictPeer? OpenIddict { get; private set; }

    /// <summary>The second server, when one was asked for.</summary>
    public MiniOAuthApplication? SecondServer { get; }

    /// <summary>The second server's issuer, such as <c>http://localhost:41236</c>.</summary>
    public string? SecondBase { get; }

    public MiniOAuthApplication Server { get; }

    /// <summary>The server's issuer, such as <c>http://localhost:41234</c>.</summary>
    public string ServerBase { get; }

    public ClientAppFactory Client { get; }

    /// <summary>The client app's home, such as <c>http://localhost:41235</c>.</summary>
    public string ClientBase { get; }

    public static async Task<LiveApps> StartAsync(bool withSecondProvider = false, bool withOpenIddict = false)
    {
        var (server, serverBase) = StartOnFreePort<MiniOAuthApplication, Program>(address =>
            new MiniOAuthApplication(new Dictionary<string, string?> { ["OAuth:Issuer"] = address }));
        (MiniOAuthApplication Server, string Base)? second = withSecondProvider
            ? StartOnFreePort<MiniOAuthApplication, Program>(address => new MiniOAuthApplication(new Dictionary<string, string?> { ["OAuth:Issuer"] = address }))
            : null;
        // The client must know the peer's address before it starts, and the peer the client's.
        int? openIddictPort = withOpenIddict ? FreePort() : null;
        var (client, clientBase) = StartOnFreePort<ClientAppFactory, ClientApp::Program>(address =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Client:Authority"] = serverBase,
                ["Client:RedirectUri"] = $"{address}/callback",
                ["Client:PostLogoutRedirectUri"] = $"{address}/",
            };
            if (second is { } provider)
            {
                settings["Client:Providers:second:DisplayName"] = "Second MiniOAuth";
                settings["Client:Providers:second:Authority"] = provider.Base;
                settings["Client:Providers:second:ClientId"] = Demo.ClientId;
                settings["Client:Providers:second:ClientSecret"] = Demo.ClientSecret;
                settings["Client:Providers:second:ApiKey"] = Demo.ApiKey;
            }

            if (openIddictPort is { } port)
            {
                // As the README says of any RFC 8414 or OpenID Connect server: no endpoint, only where it is.
                settings["Client:Providers:openiddict:DisplayName"] = "OpenIddict";
                settings["Client:Providers:openiddict:Authority"] = $"http://127.0.0.1:{port}";
                settings["Client:Providers:openiddict:ClientId"] = OpenIddictPeer.ClientId;
                settings["Client:Providers:openiddict:ClientSecret"] = OpenIddictPeer.ClientSecret;
                settings["Client:Providers:openiddict:Scopes"] = "profile email";
            }

            return new ClientAppFactory(settings, time: server.Clock);
        });
        await AllowCallbackAsync(server, $"{clientBase}/callback");
        if (second is { } other)
        {
            await AllowCallbackAsync(other.Server, $"{clientBase}/callback/second");
        }

        var apps = new LiveApps(server, serverBase, client, clientBase, second);
        if (openIddictPort is { } peerPort)
        {
            try
            {
                apps.OpenIddict = await OpenIddictPeer.StartAsync(peerPort, clientBase);
            }
            catch
            {
                apps.Dispose();
                throw;
            }
        }

        return apps;
    }

    /// <summary>The demo client gets the client's callback as an extra redirect URI, in this test's database only.</summary>
    private static Task<int> AllowCallbackAsync(MiniOAuthApplication server, string callback) => server.WithDbAsync(async db =>
    {
        var demo = await db.Clients.SingleAsync(c => c.Id == Demo.ClientId);
        demo.RedirectUris = [.. demo.RedirectUris, callback];
        return await db.SaveChangesAsync();
    });

    /// <summary>
    /// Both apps must know their own address before they start (the issuer, the redirect URI), so the
    /// port is taken from the OS first; should something grab it in between, another one is tried.
    /// </summary>
    private static (TFactory Factory, string Address) StartOnFreePort<TFactory, TEntryPoint>(Func<string, TFactory> create)
        where TFactory : WebApplicationFactory<TEntryPoint>
        where TEntryPoint : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var address = $"http://localhost:{port}";
            var factory = create(address);
            try
            {
                // Listen here rather than UseKestrel(port): that one sets the address after the app is
                // built, and a minimal-API app can start first, on its default port (seen here).
                factory.UseKestrel(kestrel => kestrel.ListenLocalhost(port));
                factory.StartServer();
                return (factory, address);
            }
            catch (IOException) when (attempt < 3)
            {
                factory.Dispose();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>What the server stores for the demo client and <paramref name="userId"/>, read with the demo API key.</summary>
    public async Task<JsonElement> StoredUserDataAsync(string userId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(ServerBase) };
        http.DefaultRequestHeaders.Add("X-API-Key", Demo.ApiKey);
        return await http.GetFromJsonAsync<JsonElement>($"/oauth/userdata/{userId}/");
    }

    public void Dispose()
    {
        Client.Dispose();
        OpenIddict?.Dispose();
        SecondServer?.Dispose();
        Server.Dispose();
    }
}
