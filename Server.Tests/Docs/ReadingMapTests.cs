using System.Text.RegularExpressions;

namespace MiniOAuth.Tests.Docs;

/// <summary>
/// The README's "Read the protocol" map stays true: every step points at lines that exist and hold the
/// member it names, and each question is answered in at most three files and about 350 lines (issue 17).
/// </summary>
public sealed partial class ReadingMapTests
{
    private const int MaxFiles = 3;
    private const int MaxLines = 360;

    // A step: [path](path#L10-L20) followed on the same line by the `Member` it is about.
    [GeneratedRegex(@"\]\((?<path>(?:Server|Client)/[^)#]+)#L(?<from>\d+)-L(?<to>\d+)\)[^`\n]*`(?<member>[A-Za-z]+)")]
    private static partial Regex Step();

    private static string[] QuestionTitles() => [.. Section().Split("\n### ").Skip(1).Select(q => q[..q.IndexOf('\n')])];

    public static TheoryData<string> Questions() => [.. QuestionTitles().Where(q => q.StartsWith("How", StringComparison.Ordinal)
        || q.StartsWith("Where", StringComparison.Ordinal))];

    [Fact]
    public void TheMapAnswersTheFourQuestionsOfIssue17() =>
        Questions().Count.Should().Be(4);

    [Theory]
    [MemberData(nameof(Questions))]
    public void EachStepPointsAtTheMemberItNames(string question)
    {
        var steps = StepsOf(question);

        steps.Should().NotBeEmpty();
        foreach (var (path, from, to, member) in steps)
        {
            var lines = File.ReadAllLines(Path.Combine(Root, path));
            to.Should().BeLessThanOrEqualTo(lines.Length, $"{path} has {lines.Length} lines");
            from.Should().BeLessThanOrEqualTo(to);
            string.Join('\n', lines[(from - 1)..to]).Should().Contain(member, $"{path}#L{from}-L{to} is said to show {member}");
        }
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void EachQuestionIsAnsweredInAtMostThreeFilesAndAbout350Lines(string question)
    {
        var steps = StepsOf(question);

        steps.Select(s => s.Path).Distinct().Should().HaveCountLessThanOrEqualTo(MaxFiles);
        steps.Sum(s => s.To - s.From + 1).Should().BeLessThanOrEqualTo(MaxLines);
    }

    private static List<(string Path, int From, int To, string Member)> StepsOf(string question)
    {
        var body = Section().Split("\n### ").Single(q => q.StartsWith(question, StringComparison.Ordinal));
        return [.. Step().Matches(body).Select(m => (
            m.Groups["path"].Value, int.Parse(m.Groups["from"].Value), int.Parse(m.Groups["to"].Value), m.Groups["member"].Value))];
    }

    private static string Section()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n## Read the protocol\n", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "the README has a section 'Read the protocol'");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    private static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MiniOAuth.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MiniOAuth.sln not found above the test binaries.");
    }
}
