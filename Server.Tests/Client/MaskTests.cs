extern alias ClientApp;

using ClientApp::MiniOAuth.Client;

namespace MiniOAuth.Tests.Client;

public sealed class MaskTests
{
    [Fact]
    public void ASecretShowsOnlyItsFirstCharacters()
    {
        var masked = Mask.Secret("Ov23lipRJArXBVcwaV9zOv23lipRJArXBVcwaV9z");

        masked.Should().StartWith("Ov23li").And.NotContain("pRJArXBVcwaV9z");
    }

    [Fact]
    public void AShortSecretIsHiddenEntirely() => Mask.Secret("abc123").Should().Be("••••••");

    [Fact]
    public void TokensInAJsonBodyAreMaskedAndTheRestIsKept()
    {
        var body = """{"access_token":"eyJhbGciOiJSUzI1NiJ9.secretpart","refresh_token":"rt-0123456789abcdef","token_type":"Bearer"}""";

        var masked = Mask.Json(body, "access_token", "refresh_token");

        masked.Should().Contain("eyJhbG").And.Contain("rt-012").And.Contain("Bearer");
        masked.Should().NotContain("secretpart").And.NotContain("456789abcdef");
    }

    [Fact]
    public void FormFieldsAreMaskedByName()
    {
        KeyValuePair<string, string?>[] fields = [new("grant_type", "authorization_code"), new("code", "code-0123456789abcdef")];

        var masked = Mask.FormFields(fields, "code");

        masked.Should().Contain("grant_type=authorization_code").And.Contain("code=code-0").And.NotContain("456789abcdef");
    }

    [Fact]
    public void ABodyNamingAMemberTwiceIsShownAsItCame()
    {
        var body = """{"access_token":"a","access_token":"b"}""";

        Mask.Json(body, "access_token").Should().Be(body);
    }
}
