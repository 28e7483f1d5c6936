extern alias ClientApp;

using System.Buffers.Text;
using System.Text;
using ClientApp::MiniOAuth.Client;

namespace MiniOAuth.Tests.Client;

public sealed class JwtPreviewTests
{
    [Fact]
    public void AJwtShowsItsHeaderClaimsAndTimes()
    {
        var token = $"{Part("""{"alg":"RS256","typ":"at+jwt"}""")}.{Part("""{"sub":"1","iat":1767268800,"exp":1767269700}""")}.signature";

        var jwt = Mask.TryDecodeJwt(token);

        jwt.Should().NotBeNull();
        jwt!.Value.Header.Should().Contain("\"typ\": \"at+jwt\"");
        jwt.Value.Claims.Should().Contain("\"sub\": \"1\"");
        jwt.Value.ExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1767269700));
    }

    [Theory]
    [InlineData("opaque-token-value")]
    [InlineData("not.base64!.jwt")]
    [InlineData("e30.bm90IGpzb24.sig")]
    [InlineData("e30.eyJleHAiOjEsImV4cCI6Mn0.sig")]
    public void AnythingElseIsNotDecoded(string token) => Mask.TryDecodeJwt(token).Should().BeNull();

    private static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
