using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Accounts;

/// <summary>Every form of the account and admin pages is refused without its anti-forgery field, and nothing changes.</summary>
public sealed class AntiforgeryTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, string[]> Forms => new()
    {
        { "/oauth/register/", ["username", "carol", "email", "carol@example.com", "password", "a long password"] },
        { "/oauth/account/password/", ["current_password", "adminpass", "new_password", "a long password", "confirm_password", "a long password"] },
        { "/oauth/account/apps/revoke/", ["client_id", "23423423"] },
        { "/oauth/account/signout/", [] },
        { "/oauth/admin/clients/", ["name", "Shop", "redirect_uris", "https://shop.example/cb", "grant", "authorization_code"] },
        { "/oauth/admin/clients/23423423/", ["name", "Renamed", "redirect_uris", "https://shop.example/cb", "grant", "authorization_code"] },
        { "/oauth/admin/clients/23423423/rotate-secret/", [] },
        { "/oauth/admin/clients/23423423/rotate-api-key/", [] },
        { "/oauth/admin/clients/23423423/delete/", [] },
        { "/oauth/admin/users/{alice}/roles/", ["roles", "admin"] },
        { "/oauth/admin/users/{alice}/disable/", [] },
        { "/oauth/admin/users/{bob}/enable/", [] },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task AFormWithoutItsAntiforgeryFieldIsRefusedAndChangesNothing(string action, string[] fields)
    {
        var (admin, path) = await ArrangeAsync(action);
        var before = await StateAsync();

        var response = await Pages.PostAsync(admin, path, Pairs(fields));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Nothing was changed.");
        (await StateAsync()).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task AFormWithAnotherBrowsersAntiforgeryFieldIsRefusedAndChangesNothing(string action, string[] fields)
    {
        var (admin, path) = await ArrangeAsync(action);
        var attackersToken = OAuthFlow.AntiforgeryToken(await _app.CreateBrowser().GetStringAsync("/oauth/register/"));
        var before = await StateAsync();

        var response = await Pages.PostAsync(admin, path, [(Pages.TokenField, attackersToken), .. Pairs(fields)]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await StateAsync()).Should().Be(before);
    }

    /// <summary>
    /// The attack of a same-site sibling (another port of localhost, a subdomain), which can set cookies
    /// for the server's host: it takes a whole token pair, the hidden field and the antiforgery cookie,
    /// as an anonymous visitor or with a session of its own, and posts it with the victim's session.
    /// </summary>
    [Theory]
    [MemberData(nameof(Forms))]
    public async Task ATokenPairTakenAnonymouslyIsRefusedWithTheVictimsSession(string action, string[] fields)
    {
        var (_, path) = await ArrangeAsync(action);
        var victimSession = await SessionCookieAsync("admin");
        var (attackerCookie, attackerField) = await TokenPairAsync(session: null);
        var before = await StateAsync();

        var response = await PostWithCookiesAsync(path, [victimSession, attackerCookie], [(Pages.TokenField, attackerField), .. Pairs(fields)]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await StateAsync()).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task ATokenPairOfAnotherSessionIsRefusedWithTheVictimsSession(string action, string[] fields)
    {
        var (_, path) = await ArrangeAsync(action);
        var victimSession = await SessionCookieAsync("admin");
        var (attackerCookie, attackerField) = await TokenPairAsync(await SessionCookieAsync("alice"));
        var before = await StateAsync();

        var response = await PostWithCookiesAsync(path, [victimSession, attackerCookie], [(Pages.TokenField, attackerField), .. Pairs(fields)]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await StateAsync()).Should().Be(before);
    }

    [Fact]
    public async Task ATokenPairOfTheSameSessionIsAccepted()
    {
        var session = await SessionCookieAsync("admin");
        var (cookie, field) = await TokenPairAsync(session);

        var response = await PostWithCookiesAsync("/oauth/admin/clients/23423423/rotate-secret/", [session, cookie], [(Pages.TokenField, field)]);

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
    }

    /// <summary>The session cookie (<c>name=value</c>) of a fresh JSON login.</summary>
    private async Task<string> SessionCookieAsync(string username)
    {
        var login = await _app.CreateClient().PostAsJsonAsync("/oauth/login/", new { username, password = username + "pass" });
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("minioauth_server_session=")).Split(';')[0];
    }

    /// <summary>The antiforgery cookie and hidden field that a page gives a browser with this session (or none).</summary>
    private async Task<(string Cookie, string Field)> TokenPairAsync(string? session)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, session is null ? "/oauth/register/" : "/oauth/account/");
        if (session is not null)
        {
            request.Headers.Add("Cookie", session);
        }

        var response = await _app.CreateClient().SendAsync(request);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("minioauth_server_antiforgery=")).Split(';')[0];
        return (cookie, OAuthFlow.AntiforgeryToken(await response.Content.ReadAsStringAsync()));
    }

    private Task<HttpResponseMessage> PostWithCookiesAsync(string path, string[] cookies, (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        return _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);
    }

    [Fact]
    public async Task AJsonBodyIsNotAForm()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");
        var before = await StateAsync();

        var response = await admin.PostAsync("/oauth/admin/clients/23423423/delete/", new StringContent("{}", null, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await StateAsync()).Should().Be(before);
    }

    /// <summary>An admin browser with a consent of its own (so that there is an app to revoke), and bob disabled (so that there is one to enable).</summary>
    private async Task<(HttpClient Admin, string Path)> ArrangeAsync(string action)
    {
        await OAuthFlow.SignInAsync(_app, "admin");
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");
        await _app.WithDbAsync(db => db.Users.Where(u => u.Username == "bob").ExecuteUpdateAsync(set => set.SetProperty(u => u.IsDisabled, true)));
        var ids = await _app.WithDbAsync(db => db.Users.ToDictionaryAsync(u => u.Username, u => u.Id));
        return (admin, action.Replace("{alice}", ids["alice"]).Replace("{bob}", ids["bob"]));
    }

    private static (string, string)[] Pairs(string[] fields) => [.. fields.Chunk(2).Select(p => (p[0], p[1]))];

    /// <summary>Everything a form could change, as one string to compare.</summary>
    private Task<string> StateAsync() => _app.WithDbAsync(async db => JsonSerializer.Serialize(new
    {
        users = await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.Username, u.PasswordHash, u.Roles, u.IsDisabled }).ToListAsync(),
        clients = await db.Clients.AsNoTracking().OrderBy(c => c.Id).ToListAsync(),
        consents = await db.Consents.AsNoTracking().OrderBy(c => c.UserId).ToListAsync(),
        sessions = await db.LoginSessions.AsNoTracking().OrderBy(s => s.Hash).Select(s => s.Hash).ToListAsync(),
        grants = await db.Grants.AsNoTracking().OrderBy(g => g.Id).ToListAsync(),
        refreshTokens = await db.RefreshTokens.AsNoTracking().CountAsync(),
        userData = await db.UserData.AsNoTracking().CountAsync(),
    }));
}
