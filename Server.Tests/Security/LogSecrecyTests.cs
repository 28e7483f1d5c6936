using System.Net.Http.Json;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

public sealed class LogSecrecyTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AWholeFlowLeavesNoTokenSecretOrPasswordInTheLogs()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser, "alice", "alicepass");
        var code = await OAuthFlow.AuthorizeAsync(browser, "profile userdata", Demo.Challenge);
        var tokens = await OAuthFlow.ExchangeAsync(_app.CreateClient(), code, Demo.Verifier);
        var refreshed = await OAuthFlow.ReadTokensAsync(await OAuthFlow.PostTokenAsync(_app.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.RefreshToken!,
        }));
        await browser.PostAsJsonAsync("/oauth/login/", new { username = "bob", password = "wrong-password-123" });

        var secrets = new[]
        {
            "alicepass", "wrong-password-123", code, Demo.Verifier, Demo.ClientSecret,
            tokens.AccessToken, tokens.RefreshToken!, refreshed.AccessToken, refreshed.RefreshToken!,
        };
        var logs = string.Join('\n', _app.Logs.Lines);

        logs.Should().NotBeEmpty();
        foreach (var secret in secrets)
        {
            logs.Should().NotContain(secret);
        }
    }
}
