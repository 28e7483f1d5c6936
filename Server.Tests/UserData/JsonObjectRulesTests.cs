using System.Text;
using MiniOAuth.Server.UserData;
using static MiniOAuth.Tests.UserData.UserDataApi;

namespace MiniOAuth.Tests.UserData;

/// <summary>What the store accepts, as rules without HTTP: an object, valid UTF-8, within depth and size.</summary>
public sealed class JsonObjectRulesTests
{
    private const int MaxBytes = 65536;
    private const int MaxDepth = 32;

    [Fact]
    public void TheTopObjectIsDepthOneSo32NestedObjectsPassAnd33DoNot()
    {
        Check(Nested(1)).Fault.Should().Be(JsonFault.None);
        Check(Nested(32)).Fault.Should().Be(JsonFault.None);
        Check(Nested(33)).Fault.Should().Be(JsonFault.TooDeep);
    }

    [Fact]
    public void ArraysCountAsLevelsAndScalarsDoNot()
    {
        var arrays31 = "{\"a\":" + new string('[', 31) + "1" + new string(']', 31) + "}";
        var arrays32 = "{\"a\":" + new string('[', 32) + "1" + new string(']', 32) + "}";

        Check(arrays31).Fault.Should().Be(JsonFault.None);
        Check(arrays32).Fault.Should().Be(JsonFault.TooDeep);
    }

    [Fact]
    public void NestingFarBeyondTheLimitIsRefusedWithoutExhaustingTheStack()
    {
        var deep = new string('[', 60_000) + new string(']', 60_000);

        JsonObjectRules.Check(Encoding.UTF8.GetBytes(deep), int.MaxValue, MaxDepth).Fault.Should().Be(JsonFault.TooDeep);
    }

    [Theory]
    [InlineData("[]", nameof(JsonFault.NotAnObject))]
    [InlineData("42", nameof(JsonFault.NotAnObject))]
    [InlineData("null", nameof(JsonFault.NotAnObject))]
    [InlineData("", nameof(JsonFault.Malformed))]
    [InlineData("{", nameof(JsonFault.Malformed))]
    [InlineData("{\"a\":1,}", nameof(JsonFault.Malformed))]
    [InlineData("{\"a\":1} // note", nameof(JsonFault.Malformed))]
    [InlineData("{\"a\":NaN}", nameof(JsonFault.Malformed))]
    [InlineData("{\"a\":\"\\udc00\"}", nameof(JsonFault.Malformed))]
    [InlineData("{\"a\":{\"b\":1,\"b\":2}}", nameof(JsonFault.DuplicateMember))]
    [InlineData("{\"a\":{\"b\":1},\"c\":{\"b\":2}}", nameof(JsonFault.None))]
    [InlineData(" {\"a\":[1,\"x\",null,true,{\"b\":1e400}]} ", nameof(JsonFault.None))]
    public void OnlyAWellFormedJsonObjectPasses(string json, string expected)
    {
        Check(json).Fault.ToString().Should().Be(expected);
    }

    [Fact]
    public void InvalidUtf8IsMalformed()
    {
        byte[] json = [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        JsonObjectRules.Check(json, MaxBytes, MaxDepth).Fault.Should().Be(JsonFault.Malformed);
    }

    [Fact]
    public void SizeIsCountedInUtf8Bytes()
    {
        var twoByteChars = "{\"a\":\"" + new string('é', 10) + "\"}";

        JsonObjectRules.Check(Encoding.UTF8.GetBytes(twoByteChars), maxBytes: 28, MaxDepth).Fault.Should().Be(JsonFault.None);
        JsonObjectRules.Check(Encoding.UTF8.GetBytes(twoByteChars), maxBytes: 27, MaxDepth).Fault.Should().Be(JsonFault.TooLarge);
    }

    [Fact]
    public void TheStoredFormIsCompactAndKeepsMemberOrder()
    {
        var parsed = JsonObjectRules.Parse(Encoding.UTF8.GetBytes("{ \"z\" : 1 ,\n \"a\" : \"<é>\" }"));

        JsonObjectRules.Serialize(parsed).Should().Be("{\"z\":1,\"a\":\"<é>\"}");
    }

    private static JsonCheck Check(string json) => JsonObjectRules.Check(Encoding.UTF8.GetBytes(json), MaxBytes, MaxDepth);
}
