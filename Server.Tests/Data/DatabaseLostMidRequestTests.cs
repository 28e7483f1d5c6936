using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Postgres;
using MiniOAuth.Tests.Accounts;
using MiniOAuth.Tests.Infrastructure;
using Npgsql;

namespace MiniOAuth.Tests.Data;

/// <summary>
/// The database lost between two writes of one request: the request answers 503, and nothing of it stays
/// written, so that the client's retry does all of it (issue 18). A second server on the same database
/// loses its connection at one statement; the first one, unharmed, serves the retry.
/// </summary>
public sealed class DatabaseLostMidRequestTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();
    private readonly System.Net.CookieContainer _cookies = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ALogoutThatLosesTheDatabaseBeforeEndingTheGrantLeavesTheTokenLiveForTheRetry()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var lost = await BearerPostAsync(LosingTheDatabaseAt("UPDATE \"Grants\""), "/oauth/logout/", tokens.AccessToken);
        var userInfo = await BearerPostAsync(_app.CreateClient(), "/oauth/userinfo/", tokens.AccessToken);
        var retry = await BearerPostAsync(_app.CreateClient(), "/oauth/logout/", tokens.AccessToken);

        lost.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        userInfo.StatusCode.Should().Be(HttpStatusCode.OK, "the token's revocation was not kept without the grant's");
        retry.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await OAuthFlow.ErrorOf(await OAuthFlow.PostTokenAsync(_app.CreateClient(), RefreshForm(tokens.RefreshToken!)))).Should().Be("invalid_grant");
    }

    [Fact]
    public async Task AConsentThatLosesTheDatabaseBeforeItsCodeIsWrittenIsNotRemembered()
    {
        await OAuthFlow.LoginAsync(Browser(_app));
        var request = new Dictionary<string, string>
        {
            ["response_type"] = "code", ["client_id"] = Demo.ClientId, ["redirect_uri"] = Demo.RedirectUri, ["scope"] = "profile",
            ["decision"] = "allow",
        };

        var lost = await Browser(LosingTheDatabaseAt("INSERT INTO \"AuthorizationCodes\"")).PostAsJsonAsync("/oauth/authorize/", request);
        var again = await OAuthFlow.GetJsonAsync(Browser(_app), OAuthFlow.AuthorizePath(scope: "profile"));

        lost.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        again.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the user is asked again: the consent went with its code");
    }

    [Fact]
    public async Task ASignUpThatLosesTheDatabaseBeforeItsSessionIsWrittenCanBeSentAgain()
    {
        Task<HttpResponseMessage> SignUpAsync(WebApplicationFactory<Program> server) =>
            Pages.SubmitAsync(Browser(server), "/oauth/register/", "/oauth/register/",
                ("username", "carol"), ("email", "carol@example.com"), ("password", "a long password"), ("returnUrl", ""));

        var lost = await SignUpAsync(LosingTheDatabaseAt("INSERT INTO \"LoginSessions\""));
        var retry = await SignUpAsync(_app);

        lost.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        retry.StatusCode.Should().Be(HttpStatusCode.SeeOther, "the user was not kept without its session, so the name is not taken");
    }

    // A second server on the same database whose connection breaks at the statement that starts with sql.
    private WebApplicationFactory<Program> LosingTheDatabaseAt(string sql) => _app.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
    {
        services.ConfigureDbContext<MiniOAuthDb>(db => db.AddInterceptors(new ConnectionLostAt(sql)));
        services.ConfigureDbContext<PostgresMiniOAuthDb>(db => db.AddInterceptors(new ConnectionLostAt(sql)));
    }));

    private HttpClient Browser(WebApplicationFactory<Program> server) =>
        server.CreateDefaultClient(new Uri("http://localhost/"), new CookieContainerHandler(_cookies));

    private static Task<HttpResponseMessage> BearerPostAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new("Bearer", token);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> BearerPostAsync(WebApplicationFactory<Program> server, string path, string token) =>
        BearerPostAsync(server.CreateClient(), path, token);

    private static Dictionary<string, string> RefreshForm(string refreshToken) =>
        new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };

    /// <summary>Throws what Npgsql throws when the connection breaks, at every command that starts with <paramref name="sql"/>.</summary>
    private sealed class ConnectionLostAt(string sql) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default) =>
            Lose(command) ? throw Lost() : ValueTask.FromResult(result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default) =>
            Lose(command) ? throw Lost() : ValueTask.FromResult(result);

        private bool Lose(DbCommand command) => command.CommandText.TrimStart().StartsWith(sql, StringComparison.Ordinal);

        private static NpgsqlException Lost() => new("Exception while writing to stream", new IOException("Broken pipe"));
    }
}
