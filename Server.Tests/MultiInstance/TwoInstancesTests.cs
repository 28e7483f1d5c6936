using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using MiniOAuth.Server.Token;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.MultiInstance;

/// <summary>
/// Every guarantee of one instance holds for two instances on one PostgreSQL database (issue 10).
/// Needs <c>MINIOAUTH_TEST_POSTGRES</c>; skipped without it unless <c>MINIOAUTH_REQUIRE_POSTGRES=1</c>.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private readonly TwoInstances _pair = new();

    public Task InitializeAsync() => _pair.StartAsync();

    public Task DisposeAsync()
    {
        _pair.Dispose();
        return Task.CompletedTask;
    }

    [PostgresFact]
    public async Task InstancesStartingAtOnceMakeOneSigningKeyOneDataProtectionKeyAndTheDemoDataOnce()
    {
        var counts = await _pair.A.WithDbAsync(async db =>
            (SigningKeys: await db.SigningKeys.CountAsync(), DataProtectionKeys: await db.DataProtectionKeys.CountAsync(),
             Users: await db.Users.CountAsync()));

        var jwksA = await _pair.A.CreateClient().GetStringAsync("/oauth/jwks/");
        var jwksB = await _pair.B.CreateClient().GetStringAsync("/oauth/jwks/");

        counts.Should().Be((1, 1, 3));
        jwksB.Should().Be(jwksA);
    }

    [PostgresFact]
    public async Task AccessTokenIssuedByOneIsAcceptedAtUserInfoByTheOther()
    {
        var tokens = await OAuthFlow.SignInAsync(_pair.A);

        var response = await TwoInstances.BearerAsync(_pair.B, HttpMethod.Get, "/oauth/userinfo/", tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("username").GetString().Should().Be("alice");
    }

    [PostgresFact]
    public async Task AccessTokenIssuedByOneIsIntrospectedAndRevokedByTheOther()
    {
        var tokens = await OAuthFlow.SignInAsync(_pair.A);
        var before = await TwoInstances.IntrospectAsync(_pair.B, tokens.AccessToken);

        var revoke = await TwoInstances.PostAsDemoClientAsync(_pair.B, "/oauth/revoke/", new() { ["token"] = tokens.AccessToken });

        revoke.StatusCode.Should().Be(HttpStatusCode.OK);
        before.GetProperty("active").GetBoolean().Should().BeTrue();
        before.GetProperty("username").GetString().Should().Be("alice");
        (await TwoInstances.IntrospectAsync(_pair.A, tokens.AccessToken)).GetProperty("active").GetBoolean().Should().BeFalse();
        (await TwoInstances.BearerAsync(_pair.A, HttpMethod.Get, "/oauth/userinfo/", tokens.AccessToken))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [PostgresFact]
    public async Task LogoutOnOneEndsTheTokensOnTheOtherAtOnce()
    {
        var tokens = await OAuthFlow.SignInAsync(_pair.A);

        var logout = await TwoInstances.BearerAsync(_pair.A, HttpMethod.Post, "/oauth/logout/", tokens.AccessToken);

        logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await TwoInstances.BearerAsync(_pair.B, HttpMethod.Get, "/oauth/userinfo/", tokens.AccessToken))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var refresh = await OAuthFlow.PostTokenAsync(_pair.B.CreateClient(), RefreshForm(tokens.RefreshToken!));
        (await OAuthFlow.ErrorOf(refresh)).Should().Be("invalid_grant");
    }

    [PostgresFact]
    public async Task LoginSessionMadeOnOneWorksOnTheOther()
    {
        await OAuthFlow.LoginAsync(_pair.BrowserOn(_pair.A));

        var code = await OAuthFlow.AuthorizeAsync(_pair.BrowserOn(_pair.B), "profile", Demo.Challenge);

        var tokens = await OAuthFlow.ExchangeAsync(_pair.A.CreateClient(), code, Demo.Verifier);
        tokens.Scope.Should().Be("profile");
    }

    [PostgresFact]
    public async Task LoginFormFromOneIsAcceptedByTheOther()
    {
        var page = await _pair.BrowserOn(_pair.A).GetStringAsync("/oauth/login/?returnUrl=/oauth/authorize/");

        var response = await _pair.BrowserOn(_pair.B).PostAsync("/oauth/login/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "alice", ["password"] = "alicepass", ["__RequestVerificationToken"] = OAuthFlow.AntiforgeryToken(page),
        }));

        // The antiforgery token was made with a data-protection key from the database.
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
    }

    [PostgresFact]
    public async Task LoginFailuresOnBothInstancesCountTowardsOneLimit()
    {
        for (var i = 0; i < 10; i++)
        {
            var failed = await _pair.BrowserOn(_pair.Instance(i)).PostAsJsonAsync("/oauth/login/", new { username = "bob", password = "wrong" });
            failed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var right = await _pair.BrowserOn(_pair.A).PostAsJsonAsync("/oauth/login/", new { username = "bob", password = "bobpass" });

        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [PostgresFact]
    public async Task TwentyParallelRefreshesSplitAcrossTheTwoGiveExactlyOneSuccess()
    {
        var tokens = await OAuthFlow.SignInAsync(_pair.A);
        var clients = Enumerable.Range(0, 20).Select(i => _pair.Instance(i).CreateClient()).ToList();

        var responses = await Task.WhenAll(clients.Select(c => OAuthFlow.PostTokenAsync(c, RefreshForm(tokens.RefreshToken!))));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await OAuthFlow.ErrorOf(refused)).Should().Be("invalid_grant");
        }
    }

    [PostgresFact]
    public async Task ParallelUserDataPatchesSplitAcrossTheTwoLoseNothing()
    {
        var tokens = await OAuthFlow.SignInAsync(_pair.A);
        var path = $"/oauth/userdata/{new JsonWebToken(tokens.AccessToken).Subject}/";

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _pair.Instance(i).CreateClient().SendAsync(
            UserDataRequest(HttpMethod.Patch, path, $$"""{"key{{i}}": {{i}}}"""))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var stored = await (await _pair.B.CreateClient().SendAsync(UserDataRequest(HttpMethod.Get, path))).Content.ReadFromJsonAsync<JsonElement>();
        stored.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(Enumerable.Range(0, 20).Select(i => $"key{i}"));
    }

    [PostgresFact]
    public async Task KeyRotatedElsewhereSignsOnOneAndIsAcceptedByTheOtherAtOnce()
    {
        var (kid, _) = await _pair.A.WithDbAsync(db => SigningKeys.RotateAsync(db, _pair.A.Clock.GetUtcNow().UtcDateTime));
        _pair.A.Clock.Advance(TimeSpan.FromMinutes(2));

        var tokens = await OAuthFlow.SignInAsync(_pair.A);
        var response = await TwoInstances.BearerAsync(_pair.B, HttpMethod.Get, "/oauth/userinfo/", tokens.AccessToken);

        // B loaded its keys at start-up, before the rotation; the unknown kid makes it reload.
        new JsonWebToken(tokens.AccessToken).Kid.Should().Be(kid);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [PostgresFact]
    public async Task TokensAnInstanceSignsWithARetiredKeyBeforeItReloadsStayValidToTheirEnd()
    {
        await _pair.A.WithDbAsync(db => SigningKeys.RotateAsync(db, _pair.A.Clock.GetUtcNow().UtcDateTime));
        _pair.B.Clock.Advance(TimeSpan.FromSeconds(50));
        var tokens = await OAuthFlow.SignInAsync(_pair.B);

        // Ten seconds before the token expires; A has long reloaded and signs with the new key.
        _pair.A.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(40));
        var response = await TwoInstances.BearerAsync(_pair.A, HttpMethod.Get, "/oauth/userinfo/", tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [PostgresFact]
    public async Task NoInstanceEverSignsWithAKeyThatTheOtherDoesNotYetPublish()
    {
        // Stagger the instances' reloads: B reloads 30 s before the rotation, A only after it.
        Advance(TimeSpan.FromSeconds(61));
        await KidsInJwksAsync(_pair.B);
        Advance(TimeSpan.FromSeconds(30));
        var (newKid, _) = await _pair.A.WithDbAsync(db => SigningKeys.RotateAsync(db, _pair.A.Clock.GetUtcNow().UtcDateTime));

        var signed = new HashSet<string>();
        for (var step = 0; step < 24; step++)
        {
            foreach (var instance in new[] { _pair.A, _pair.B })
            {
                var kid = await SignedKidAsync(instance);
                signed.Add(kid);
                (await KidsInJwksAsync(_pair.A)).Should().Contain(kid, $"A publishes every key that signs ({step * 10} s after the rotation)");
                (await KidsInJwksAsync(_pair.B)).Should().Contain(kid, $"B publishes every key that signs ({step * 10} s after the rotation)");
            }

            Advance(TimeSpan.FromSeconds(10));
        }

        signed.Should().Contain(newKid, "the new key takes over once every instance publishes it");
    }

    private void Advance(TimeSpan by)
    {
        _pair.A.Clock.Advance(by);
        _pair.B.Clock.Advance(by);
    }

    private static async Task<string> SignedKidAsync(MiniOAuthApplication instance)
    {
        var response = await TwoInstances.PostAsDemoClientAsync(instance, "/oauth/token/", new() { ["grant_type"] = "client_credentials" });
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        return new JsonWebToken(token).Kid;
    }

    private static async Task<List<string>> KidsInJwksAsync(MiniOAuthApplication instance) =>
        [.. (await instance.CreateClient().GetFromJsonAsync<JsonElement>("/oauth/jwks/")).GetProperty("keys").EnumerateArray()
            .Select(k => k.GetProperty("kid").GetString()!)];

    private static Dictionary<string, string> RefreshForm(string refreshToken) =>
        new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };

    private static HttpRequestMessage UserDataRequest(HttpMethod method, string path, string? mergePatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-Key", Demo.ApiKey);
        if (mergePatch is not null)
        {
            request.Content = new StringContent(mergePatch, Encoding.UTF8, "application/merge-patch+json");
        }

        return request;
    }
}
