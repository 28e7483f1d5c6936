extern alias ClientApp;

using ClientApp::MiniOAuth.Client;

namespace MiniOAuth.Tests.Client;

public sealed class HtmlTests
{
    [Fact]
    public void InterpolatedTextIsEncoded()
    {
        var name = "<script>alert(\"x\")</script> & 'y'";

        var html = Html.Of($"<p title=\"{name}\">{name}</p>");

        html.Value.Should().NotContain("<script>").And.NotContain("\"x\"").And.NotContain("'y'");
        html.Value.Should().StartWith("<p title=\"&lt;script&gt;");
    }

    [Fact]
    public void NestedMarkupIsNotEncodedTwice()
    {
        var inner = Html.Of($"<b>{"a&b"}</b>");

        var html = Html.Of($"<p>{inner}</p>");

        html.Value.Should().Be("<p><b>a&amp;b</b></p>");
    }

    [Fact]
    public void LettersOutsideAsciiStayReadable() => Html.Of($"{"Zoë"}").Value.Should().Be("Zoë");

    [Fact]
    public void AFormatGivenInTheTemplateIsApplied() =>
        Html.Of($"{new DateTimeOffset(2026, 1, 1, 12, 5, 0, TimeSpan.Zero):HH:mm}").Value.Should().Be("12:05");
}
