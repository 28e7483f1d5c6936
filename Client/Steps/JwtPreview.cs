using System.Buffers.Text;
using System.Text.Json;

namespace MiniOAuth.Client.Steps;

/// <summary>The decoded parts of a JWT access token (RFC 9068), for learners to read.</summary>
internal sealed record JwtParts(string Header, string Claims, DateTimeOffset? IssuedAt, DateTimeOffset? ExpiresAt);

/// <summary>
/// Decodes, without verifying, a JWT's header and claims. A client must treat the access token as
/// opaque (RFC 9068 §6) and never decide anything from it; only the resource server validates it.
/// </summary>
internal static class JwtPreview
{
    public static JwtParts? TryDecode(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return new JwtParts(
                JsonText.Indented(header.RootElement),
                JsonText.Indented(claims.RootElement),
                UnixTime(claims.RootElement, "iat"),
                UnixTime(claims.RootElement, "exp"));
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static DateTimeOffset? UnixTime(JsonElement claims, string name) =>
        claims.ValueKind == JsonValueKind.Object
        && claims.TryGetProperty(name, out var value)
        && value.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
