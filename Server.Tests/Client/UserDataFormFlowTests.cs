using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace MiniOAuth.Tests.Client;

/// <summary>The dashboard's userdata form: validated here, saved with If-Match, conflicts shown inline.</summary>
public sealed class UserDataFormFlowTests : IDisposable
{
    private readonly FakeUserDataServer server = new();
    private readonly BackChannel channel;
    private readonly ClientAppFactory app;
    private readonly HttpClient browser;

    public UserDataFormFlowTests()
    {
        channel = server.Channel();
        app = new ClientAppFactory(ClientAppFactory.ExplicitEndpoints("http://as.test"), () => channel);
        browser = app.Browser();
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task TheDashboardShowsTheStoredDataInAnEditorTiedToItsETag()
    {
        var page = await SignInAndOpenDashboardAsync();

        page.Should().Contain("&quot;theme&quot;: &quot;light&quot;");
        Field(page, "etag").Should().Be("\"v1\"");
        Field(page, "__RequestVerificationToken").Should().NotBeEmpty();
    }

    [Fact]
    public async Task AValidObjectIsSavedWithIfMatchAndTheDashboardSaysSo()
    {
        var page = await SignInAndOpenDashboardAsync();

        var save = await PostAsync(page, """{"theme":"dark"}""");
        var after = await browser.GetStringAsync(save.Headers.Location!.OriginalString);

        save.StatusCode.Should().Be(HttpStatusCode.Redirect);
        save.Headers.Location!.OriginalString.Should().Be("/dashboard#newest", "the newest step, the save, is in view");
        after[after.LastIndexOf("<li value=", StringComparison.Ordinal)..].Should().StartWith("<li value=").And.Contain("id=\"newest\"");
        server.Stored.Should().Be("""{"theme":"dark"}""");
        after.Should().Contain("Saved.").And.Contain("&quot;theme&quot;: &quot;dark&quot;");
        Field(after, "etag").Should().Be("\"v2\"");
    }

    [Fact]
    public async Task BadJsonGetsAnInlineMessageAndNothingIsSent()
    {
        var page = await SignInAndOpenDashboardAsync();
        var callsBefore = channel.Requests.Count;

        var save = await PostAsync(page, """["not", "an", "object"]""");

        save.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await save.Content.ReadAsStringAsync();
        html.Should().Contain("must be a JSON object").And.Contain("[&quot;not&quot;");
        channel.Requests.Count.Should().Be(callsBefore);
        server.Stored.Should().Be("""{"theme":"light"}""");
    }

    [Fact]
    public async Task AChangeMadeElsewhereGetsAnInlineConflictAndKeepsTheUsersText()
    {
        var page = await SignInAndOpenDashboardAsync();
        server.ChangeElsewhere("""{"theme":"blue"}""");

        var save = await PostAsync(page, """{"theme":"dark"}""");

        save.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = await save.Content.ReadAsStringAsync();
        html.Should().Contain("changed since this page was loaded").And.Contain("&quot;theme&quot;: &quot;blue&quot;");
        Field(html, "etag").Should().Be("\"v2\"");
        PageFields.Textarea(html).Should().Be("""{"theme":"dark"}""");
        server.Stored.Should().Be("""{"theme":"blue"}""");
    }

    [Fact]
    public async Task AFormWithoutItsFormTokenIsRefused()
    {
        var page = await SignInAndOpenDashboardAsync();

        var save = await browser.PostAsync("/dashboard/userdata", new FormUrlEncodedContent(
            [new("etag", Field(page, "etag")), new("userdata", """{"theme":"evil"}""")]));

        save.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        server.Stored.Should().Be("""{"theme":"light"}""");
    }

    [Theory]
    [InlineData("application/json", "{\"userdata\": \"{}\"}")]
    [InlineData("multipart/form-data; boundary=cut", "--cut\r\nContent-Disposition: form-data; name=\"userdata\"\r\n\r\n{}")]
    public async Task ABodyThatIsNoReadableFormIsRefusedWithA400(string contentType, string body)
    {
        await SignInAndOpenDashboardAsync();

        var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var save = await browser.PostAsync("/dashboard/userdata", content);

        save.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await save.Content.ReadAsStringAsync()).Should().Contain("The form could not be accepted");
        server.Stored.Should().Be("""{"theme":"light"}""");
    }

    [Fact]
    public async Task AnotherSessionsFormTokenIsRefusedWithTheVictimsSession()
    {
        var attacker = await SignInWithoutCookieJarAsync();
        var victim = await SignInWithoutCookieJarAsync();

        // A same-site sibling can set cookies for this host: the attacker's page and token, the victim's session.
        var save = await PostWithCookieAsync(victim.Session, attacker.Page);

        save.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        server.Stored.Should().Be("""{"theme":"light"}""");
    }

    [Fact]
    public async Task ASessionsOwnFormTokenIsAccepted()
    {
        var user = await SignInWithoutCookieJarAsync();

        var save = await PostWithCookieAsync(user.Session, user.Page);

        save.StatusCode.Should().Be(HttpStatusCode.Redirect);
        server.Stored.Should().Be("""{"theme":"evil"}""");
    }

    [Fact]
    public async Task AFormTokenFromBeforeANewSignInIsRefused()
    {
        var before = await SignInAndOpenDashboardAsync();
        var after = await SignInAndOpenDashboardAsync();

        var save = await PostAsync(before, """{"theme":"evil"}""");

        Field(after, "__RequestVerificationToken").Should().NotBe(Field(before, "__RequestVerificationToken"));
        save.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        server.Stored.Should().Be("""{"theme":"light"}""");
    }

    /// <summary>Signs in with a client that keeps no cookies: returns the session cookie and the dashboard.</summary>
    private async Task<(string Session, string Page)> SignInWithoutCookieJarAsync()
    {
        var raw = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        static string Cookie(HttpResponseMessage response, string name) =>
            response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=")).Split(';')[0];

        var login = await raw.GetAsync("/login");
        var state = QueryHelpers.ParseQuery(login.Headers.Location!.Query)["state"];
        var callback = new HttpRequestMessage(HttpMethod.Get, $"/callback?code=c&state={state}");
        callback.Headers.Add("Cookie", Cookie(login, "minioauth_client_session"));
        var session = Cookie(await raw.SendAsync(callback), "minioauth_client_session");
        var dashboard = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        dashboard.Headers.Add("Cookie", session);
        var page = await raw.SendAsync(dashboard);
        page.Headers.Contains("Set-Cookie").Should().BeFalse("the form token lives in the session, not in a cookie of its own");
        return (session, await page.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> PostWithCookieAsync(string session, string page)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/userdata") { Content = PageFields.UserDataForm(page, """{"theme":"evil"}""") };
        request.Headers.Add("Cookie", session);
        return app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);
    }

    private async Task<string> SignInAndOpenDashboardAsync()
    {
        var login = await browser.GetAsync("/login");
        var state = QueryHelpers.ParseQuery(login.Headers.Location!.Query)["state"];
        (await browser.GetAsync($"/callback?code=c&state={state}")).Headers.Location!.OriginalString.Should().Be("/dashboard");
        return await browser.GetStringAsync("/dashboard");
    }

    private Task<HttpResponseMessage> PostAsync(string page, string userdata) =>
        browser.PostAsync("/dashboard/userdata", PageFields.UserDataForm(page, userdata));

    private static string Field(string html, string name) => PageFields.Field(html, name);
}
