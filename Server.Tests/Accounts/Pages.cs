using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Accounts;

/// <summary>Helpers for the account and admin pages: a signed-in browser, a page's form posted with its token, token checks.</summary>
internal static partial class Pages
{
    public const string TokenField = "__RequestVerificationToken";

    public static async Task<HttpClient> SignedInBrowserAsync(MiniOAuthApplication app, string username = "alice", string? password = null)
    {
        var browser = app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser, username, password ?? username + "pass");
        return browser;
    }

    /// <summary>Opens <paramref name="page"/>, then posts <paramref name="fields"/> to <paramref name="action"/> with that page's anti-forgery token.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string page, string action, params (string Name, string Value)[] fields)
    {
        var html = await browser.GetStringAsync(page);
        return await PostAsync(browser, action, [(TokenField, OAuthFlow.AntiforgeryToken(html)), .. fields]);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient browser, string action, params (string Name, string Value)[] fields) =>
        browser.PostAsync(action, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    /// <summary>The status of a userinfo request with the access token: 200 while it lives, 401 once it is revoked.</summary>
    public static async Task<HttpStatusCode> UserInfoStatusAsync(MiniOAuthApplication app, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }

    public static Task<HttpResponseMessage> RefreshAsync(MiniOAuthApplication app, string refreshToken) =>
        OAuthFlow.PostTokenAsync(app.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken,
        });

    public static Task<HttpResponseMessage> ClientCredentialsAsync(MiniOAuthApplication app, string clientId, string secret) =>
        OAuthFlow.PostTokenAsync(app.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["scope"] = "profile",
        }, clientId, secret);

    /// <summary>The text of an element with the given id, e.g. the secret shown once.</summary>
    public static string? ElementText(string html, string id) =>
        Regex.Match(html, $"id=\"{Regex.Escape(id)}\">([^<]*)<") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public static string Location(HttpResponseMessage response) => response.Headers.Location!.OriginalString;
}
