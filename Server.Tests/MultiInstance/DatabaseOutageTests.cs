using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniOAuth.Tests.Infrastructure;
using Npgsql;

namespace MiniOAuth.Tests.MultiInstance;

/// <summary>
/// PostgreSQL going away under a running instance, and coming back: requests meanwhile get 503 with
/// Retry-After in their endpoint's error shape, never 500, and the instance recovers by itself.
/// </summary>
public sealed class DatabaseOutageTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.CreatePostgres();
    private readonly TcpProxy _proxy;
    private readonly MiniOAuthApplication _app;

    public DatabaseOutageTests()
    {
        var direct = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        var address = Dns.GetHostAddresses(direct.Host!).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        _proxy = new TcpProxy(new IPEndPoint(address, direct.Port));
        _proxy.Start();
        var viaProxy = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = _proxy.Port, Timeout = 3 };
        _app = new MiniOAuthApplication(_database, new Dictionary<string, string?> { ["ConnectionStrings:Default"] = viaProxy.ConnectionString });
    }

    public void Dispose()
    {
        _app.Dispose();
        _proxy.Dispose();
        _database.Dispose();
    }

    [PostgresFact]
    public async Task WhileTheDatabaseIsDownRequestsGet503AndAfterItIsBackTheySucceed()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        _proxy.Stop();
        var token = await PostTokenAsync();
        var userinfo = await UserInfoAsync(tokens.AccessToken);
        var login = await _app.CreateClient().PostAsJsonAsync("/oauth/login/", new { username = "alice", password = "alicepass" });
        var health = await _app.CreateClient().GetAsync("/healthz");

        token.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        token.Headers.RetryAfter.Should().NotBeNull();
        (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("temporarily_unavailable");
        userinfo.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        userinfo.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        login.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        health.Headers.RetryAfter.Should().NotBeNull();

        _proxy.Start();
        (await EventuallyAsync(PostTokenAsync)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await EventuallyAsync(() => UserInfoAsync(tokens.AccessToken))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> PostTokenAsync() =>
        OAuthFlow.PostTokenAsync(_app.CreateClient(), new Dictionary<string, string> { ["grant_type"] = "client_credentials" });

    private Task<HttpResponseMessage> UserInfoAsync(string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo/");
        request.Headers.Authorization = new("Bearer", accessToken);
        return _app.CreateClient().SendAsync(request);
    }

    // Connections the pool held when the database went away fail once each; the next ones are new.
    private static async Task<HttpResponseMessage> EventuallyAsync(Func<Task<HttpResponseMessage>> send)
    {
        var response = await send();
        for (var i = 0; i < 20 && response.StatusCode == HttpStatusCode.ServiceUnavailable; i++)
        {
            await Task.Delay(100);
            response = await send();
        }

        return response;
    }
}
