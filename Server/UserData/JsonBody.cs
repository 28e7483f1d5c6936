using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using MiniOAuth.Server.Options;

namespace MiniOAuth.Server.UserData;

/// <summary>Reads a request body that must be a JSON object: media type, size, then the JSON rules.</summary>
internal static class JsonBody
{
    public static readonly string[] Json = ["application/json"];
    public static readonly string[] JsonOrMergePatch = [MergePatch.MediaType, "application/json"];

    public static async Task<(JsonObject? Body, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, string[] mediaTypes, UserDataOptions limits)
    {
        if (!IsAccepted(request.ContentType, mediaTypes))
        {
            return (null, UserDataProblems.UnsupportedMediaType(mediaTypes));
        }

        if (request.ContentLength > limits.MaxBytes)
        {
            return (null, UserDataProblems.TooLarge(limits.MaxBytes));
        }

        byte[] body;
        try
        {
            body = await ReadAtMostAsync(request.Body, limits.MaxBytes + 1, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits, or a broken chunked body.
            return (null, UserDataProblems.UnreadableBody(e.StatusCode));
        }

        if (body.Length > limits.MaxBytes)
        {
            return (null, UserDataProblems.TooLarge(limits.MaxBytes));
        }

        var check = JsonObjectRules.Check(body, limits.MaxBytes, limits.MaxDepth);
        return check.IsValid ? (JsonObjectRules.Parse(body), null) : (null, UserDataProblems.Rejected(check));
    }

    // The media type must be one of those listed; a charset, when given, must be UTF-8 (RFC 8259 §8.1).
    private static bool IsAccepted(string? contentType, string[] mediaTypes) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && mediaTypes.Contains(parsed.MediaType.Value, StringComparer.OrdinalIgnoreCase)
        && (parsed.Charset.Length == 0 || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    // Stops one byte past the limit: enough to know the body is too large without reading all of it.
    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
