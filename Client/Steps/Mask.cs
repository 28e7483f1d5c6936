using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiniOAuth.Client.Steps;

/// <summary>Hides secrets and tokens in the "How this worked" panel, keeping the first characters.</summary>
internal static class Mask
{
    /// <summary>How many leading characters of a secret stay visible.</summary>
    public const int VisibleCharacters = 6;

    /// <summary>The secret's first characters and an ellipsis; a short secret is hidden entirely.</summary>
    public static string Secret(string? value) => value switch
    {
        null or "" => "(none)",
        { Length: <= VisibleCharacters * 2 } => new string('•', value.Length),
        _ => $"{value[..VisibleCharacters]}… ({value.Length} characters)",
    };

    /// <summary>A JSON body, indented, with the named members masked; other text is shown as it is.</summary>
    public static string JsonMembers(string body, params string[] secretMembers)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return body;
        }

        if (node is JsonObject json)
        {
            foreach (var member in secretMembers)
            {
                if (json[member] is JsonValue value && value.TryGetValue<string>(out var secret))
                {
                    json[member] = Secret(secret);
                }
            }
        }

        return node is null ? body : JsonText.Indented(node);
    }

    /// <summary>A form body as one <c>name=value</c> line per field, with the named fields masked.</summary>
    public static string FormFields(IEnumerable<KeyValuePair<string, string?>> fields, params string[] secretFields) =>
        string.Join('\n', fields.Select(field =>
            $"{field.Key}={(secretFields.Contains(field.Key) ? Secret(field.Value) : field.Value)}"));
}
