using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiniOAuth.Server.UserData;

/// <summary>Why a JSON text may not be stored.</summary>
internal enum JsonFault
{
    None,
    Malformed,
    NotAnObject,
    DuplicateMember,
    TooDeep,
    TooLarge,
}

/// <summary>The verdict of <see cref="JsonObjectRules.Check"/>, with a sentence for the caller.</summary>
internal sealed record JsonCheck(JsonFault Fault, string Detail)
{
    public static readonly JsonCheck Passed = new(JsonFault.None, "");

    public bool IsValid => Fault == JsonFault.None;
}

/// <summary>
/// What the store accepts: a JSON object (RFC 8259) in UTF-8, at most MaxBytes long and MaxDepth deep
/// (the top object is depth 1). The same rules judge request bodies and merged results.
/// </summary>
internal static class JsonObjectRules
{
    // Stored text goes out as application/json, never into HTML, so only what JSON requires is escaped.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Above the largest MaxDepth the options allow, so that text stored under a larger limit still parses.
    private static readonly JsonDocumentOptions ParseLimits = new() { MaxDepth = 512 };

    /// <summary>Checks a JSON text in one streaming pass, so that no nesting depth can exhaust the stack.</summary>
    public static JsonCheck Check(ReadOnlySpan<byte> utf8, int maxBytes, int maxDepth)
    {
        if (utf8.Length > maxBytes)
        {
            return new(JsonFault.TooLarge, $"The object would be {utf8.Length} bytes stored; at most {maxBytes} are allowed.");
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        var members = new Stack<HashSet<string>?>();
        try
        {
            reader.Read();
            var isObject = reader.TokenType == JsonTokenType.StartObject;
            do
            {
                if (Visit(ref reader, members, maxDepth) is { } fault)
                {
                    return fault;
                }
            }
            while (reader.Read());

            return isObject ? JsonCheck.Passed : new(JsonFault.NotAnObject, "The body must be a JSON object, such as {\"theme\": \"dark\"}.");
        }
        catch (JsonException e)
        {
            return new(JsonFault.Malformed, $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
        catch (InvalidOperationException)
        {
            // Raised by GetString: invalid UTF-8, or an escaped lone surrogate, which no text can hold (RFC 8259 §8.2).
            return new(JsonFault.Malformed, "The body holds a string that is not valid Unicode text.");
        }
    }

    private static JsonCheck? Visit(ref Utf8JsonReader reader, Stack<HashSet<string>?> members, int maxDepth)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth + 1 > maxDepth:
                return new(JsonFault.TooDeep, $"The JSON is nested more than {maxDepth} levels deep (the top object is level 1).");
            case JsonTokenType.StartObject:
                members.Push(new HashSet<string>(StringComparer.Ordinal));
                break;
            case JsonTokenType.StartArray:
                members.Push(null);
                break;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                members.Pop();
                break;
            case JsonTokenType.PropertyName when !members.Peek()!.Add(reader.GetString()!):
                // RFC 8259 §4: with duplicate names, receivers disagree on the value; refuse rather than guess.
                return new(JsonFault.DuplicateMember, $"The member \"{Shorten(reader.GetString()!)}\" appears twice in one object.");
            case JsonTokenType.String:
                reader.GetString();
                break;
        }

        return null;
    }

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "…";

    /// <summary>Parses a JSON object that passed <see cref="Check"/> (or that the store wrote).</summary>
    public static JsonObject Parse(ReadOnlySpan<byte> utf8) => JsonNode.Parse(utf8, documentOptions: ParseLimits)!.AsObject();

    /// <summary>Parses stored text, which the store wrote and therefore passed <see cref="Check"/>.</summary>
    public static JsonObject Parse(string json) => JsonNode.Parse(json, documentOptions: ParseLimits)!.AsObject();

    /// <summary>The stored form: compact, members in the order given.</summary>
    public static string Serialize(JsonObject value) => value.ToJsonString(Compact);
}
