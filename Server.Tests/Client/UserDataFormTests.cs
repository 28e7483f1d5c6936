extern alias ClientApp;

using ClientApp::MiniOAuth.Client;

namespace MiniOAuth.Tests.Client;

public sealed class UserDataFormTests
{
    private const string ETag = "\"v1\"";

    [Fact]
    public void AJsonObjectIsAccepted()
    {
        var form = UserDataForm.Read("  {\"theme\": \"dark\", \"sizes\": [1, 2]}\n", ETag);

        form.Error.Should().BeNull();
        form.Json.Should().Be("{\"theme\": \"dark\", \"sizes\": [1, 2]}");
        form.ETag.Should().Be(ETag);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void JsonThatIsNotAnObjectIsRefused(string text)
    {
        var form = UserDataForm.Read(text, ETag);

        form.Error.Should().NotBeNull();
        form.Json.Should().BeNull();
        form.Error.Should().Contain("JSON object");
    }

    [Theory]
    [InlineData("{\"theme\": }")]
    [InlineData("{theme: 'dark'}")]
    [InlineData("{} {}")]
    [InlineData("{\"a\": 1,}")]
    public void TextThatIsNotJsonIsRefusedAndKeptForTheEditor(string text)
    {
        var form = UserDataForm.Read(text, ETag);

        form.Error.Should().NotBeNull();
        form.Error.Should().Contain("not valid JSON");
        form.Text.Should().Be(text);
        form.ETag.Should().Be(ETag);
    }

    [Fact]
    public void AnEmptyFormIsRefused() => UserDataForm.Read("   ", ETag).Error.Should().NotBeNull();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("\"v1\"\r\nX-Injected: 1")]
    public void AFormWithoutAValidETagIsRefused(string? etag)
    {
        var form = UserDataForm.Read("{}", etag);

        form.Error.Should().NotBeNull();
        form.Error.Should().Contain("Reload");
    }
}
