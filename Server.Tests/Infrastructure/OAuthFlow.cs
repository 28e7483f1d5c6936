using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace MiniOAuth.Tests.Infrastructure;

/// <summary>The token response fields the tests read.</summary>
public sealed record Tokens(string AccessToken, string? RefreshToken, string? Scope, int ExpiresIn);

/// <summary>Steps of the code flow, each one call, for tests to combine.</summary>
public static partial class OAuthFlow
{
    public static string AuthorizePath(
        string clientId = Demo.ClientId, string redirectUri = Demo.RedirectUri, string? scope = null, string? state = "xyz",
        string? challenge = null, string? prompt = null, string responseType = "code") =>
        QueryHelpers.AddQueryString("/oauth/authorize/", new Dictionary<string, string?>
        {
            ["response_type"] = responseType, ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["scope"] = scope,
            ["state"] = state, ["code_challenge"] = challenge, ["code_challenge_method"] = challenge is null ? null : "S256",
            ["prompt"] = prompt,
        }.Where(p => p.Value is not null));

    /// <summary>JSON login; the session cookie stays in the client.</summary>
    public static async Task<string> LoginAsync(HttpClient browser, string username = "alice", string password = "alicepass")
    {
        var response = await browser.PostAsJsonAsync("/oauth/login/", new { username, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sub").GetString()!;
    }

    /// <summary>Authorizes in JSON mode, consenting when asked; returns the code.</summary>
    public static async Task<string> AuthorizeAsync(
        HttpClient browser, string? scope = null, string? challenge = null,
        string clientId = Demo.ClientId, string redirectUri = Demo.RedirectUri)
    {
        var path = AuthorizePath(clientId, redirectUri, scope, challenge: challenge);
        var response = await GetJsonAsync(browser, path);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            var query = QueryHelpers.ParseQuery(new Uri("http://x" + path).Query).ToDictionary(p => p.Key, p => (object)p.Value.ToString());
            query["decision"] = "allow";
            response = await browser.PostAsJsonAsync("/oauth/authorize/", query);
        }

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
    }

    public static Task<HttpResponseMessage> GetJsonAsync(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client.SendAsync(request);
    }

    /// <summary>POSTs a form to the token endpoint with client_secret_basic (or as a public client).</summary>
    public static Task<HttpResponseMessage> PostTokenAsync(
        HttpClient client, IDictionary<string, string> form, string clientId = Demo.ClientId, string? secret = Demo.ClientSecret,
        string path = "/oauth/token/")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (secret is not null)
        {
            request.Headers.Authorization = Basic(clientId, secret);
        }

        return client.SendAsync(request);
    }

    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    public static async Task<Tokens> ExchangeAsync(HttpClient client, string code, string? verifier = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Demo.RedirectUri };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return await ReadTokensAsync(await PostTokenAsync(client, form));
    }

    public static async Task<Tokens> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        return new Tokens(
            json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
            json.TryGetProperty("scope", out var s) ? s.GetString() : null,
            json.GetProperty("expires_in").GetInt32());
    }

    /// <summary>Login as <paramref name="username"/>, consent, code, token: the whole flow in one call.</summary>
    public static async Task<Tokens> SignInAsync(
        MiniOAuthApplication app, string username = "alice", string? scope = "profile email roles userdata")
    {
        var browser = app.CreateBrowser();
        await LoginAsync(browser, username, username + "pass");
        var code = await AuthorizeAsync(browser, scope, Demo.Challenge);
        return await ExchangeAsync(app.CreateClient(), code, Demo.Verifier);
    }

    public static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;

    /// <summary>The anti-forgery field of an HTML form, for tests that post the real form.</summary>
    public static string AntiforgeryToken(string html) =>
        AntiforgeryPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
