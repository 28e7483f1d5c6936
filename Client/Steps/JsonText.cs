using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiniOAuth.Client.Steps;

/// <summary>JSON written for people: indented, with characters left as they are (pages HTML-encode it).</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Readable = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Indented(JsonNode node) => node.ToJsonString(Readable);

    public static string Indented(JsonElement element) => JsonSerializer.Serialize(element, Readable);

    /// <summary>The body indented when it is JSON, else as it came.</summary>
    public static string IndentedOrRaw(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Indented(document.RootElement);
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
