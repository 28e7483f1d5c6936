using MiniOAuth.Server.Protocol;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Rules;

public sealed class PkceTests
{
    [Fact]
    public void TheS256ChallengeOfRfc7636AppendixBIsReproduced() =>
        Pkce.Challenge(Demo.Verifier).Should().Be(Demo.Challenge);

    [Fact]
    public void TheAppendixBVerifierMatchesItsChallenge() =>
        Pkce.Verify(Demo.Verifier, Demo.Challenge).Should().BeTrue();

    [Fact]
    public void AnotherVerifierDoesNotMatch() =>
        Pkce.Verify(Demo.Verifier[..^1] + "A", Demo.Challenge).Should().BeFalse();

    [Theory]
    [InlineData("too-short")]
    [InlineData("contains spaces which RFC 7636 does not allow at all....")]
    public void AVerifierOutsideTheGrammarNeverMatches(string verifier) =>
        Pkce.Verify(verifier, Pkce.Challenge(verifier)).Should().BeFalse();

    [Theory]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", true)]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c", false)]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM", false)]
    public void AnS256ChallengeIs43Base64UrlCharacters(string challenge, bool valid) =>
        Pkce.IsValidChallenge(challenge).Should().Be(valid);
}
