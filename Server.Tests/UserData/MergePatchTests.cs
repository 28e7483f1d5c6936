using System.Text.Json.Nodes;
using MiniOAuth.Server.UserData;

namespace MiniOAuth.Tests.UserData;

/// <summary>RFC 7396 merge patch as a rule, without HTTP.</summary>
public sealed class MergePatchTests
{
    // RFC 7396 Appendix A, every example in order: original, patch, result.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("[1,2]", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("{}", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void TheExamplesOfRfc7396AppendixAHold(string original, string patch, string expected)
    {
        var result = MergePatch.Apply(JsonNode.Parse(original), JsonNode.Parse(patch));

        JsonNode.DeepEquals(result, JsonNode.Parse(expected)).Should().BeTrue($"{original} + {patch} should be {expected}, not {result?.ToJsonString() ?? "null"}");
    }

    [Fact]
    public void ApplyingAPatchChangesNeitherTheTargetNorThePatch()
    {
        var target = JsonNode.Parse("""{"a":{"b":1},"c":2}""")!.AsObject();
        var patch = JsonNode.Parse("""{"a":{"b":null,"d":[1]},"c":null}""")!.AsObject();

        var result = MergePatch.Apply(target, patch);
        result["a"]!["d"]!.AsArray().Add(2);

        target.ToJsonString().Should().Be("""{"a":{"b":1},"c":2}""");
        patch.ToJsonString().Should().Be("""{"a":{"b":null,"d":[1]},"c":null}""");
        result.ToJsonString().Should().Be("""{"a":{"d":[1,2]}}""");
    }
}
