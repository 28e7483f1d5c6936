using System.Net;
using System.Text;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Client;

/// <summary>The dashboard's userdata, read and saved with the API key at the real server's store.</summary>
public sealed class ClientUserDataTests : IDisposable
{
    private readonly ClientAndServer apps = new();

    public void Dispose() => apps.Dispose();

    [Fact]
    public async Task TheDashboardReadsTheUsersDataWithTheApiKey()
    {
        var page = await SignInAndOpenDashboardAsync();

        PageFields.Textarea(page).Should().Be("{}");
        PageFields.Field(page, "etag").Should().StartWith("\"");
        var read = apps.Calls.Single(call => call.Path.StartsWith("/oauth/userdata/"));
        read.Method.Should().Be(HttpMethod.Get);
        read.Authorization.Should().BeNull();
    }

    [Fact]
    public async Task SavingTheFormStoresTheObjectAtTheServer()
    {
        var page = await SignInAndOpenDashboardAsync();

        var save = await apps.ClientBrowser.PostAsync("/dashboard/userdata", PageFields.UserDataForm(page, """{"theme": "dark"}"""));
        var after = await apps.ClientBrowser.GetStringAsync("/dashboard");

        save.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ServerSideAsync(page)).Should().Be("""{"theme":"dark"}""");
        after.Should().Contain("Saved.");
        PageFields.Field(after, "etag").Should().NotBe(PageFields.Field(page, "etag"));
    }

    [Fact]
    public async Task AStaleFormIsRefusedWithAnInlineConflictAndTheServersDataIsKept()
    {
        var page = await SignInAndOpenDashboardAsync();
        await PutDirectlyAsync(PageFields.UserId(page), """{"theme":"blue"}""");

        var save = await apps.ClientBrowser.PostAsync("/dashboard/userdata", PageFields.UserDataForm(page, """{"theme": "dark"}"""));

        save.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await save.Content.ReadAsStringAsync()).Should().Contain("changed since this page was loaded");
        (await ServerSideAsync(page)).Should().Be("""{"theme":"blue"}""");
    }

    [Fact]
    public async Task AnObjectTheServerRefusesGetsAnInlineMessage()
    {
        var page = await SignInAndOpenDashboardAsync();
        var tooDeep = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);

        var save = await apps.ClientBrowser.PostAsync("/dashboard/userdata", PageFields.UserDataForm(page, tooDeep));

        save.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await save.Content.ReadAsStringAsync()).Should().Contain("The server refused to save it");
        (await ServerSideAsync(page)).Should().Be("{}");
    }

    private async Task<string> SignInAndOpenDashboardAsync()
    {
        (await apps.SignInAsync("alice")).Headers.Location!.OriginalString.Should().Be("/dashboard");
        return await apps.ClientBrowser.GetStringAsync("/dashboard");
    }

    private async Task<string> ServerSideAsync(string page)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/oauth/userdata/{PageFields.UserId(page)}/");
        request.Headers.Add("X-API-Key", Demo.ApiKey);
        return await (await apps.Server.CreateClient().SendAsync(request)).Content.ReadAsStringAsync();
    }

    private async Task PutDirectlyAsync(string userId, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/oauth/userdata/{userId}/")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", Demo.ApiKey);
        (await apps.Server.CreateClient().SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
