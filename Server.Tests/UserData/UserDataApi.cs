using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.Clients;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.UserData;

/// <summary>Who calls the store: a client's API key or a user's access token (or, to test the rule, both).</summary>
public sealed record Caller(string? ApiKey = null, string? Token = null)
{
    public static readonly Caller DemoKey = new(Demo.ApiKey);

    public static Caller Key(string apiKey) => new(apiKey);

    public static Caller Bearer(string token) => new(Token: token);
}

/// <summary>Requests to <c>/oauth/userdata/{user_id}/</c> and the set-up they need.</summary>
public static class UserDataApi
{
    public const string MergePatchType = "application/merge-patch+json";

    public static HttpRequestMessage Request(
        HttpMethod method, string userId, Caller caller, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, $"/oauth/userdata/{Uri.EscapeDataString(userId)}/");
        if (caller.ApiKey is not null)
        {
            request.Headers.Add("X-API-Key", caller.ApiKey);
        }

        if (caller.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
        }

        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return request;
    }

    public static Task<HttpResponseMessage> SendAsync(
        MiniOAuthApplication app, HttpMethod method, string userId, Caller caller, string? json = null,
        string contentType = "application/json") =>
        app.CreateClient().SendAsync(Request(method, userId, caller, json, contentType));

    public static Task<HttpResponseMessage> PutAsync(MiniOAuthApplication app, string userId, string json, Caller? caller = null) =>
        SendAsync(app, HttpMethod.Put, userId, caller ?? Caller.DemoKey, json);

    public static Task<HttpResponseMessage> PatchAsync(MiniOAuthApplication app, string userId, string json, Caller? caller = null) =>
        SendAsync(app, HttpMethod.Patch, userId, caller ?? Caller.DemoKey, json, MergePatchType);

    /// <summary>The stored object as the server returns it, checking that the read succeeds.</summary>
    public static async Task<string> GetAsync(MiniOAuthApplication app, string userId, Caller? caller = null)
    {
        var response = await SendAsync(app, HttpMethod.Get, userId, caller ?? Caller.DemoKey);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, body);
        return body;
    }

    /// <summary>Logs the user in and consents to the client, so that its API key reaches them; returns the user id.</summary>
    public static async Task<string> ConsentAsync(
        MiniOAuthApplication app, string username, string clientId = Demo.ClientId, string redirectUri = Demo.RedirectUri)
    {
        var browser = app.CreateBrowser();
        var userId = await OAuthFlow.LoginAsync(browser, username, username + "pass");
        await OAuthFlow.AuthorizeAsync(browser, "profile", Demo.Challenge, clientId, redirectUri);
        return userId;
    }

    public static Task<string> UserIdAsync(MiniOAuthApplication app, string username) =>
        app.WithDbAsync(db => db.Users.Where(u => u.NormalizedUsername == username).Select(u => u.Id).SingleAsync());

    /// <summary>A second confidential client, registered as an admin would; returns its id and API key.</summary>
    public static async Task<(string ClientId, string ApiKey, string RedirectUri)> RegisterClientAsync(MiniOAuthApplication app)
    {
        const string redirectUri = "http://localhost:5001/callback";
        await using var scope = app.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<ClientRegistration>()
            .CreateAsync(new NewClient("Second app", [redirectUri], IsPublic: false));
        return (registered.Client.Id, registered.ApiKey!, redirectUri);
    }

    /// <summary>A JSON object nested <paramref name="depth"/> levels deep; depth 1 is <c>{}</c>.</summary>
    public static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);
}
