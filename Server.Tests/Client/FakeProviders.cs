using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace MiniOAuth.Tests.Client;

/// <summary>
/// Two providers other than MiniOAuth, for the client's back channel: <c>hub</c> has GitHub's habits (no
/// metadata, a form-encoded token answer, errors with status 200, <c>login</c> instead of
/// <c>preferred_username</c>, a numeric <c>id</c>, no revocation and no logout); <c>other</c> is any
/// RFC 8414 server, known by its Authority alone, with revocation and an end-session endpoint but no
/// userdata. Anything else the client asks is answered 404, and every request is recorded.
/// </summary>
internal static class FakeProviders
{
    public const string HubAuthorize = "https://hub.test/login/oauth/authorize";
    public const string OtherIssuer = "http://other.test";

    /// <summary>The default provider at <c>http://as.test</c> (endpoints configured) plus <c>hub</c> and <c>other</c>.</summary>
    public static Dictionary<string, string?> Settings()
    {
        var settings = ClientAppFactory.ExplicitEndpoints("http://as.test");
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Client:Providers:hub:DisplayName"] = "Hub",
            ["Client:Providers:hub:ClientId"] = "hub-client",
            ["Client:Providers:hub:ClientSecret"] = "hub-secret",
            ["Client:Providers:hub:AuthorizationEndpoint"] = HubAuthorize,
            ["Client:Providers:hub:TokenEndpoint"] = "https://hub.test/login/oauth/access_token",
            ["Client:Providers:hub:UserInfoEndpoint"] = "https://api.hub.test/user",
            ["Client:Providers:hub:Scopes"] = "read:user",
            ["Client:Providers:other:DisplayName"] = "Other Server",
            ["Client:Providers:other:Authority"] = OtherIssuer,
            ["Client:Providers:other:ClientId"] = "other-client",
            ["Client:Providers:other:ClientSecret"] = "other-secret",
        })
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>All three on one back channel, told apart by host; <c>as.test</c> answers like MiniOAuth's token and userinfo.</summary>
    public static BackChannel Channel(string otherMetadata = OtherMetadata) => new(request => AnswerAsync(request, otherMetadata));

    public const string OtherMetadata = """
        {"issuer":"http://other.test","authorization_endpoint":"http://other.test/authorize","token_endpoint":"http://other.test/token",
         "userinfo_endpoint":"http://other.test/me","revocation_endpoint":"http://other.test/revoke",
         "end_session_endpoint":"http://other.test/logout","authorization_response_iss_parameter_supported":true}
        """;

    /// <summary>Follows <c>loginPath</c>, then brings the browser back to <paramref name="callbackPath"/> with a code and the state.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(
        HttpClient browser, string loginPath, string callbackPath, string code = "good-code", string? iss = null)
    {
        var login = await browser.GetAsync(loginPath);
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var state = QueryHelpers.ParseQuery(login.Headers.Location!.Query)["state"];
        return await browser.GetAsync(QueryHelpers.AddQueryString(callbackPath, new Dictionary<string, StringValues>
        {
            ["code"] = code,
            ["state"] = state,
            ["iss"] = iss is null ? StringValues.Empty : new StringValues(iss),
        }));
    }

    public static async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, string otherMetadata = OtherMetadata) => (request.RequestUri!.Host, request.RequestUri.AbsolutePath) switch
    {
        // GitHub answers a bad code with status 200 and an error, and a good one form-encoded unless it honours Accept.
        ("hub.test", "/login/oauth/access_token") => (await request.Content!.ReadAsStringAsync()).Contains("code=bad-code")
            ? BackChannel.Form("error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.")
            : BackChannel.Form("access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=read%3Auser&token_type=bearer"),
        ("api.hub.test", "/user") => BackChannel.Json(HttpStatusCode.OK,
            """{"login":"octocat","id":583231,"name":"The Octocat","email":null,"html_url":"https://hub.test/octocat"}"""),
        ("other.test", "/.well-known/oauth-authorization-server") => BackChannel.Json(HttpStatusCode.OK, otherMetadata),
        ("other.test", "/token") => BackChannel.Json(HttpStatusCode.OK,
            """{"access_token":"other-access","token_type":"Bearer","expires_in":900,"refresh_token":"other-refresh"}"""),
        ("other.test", "/me") => BackChannel.Json(HttpStatusCode.OK, """{"sub":"o-7","preferred_username":"olivia","email":"olivia@other.test"}"""),
        ("other.test", "/revoke") => BackChannel.Json(HttpStatusCode.OK, "{}"),
        ("as.test", "/oauth/token/") => BackChannel.Json(HttpStatusCode.OK,
            """{"access_token":"as-access","token_type":"Bearer","expires_in":900,"refresh_token":"as-refresh"}"""),
        ("as.test", "/oauth/userinfo/") => BackChannel.Json(HttpStatusCode.OK, """{"sub":"u1","id":"u1","username":"alice"}"""),
        ("as.test", "/oauth/userdata/u1/") => BackChannel.Json(HttpStatusCode.OK, "{}"),
        _ => new HttpResponseMessage(HttpStatusCode.NotFound),
    };
}
