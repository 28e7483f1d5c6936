using System.Net.Http.Headers;
using System.Text.Json;

namespace MiniOAuth.Client.Dashboard;

/// <summary>
/// The userdata form as posted: the JSON text and the ETag of the version it was edited from.
/// Checked here so that nothing is sent to the server unless it is a JSON object.
/// </summary>
internal sealed record UserDataForm(string Text, string? Json, string? ETag, string? Error)
{
    public bool IsValid => Error is null;

    public static UserDataForm Read(string? text, string? etag)
    {
        text ??= string.Empty;
        if (!EntityTagHeaderValue.TryParse(etag, out var parsedETag))
        {
            return Invalid(text, null, "This form is missing the version it was edited from. Reload the page and try again.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Invalid(text, parsedETag.ToString(), "Enter a JSON object, such as {\"theme\": \"dark\"}; {} stores an empty object.");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var kind = document.RootElement.ValueKind;
            return kind == JsonValueKind.Object
                ? new UserDataForm(text, text.Trim(), parsedETag.ToString(), null)
                : Invalid(text, parsedETag.ToString(), $"Userdata must be a JSON object in braces, not {Describe(kind)}. Nothing was sent.");
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $" (line {line + 1}, position {exception.BytePositionInLine + 1})" : string.Empty;
            return Invalid(text, parsedETag.ToString(), $"That is not valid JSON{where}. Nothing was sent.");
        }
    }

    private static UserDataForm Invalid(string text, string? etag, string error) => new(text, null, etag, error);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}
