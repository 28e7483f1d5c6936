extern alias ClientApp;

using ClientApp::MiniOAuth.Client;

namespace MiniOAuth.Tests.Client;

public sealed class TokenResponseTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ASuccessfulAnswerGivesTokensThatExpireAfterExpiresIn()
    {
        var body = """{"access_token":"a.b.c","token_type":"Bearer","expires_in":900,"refresh_token":"r1","scope":"profile email"}""";

        var outcome = AuthorizationServer.ReadTokens(200, body, Now);

        outcome.Should().Be(new TokenOutcome(new TokenSet("a.b.c", "r1", Now, Now.AddSeconds(900), "profile email"), 200));
    }

    [Fact]
    public void AnOAuthErrorIsReadAsARefusal()
    {
        var body = """{"error":"invalid_grant","error_description":"The code was already used."}""";

        var outcome = AuthorizationServer.ReadTokens(400, body, Now);

        outcome.Should().Be(new TokenOutcome(null, 400, "invalid_grant", "The code was already used."));
    }

    [Fact]
    public void ATokenTypeOtherThanBearerIsRefused()
    {
        var body = """{"access_token":"x","token_type":"DPoP","expires_in":900}""";

        var outcome = AuthorizationServer.ReadTokens(200, body, Now);

        outcome.Tokens.Should().BeNull();
        outcome.Error.Should().Be("invalid_response");
    }

    [Fact]
    public void AnAnswerThatIsNotJsonIsRefused()
    {
        var outcome = AuthorizationServer.ReadTokens(502, "<html>Bad gateway</html>", Now);

        outcome.Tokens.Should().BeNull();
        outcome.Status.Should().Be(502);
    }

    [Fact]
    public void AnExpiresInSentAsTextIsRead()
    {
        var body = """{"access_token":"a","token_type":"bearer","expires_in":"900"}""";

        var outcome = AuthorizationServer.ReadTokens(200, body, Now);

        outcome.Tokens!.ExpiresAt.Should().Be(Now.AddSeconds(900));
    }
}
