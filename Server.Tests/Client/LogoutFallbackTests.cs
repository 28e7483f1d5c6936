using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace MiniOAuth.Tests.Client;

/// <summary>When the server refuses the bearer logout (an expired access token), the refresh token is revoked on its own.</summary>
public sealed class LogoutFallbackTests
{
    [Fact]
    public async Task ARefusedBearerLogoutFallsBackToRevokingTheRefreshToken()
    {
        var channel = new BackChannel(request => Task.FromResult(request.RequestUri!.AbsolutePath switch
        {
            "/oauth/token/" => BackChannel.Json(HttpStatusCode.OK,
                """{"access_token":"access-1","token_type":"Bearer","expires_in":900,"refresh_token":"refresh-1"}"""),
            "/oauth/logout/" => new HttpResponseMessage(HttpStatusCode.Unauthorized),
            _ => new HttpResponseMessage(HttpStatusCode.OK),
        }));
        var settings = ClientAppFactory.ExplicitEndpoints("http://as.test");
        settings["Client:RevocationEndpoint"] = "http://as.test/oauth/revoke/";
        using var app = new ClientAppFactory(settings, () => channel);
        var browser = app.Browser();
        var state = (await ClientAppFactory.StartLoginAsync(browser))["state"];
        await browser.GetAsync($"/callback?code=c&state={state}");

        var logout = await browser.GetAsync("/logout");

        logout.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var calls = channel.Requests.Select(call => call.Uri.AbsolutePath).ToList();
        calls.Should().Equal("/oauth/token/", "/oauth/logout/", "/oauth/revoke/");
        var revoke = QueryHelpers.ParseQuery(channel.Requests.Last().Body);
        revoke["token"].ToString().Should().Be("refresh-1");
        revoke["token_type_hint"].ToString().Should().Be("refresh_token");
    }
}
