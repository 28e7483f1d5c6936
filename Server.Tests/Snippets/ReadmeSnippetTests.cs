using System.Text.RegularExpressions;

namespace MiniOAuth.Tests.Snippets;

/// <summary>
/// The README shows each snippet exactly as the tests run it: the code block after
/// <c>&lt;!-- snippet: PATH --&gt;</c> is the text between that file's <c>// README begin</c> and
/// <c>// README end</c> comments (unindented, one blank line between two such regions).
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private static readonly string[] Paths = ["Server.Tests/Snippets/WebAppSnippet.cs", "Server.Tests/Snippets/ApiSnippet.cs"];

    public static TheoryData<string> Files => new(Paths);

    private static readonly string Root = FindRoot(AppContext.BaseDirectory);

    [Theory]
    [MemberData(nameof(Files))]
    public void TheReadmeShowsTheCodeThatTheTestsRun(string file)
    {
        var readme = Read("README.md");

        var shown = Regex.Match(readme, $"<!-- snippet: {Regex.Escape(file)} -->\n```csharp\n(.*?)```", RegexOptions.Singleline);

        shown.Success.Should().BeTrue($"README.md should show {file} in a csharp block after its snippet comment");
        shown.Groups[1].Value.Should().Be(Regions(Read(file)));
    }

    [Fact]
    public void EverySnippetInTheReadmeIsOneThatTheTestsRun()
    {
        var named = SnippetComment().Matches(Read("README.md")).Select(m => m.Groups[1].Value);

        named.Should().BeEquivalentTo(Paths);
    }

    private static string Regions(string source) =>
        string.Join("\n", RegionPattern().Matches(source).Select(m => Unindent(m.Groups[1].Value)));

    private static string Unindent(string text)
    {
        var lines = text.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart(' ').Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart(' ')));
    }

    private static string Read(string path) => File.ReadAllText(Path.Combine(Root, path)).ReplaceLineEndings("\n");

    private static string FindRoot(string folder) =>
        File.Exists(Path.Combine(folder, "MiniOAuth.sln")) ? folder
            : FindRoot(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder))
                ?? throw new InvalidOperationException("MiniOAuth.sln not found above the test binaries."));

    [GeneratedRegex("^[ ]*// README begin\n(.*?)^[ ]*// README end\n", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex RegionPattern();

    [GeneratedRegex("<!-- snippet: (.*?) -->")]
    private static partial Regex SnippetComment();
}
