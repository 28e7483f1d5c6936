extern alias ClientApp;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Client;

/// <summary>
/// Both apps in one process: the client's back channel goes to the in-process server (through a
/// recorder), both share the server's fake clock, and each test gets a browser for each app.
/// </summary>
internal sealed class ClientAndServer : IDisposable
{
    public ClientAndServer(IDictionary<string, string?>? serverSettings = null)
    {
        Server = new MiniOAuthApplication(serverSettings);
        Client = new ClientAppFactory(
            new Dictionary<string, string?> { ["Client:Authority"] = MiniOAuthApplication.Issuer },
            () => new Recorder(Calls) { InnerHandler = Server.Server.CreateHandler() },
            Server.Clock);
        ClientBrowser = Client.Browser();
        ServerBrowser = Server.CreateBrowser();
    }

    public MiniOAuthApplication Server { get; }

    public ClientAppFactory Client { get; }

    /// <summary>The browser's view of the client app (http://localhost:5000).</summary>
    public HttpClient ClientBrowser { get; }

    /// <summary>The same browser's view of the server, with the server's login cookie.</summary>
    public HttpClient ServerBrowser { get; }

    /// <summary>Every back-channel call of the client: method, path, Authorization header and body.</summary>
    public ConcurrentQueue<(HttpMethod Method, string Path, string? Authorization, string? Body)> Calls { get; } = new();

    public int TokenCalls(string grantType) =>
        Calls.Count(call => call.Path == "/oauth/token/" && call.Body!.Contains($"grant_type={grantType}"));

    /// <summary>The user signs in at the server, then the browser follows /login to the server and back.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string username = "alice", string decision = "allow")
    {
        await OAuthFlow.LoginAsync(ServerBrowser, username, username + "pass");
        var answer = await AuthorizeAsync(decision);
        var redirectTo = new Uri(answer.GetProperty("redirect_to").GetString()!);
        redirectTo.GetLeftPart(UriPartial.Path).Should().Be("http://localhost:5000/callback");
        return await ClientBrowser.GetAsync(redirectTo.PathAndQuery);
    }

    /// <summary>Follows the client's /login to the server's authorize endpoint, answering consent.</summary>
    public async Task<JsonElement> AuthorizeAsync(string decision = "allow")
    {
        var login = await ClientBrowser.GetAsync("/login");
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var authorize = login.Headers.Location!;
        var response = await OAuthFlow.GetJsonAsync(ServerBrowser, authorize.PathAndQuery);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            var fields = QueryHelpers.ParseQuery(authorize.Query).ToDictionary(field => field.Key, field => field.Value.ToString());
            fields["decision"] = decision;
            response = await ServerBrowser.PostAsJsonAsync("/oauth/authorize/", fields);
        }

        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>The bearer token the client last presented to userinfo.</summary>
    public string LastAccessToken() =>
        Calls.Last(call => call.Path == "/oauth/userinfo/").Authorization!["Bearer ".Length..];

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }

    private sealed class Recorder(ConcurrentQueue<(HttpMethod, string, string?, string?)> calls) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            calls.Enqueue((request.Method, request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString(), body));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
