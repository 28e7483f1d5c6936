extern alias ClientApp;

using System.Buffers.Text;
using ClientApp::MiniOAuth.Client.Protocol;

namespace MiniOAuth.Tests.Client;

public sealed class PkceTests
{
    [Fact]
    public void ChallengeMatchesTheRfc7636AppendixBExample()
    {
        var verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

        var challenge = Pkce.Challenge(verifier);

        challenge.Should().Be("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    [Fact]
    public void VerifierIs43UnreservedCharactersCarrying256RandomBits()
    {
        var verifier = Pkce.CreateVerifier();

        verifier.Should().HaveLength(43).And.MatchRegex("^[A-Za-z0-9._~-]+$");
        Base64Url.DecodeFromChars(verifier).Should().HaveCount(32);
    }

    [Fact]
    public void EveryVerifierIsNew()
    {
        var verifiers = Enumerable.Range(0, 100).Select(_ => Pkce.CreateVerifier()).ToList();

        verifiers.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void OnlyTheS256MethodIsSent() => Pkce.Method.Should().Be("S256");
}
