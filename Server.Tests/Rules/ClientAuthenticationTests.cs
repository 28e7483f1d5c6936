using System.Text;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Tests.Rules;

public sealed class ClientAuthenticationTests
{
    private static string Basic(string scheme, string credentials) =>
        $"{scheme} {Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))}";

    [Theory]
    [InlineData("Basic")]
    [InlineData("basic")]
    [InlineData("BASIC")]
    public void TheBasicSchemeIsReadInAnyCase(string scheme) =>
        ClientAuthentication.ParseBasic(Basic(scheme, "23423423:s3cret")).Should().Be(("23423423", "s3cret"));

    [Fact]
    public void IdAndSecretAreFormUrlDecodedAfterBase64AsRfc6749Section231Says() =>
        ClientAuthentication.ParseBasic(Basic("Basic", "my%3Aclient:a+b%2Bc%3Ad")).Should().Be(("my:client", "a b+c:d"));

    [Fact]
    public void TheSecretMayHoldColonsAfterTheFirst() =>
        ClientAuthentication.ParseBasic(Basic("Basic", "id:pa:ss")).Should().Be(("id", "pa:ss"));

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic")]
    [InlineData("Basic not base64!")]
    [InlineData("Basicx aWQ6c2VjcmV0")]
    public void AnythingButBasicCredentialsIsNothing(string header) =>
        ClientAuthentication.ParseBasic(header).Should().Be(((string?)null, (string?)null));

    [Theory]
    [InlineData("no colon")]
    [InlineData(":secret-without-id")]
    public void CredentialsWithoutAnIdAreNothing(string credentials) =>
        ClientAuthentication.ParseBasic(Basic("Basic", credentials)).Should().Be(((string?)null, (string?)null));
}
