using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MiniOAuth.Server.Fast;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Tests.Fast;

public sealed class Es256SignerTests
{
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public async Task ATokenVerifiesWithThePublicKeyAlone()
    {
        var token = new Es256Signer(Key, "k1", "at+jwt").Sign(json => json.WriteString("sub", "alice"));
        var publicKey = new ECDsaSecurityKey(ECDsa.Create(Key.ExportParameters(includePrivateParameters: false))) { KeyId = "k1" };

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = publicKey, ValidateIssuer = false, ValidateAudience = false, ValidateLifetime = false,
            ValidAlgorithms = ["ES256"], ValidTypes = ["at+jwt"],
        });

        result.IsValid.Should().BeTrue(result.Exception?.Message);
        ((JsonWebToken)result.SecurityToken).Subject.Should().Be("alice");
    }

    [Fact]
    public void TheSignatureIsRAndSOf32BytesEachAsRfc7518Section34Says()
    {
        var token = new Es256Signer(Key, "k1", "at+jwt").Sign(json => json.WriteString("sub", "alice"));

        var parts = token.Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);

        signature.Should().HaveCount(64);
        Key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256).Should().BeTrue();
        token.Should().NotContain("=", "base64url without padding (RFC 7515 §2)");
    }

    [Fact]
    public void AKeyOnAnotherCurveIsRefusedWhenLoaded() =>
        FluentActions.Invoking(() => new Es256Signer(ECDsa.Create(ECCurve.NamedCurves.nistP384), "k2", "at+jwt"))
            .Should().Throw<ArgumentException>();
}
