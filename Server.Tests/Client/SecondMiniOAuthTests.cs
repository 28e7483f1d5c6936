using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Client;

/// <summary>
/// A second, real MiniOAuth server as a provider (<c>Client:Providers:second</c>), known by its Authority
/// alone: everything the client does there comes from its metadata, beside the default server.
/// </summary>
public sealed class SecondMiniOAuthTests : IAsyncLifetime
{
    private const string SecondIssuer = "http://second.test";

    private readonly MiniOAuthApplication first = new();
    private readonly MiniOAuthApplication second = new(new Dictionary<string, string?> { ["OAuth:Issuer"] = SecondIssuer });
    private BackChannel channel = null!;
    private ClientAppFactory client = null!;
    private HttpClient clientBrowser = null!;
    private HttpClient secondBrowser = null!;

    public async Task InitializeAsync()
    {
        // The second server's demo client also accepts the client's callback for it, as its administrator would register.
        await second.WithDbAsync(async db =>
        {
            var demo = await db.Clients.SingleAsync(c => c.Id == Demo.ClientId);
            demo.RedirectUris = [.. demo.RedirectUris, "http://localhost:5000/callback/second"];
            return await db.SaveChangesAsync();
        });
        var (toFirst, toSecond) = (new HttpMessageInvoker(first.Server.CreateHandler()), new HttpMessageInvoker(second.Server.CreateHandler()));
        channel = new BackChannel(request =>
            (request.RequestUri!.Host == "second.test" ? toSecond : toFirst).SendAsync(request, CancellationToken.None));
        client = new ClientAppFactory(
            new Dictionary<string, string?>
            {
                ["Client:Authority"] = MiniOAuthApplication.Issuer,
                ["Client:Providers:second:DisplayName"] = "Second MiniOAuth",
                ["Client:Providers:second:Authority"] = SecondIssuer,
                ["Client:Providers:second:ClientId"] = Demo.ClientId,
                ["Client:Providers:second:ClientSecret"] = Demo.ClientSecret,
                ["Client:Providers:second:ApiKey"] = Demo.ApiKey,
                ["Client:Providers:second:Scopes"] = "profile email userdata",
            },
            () => channel,
            second.Clock);
        clientBrowser = client.Browser();
        secondBrowser = second.CreateBrowser();
    }

    public Task DisposeAsync()
    {
        client.Dispose();
        second.Dispose();
        first.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SigningInWithTheSecondServerShowsItsUserAndItsUserdata()
    {
        var callback = await SignInAtSecondAsync("bob");

        var page = WebUtility.HtmlDecode(await clientBrowser.GetStringAsync("/dashboard"));

        callback.Headers.Location!.OriginalString.Should().Be("/dashboard");
        page.Should().Contain("Signed in as bob").And.Contain("bob@example.com").And.Contain("<dd>Second MiniOAuth</dd>");
        PageFields.Textarea(page).Should().Be("{}");
        channel.Requests.Should().OnlyContain(call => call.Uri.Host == "second.test");
    }

    [Fact]
    public async Task LogoutEndsTheTokensAtTheSecondServerAndSendsTheBrowserThroughItsLogout()
    {
        await SignInAtSecondAsync("bob");
        await clientBrowser.GetStringAsync("/dashboard");
        var accessToken = channel.Headers.Last(call => call.Uri.AbsolutePath == "/oauth/userinfo/").Headers["Authorization"]["Bearer ".Length..];

        var logout = await clientBrowser.GetAsync("/logout");
        var serverLogout = await secondBrowser.GetAsync(logout.Headers.Location!.PathAndQuery);

        logout.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be($"{SecondIssuer}/oauth/logout/");
        serverLogout.Headers.Location.Should().Be(new Uri("http://localhost:5000/"));
        var userinfo = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo/") { Headers = { Authorization = new("Bearer", accessToken) } };
        (await second.CreateClient().SendAsync(userinfo)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        channel.Requests.Should().Contain(call => call.Uri == new Uri($"{SecondIssuer}/oauth/revoke/"));
    }

    private async Task<HttpResponseMessage> SignInAtSecondAsync(string username)
    {
        await OAuthFlow.LoginAsync(secondBrowser, username, username + "pass");
        var login = await clientBrowser.GetAsync("/login?provider=second");
        login.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be($"{SecondIssuer}/oauth/authorize/");
        var authorize = await OAuthFlow.GetJsonAsync(secondBrowser, login.Headers.Location.PathAndQuery);
        if (authorize.StatusCode == HttpStatusCode.Forbidden)
        {
            var fields = QueryHelpers.ParseQuery(login.Headers.Location.Query).ToDictionary(field => field.Key, field => field.Value.ToString());
            fields["decision"] = "allow";
            authorize = await secondBrowser.PostAsJsonAsync("/oauth/authorize/", fields);
        }

        var redirectTo = new Uri(JsonDocument.Parse(await authorize.Content.ReadAsStringAsync()).RootElement.GetProperty("redirect_to").GetString()!);
        redirectTo.GetLeftPart(UriPartial.Path).Should().Be("http://localhost:5000/callback/second");
        return await clientBrowser.GetAsync(redirectTo.PathAndQuery);
    }
}
