extern alias ClientApp;

using System.Text;
using ClientApp::MiniOAuth.Client;

namespace MiniOAuth.Tests.Client;

public sealed class ClientSecretBasicTests
{
    [Fact]
    public void TheDemoCredentialsAreJoinedWithAColonAndBase64Encoded()
    {
        var header = AuthorizationServer.ClientSecretBasic("23423423", "Ov23lipRJArXBVcwaV9zOv23lipRJArXBVcwaV9z");

        header.Scheme.Should().Be("Basic");
        Decode(header.Parameter!).Should().Be("23423423:Ov23lipRJArXBVcwaV9zOv23lipRJArXBVcwaV9z");
    }

    [Fact]
    public void IdAndSecretAreFormUrlEncodedBeforeBase64()
    {
        var header = AuthorizationServer.ClientSecretBasic("my client", "se:cr%et");

        Decode(header.Parameter!).Should().Be("my+client:se%3Acr%25et");
    }

    private static string Decode(string parameter) => Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
}
