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

    [Fact]
    public void AFormEncodedAnswerIsReadLikeJson()
    {
        var body = "access_token=gho_abc&scope=read%3Auser&token_type=bearer&expires_in=28800&refresh_token=ghr_def";

        var outcome = AuthorizationServer.ReadTokens(200, body, Now);

        outcome.Should().Be(new TokenOutcome(new TokenSet("gho_abc", "ghr_def", Now, Now.AddSeconds(28800), "read:user"), 200));
    }

    [Theory]
    [InlineData("""{"error":"bad_verification_code","error_description":"The code passed is incorrect or expired."}""")]
    [InlineData("error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.")]
    public void AnErrorInA200AnswerIsAnError(string body)
    {
        var outcome = AuthorizationServer.ReadTokens(200, body, Now);

        outcome.Should().Be(new TokenOutcome(null, 200, "bad_verification_code", "The code passed is incorrect or expired."));
    }
}
