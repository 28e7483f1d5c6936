using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Http;

public sealed class CodeFlowTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ABrowserLogsInConsentsAndTheCodeBuysATokenThatReadsUserinfo()
    {
        var browser = _app.CreateBrowser();

        var toLogin = await browser.GetAsync(OAuthFlow.AuthorizePath(scope: "profile email"));
        var loginPage = await browser.GetStringAsync(toLogin.Headers.Location);
        var loggedIn = await browser.PostAsync("/oauth/login/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OAuthFlow.AntiforgeryToken(loginPage),
            ["username"] = "alice", ["password"] = "alicepass",
            ["returnUrl"] = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(loginPage, "name=\"returnUrl\" value=\"([^\"]*)\"").Groups[1].Value),
        }));
        var consentPage = await browser.GetStringAsync(loggedIn.Headers.Location);
        var allowed = await browser.PostAsync("/oauth/authorize/", ConsentForm(consentPage, "allow"));

        toLogin.StatusCode.Should().Be(HttpStatusCode.Found);
        loggedIn.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        allowed.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var callback = allowed.Headers.Location!;
        callback.GetLeftPart(UriPartial.Path).Should().Be(Demo.RedirectUri);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query);
        query["state"].ToString().Should().Be("xyz");
        query["iss"].ToString().Should().Be(MiniOAuthApplication.Issuer);

        var tokens = await OAuthFlow.ExchangeAsync(_app.CreateClient(), query["code"]!);
        var userinfo = await UserInfoAsync(tokens.AccessToken);
        userinfo.GetProperty("username").GetString().Should().Be("alice");
        userinfo.GetProperty("email").GetString().Should().Be("alice@example.com");
        userinfo.GetProperty("sub").GetString().Should().Be(userinfo.GetProperty("id").GetString());
    }

    private static FormUrlEncodedContent ConsentForm(string consentPage, string decision)
    {
        var fields = System.Text.RegularExpressions.Regex.Matches(consentPage, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["decision"] = decision;
        return new FormUrlEncodedContent(fields);
    }

    private async Task<JsonElement> UserInfoAsync(string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await _app.CreateClient().SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
