extern alias ClientApp;

using ClientApp::MiniOAuth.Client.Http;
using ClientApp::MiniOAuth.Client.Tokens;

namespace MiniOAuth.Tests.Client;

public sealed class TokenResponseTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ASuccessfulAnswerGivesTokensThatExpireAfterExpiresIn()
    {
        var body = """{"access_token":"a.b.c","token_type":"Bearer","expires_in":900,"refresh_token":"r1","scope":"profile email"}""";

        var outcome = TokenResponse.Read(new UpstreamResponse(200, body, null, "application/json"), Now);

        outcome.Should().Be(new TokenOutcome.Issued(new TokenSet("a.b.c", "r1", Now, Now.AddSeconds(900), "profile email")));
    }

    [Fact]
    public void AnOAuthErrorIsReadAsARefusal()
    {
        var body = """{"error":"invalid_grant","error_description":"The code was already used."}""";

        var outcome = TokenResponse.Read(new UpstreamResponse(400, body, null, "application/json"), Now);

        outcome.Should().Be(new TokenOutcome.Refused(400, "invalid_grant", "The code was already used."));
    }

    [Fact]
    public void ATokenTypeOtherThanBearerIsRefused()
    {
        var body = """{"access_token":"x","token_type":"DPoP","expires_in":900}""";

        var outcome = TokenResponse.Read(new UpstreamResponse(200, body, null, "application/json"), Now);

        outcome.Should().BeOfType<TokenOutcome.Refused>().Which.Error.Should().Be("invalid_response");
    }

    [Fact]
    public void AnAnswerThatIsNotJsonIsRefused()
    {
        var outcome = TokenResponse.Read(new UpstreamResponse(502, "<html>Bad gateway</html>", null, "text/html"), Now);

        outcome.Should().BeOfType<TokenOutcome.Refused>().Which.Status.Should().Be(502);
    }
}
