using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.Clients;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>A client the test registered, with its secret (null for a public client).</summary>
public sealed record TestClient(string Id, string? Secret, string RedirectUri);

/// <summary>Token lifecycle requests, each one call: refresh, revoke, introspect, Bearer calls.</summary>
public static class LifecycleFlow
{
    public static readonly TestClient DemoClient = new(Demo.ClientId, Demo.ClientSecret, Demo.RedirectUri);
    public static readonly TestClient PublicClient = new(Demo.PublicClientId, null, Demo.PublicRedirectUri);

    /// <summary>
    /// A test host with the background cleanup off, so that an expired token is refused by the rule
    /// under test and not merely because a sweep, woken by the fake clock, deleted it first.
    /// </summary>
    public static MiniOAuthApplication NewApp(string? refreshTokenReuseGrace = null) => new(new Dictionary<string, string?>
    {
        ["Cleanup:Interval"] = "00:00:00",
        ["OAuth:RefreshTokenReuseGrace"] = refreshTokenReuseGrace ?? "00:00:00",
    });

    /// <summary>Registers a second confidential client with every grant and scope, as the admin command would.</summary>
    public static async Task<TestClient> CreateConfidentialClientAsync(
        MiniOAuthApplication app, IReadOnlyList<string>? grants = null)
    {
        const string redirectUri = "http://localhost:6000/callback";
        await using var scope = app.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<ClientRegistration>()
            .CreateAsync(new NewClient("Other app", [redirectUri], IsPublic: false, Grants: grants));
        return new TestClient(registered.Client.Id, registered.Secret, redirectUri);
    }

    /// <summary>Login, consent, code with PKCE, and the exchange, for any client.</summary>
    public static async Task<Tokens> SignInAsync(
        MiniOAuthApplication app, TestClient client, string username = "alice", string scope = "profile email roles")
    {
        var browser = app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser, username, username + "pass");
        var code = await OAuthFlow.AuthorizeAsync(browser, scope, Demo.Challenge, client.Id, client.RedirectUri);
        return await OAuthFlow.ReadTokensAsync(await PostAsync(app.CreateClient(), "/oauth/token/", client, new()
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = client.RedirectUri,
            ["code_verifier"] = Demo.Verifier,
        }));
    }

    public static Task<HttpResponseMessage> RefreshAsync(HttpClient http, string refreshToken, TestClient? client = null, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return PostAsync(http, "/oauth/token/", client ?? DemoClient, form);
    }

    public static Task<HttpResponseMessage> ClientCredentialsAsync(HttpClient http, TestClient? client = null, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return PostAsync(http, "/oauth/token/", client ?? DemoClient, form);
    }

    public static Task<HttpResponseMessage> RevokeAsync(HttpClient http, string? token, TestClient? client = null, string? hint = null) =>
        PostAsync(http, "/oauth/revoke/", client ?? DemoClient, TokenForm(token, hint));

    public static Task<HttpResponseMessage> IntrospectAsync(HttpClient http, string? token, TestClient? client = null, string? hint = null) =>
        PostAsync(http, "/oauth/introspect/", client ?? DemoClient, TokenForm(token, hint));

    /// <summary>Introspects as the demo client unless told otherwise, and returns the 200 body.</summary>
    public static async Task<JsonElement> IntrospectionOf(HttpClient http, string token, TestClient? client = null, string? hint = null)
    {
        var response = await IntrospectAsync(http, token, client, hint);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A form POST that authenticates like the client would: Basic for confidential clients, client_id for public ones.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, TestClient client, Dictionary<string, string> form)
    {
        if (client.Secret is null)
        {
            form["client_id"] = client.Id;
        }

        return OAuthFlow.PostTokenAsync(http, form, client.Id, client.Secret, path);
    }

    public static Task<HttpResponseMessage> GetWithBearerAsync(HttpClient http, string path, string? token, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http.SendAsync(request);
    }

    /// <summary>The claims of a JWT, read without checking it (the server checks; tests only look).</summary>
    public static JsonElement PayloadOf(string jwt) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1])).RootElement;

    /// <summary>The whole <c>WWW-Authenticate</c> header, or an empty string.</summary>
    public static string ChallengeOf(HttpResponseMessage response) =>
        string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));

    private static Dictionary<string, string> TokenForm(string? token, string? hint)
    {
        var form = new Dictionary<string, string>();
        if (token is not null)
        {
            form["token"] = token;
        }

        if (hint is not null)
        {
            form["token_type_hint"] = hint;
        }

        return form;
    }
}
