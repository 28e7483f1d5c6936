using System.Text.Json.Serialization;

namespace MiniOAuth.Server.Token;

/// <summary>A successful token response, RFC 6749 §5.1.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("scope")] string? Scope)
{
    [JsonPropertyName("token_type")]
    public string TokenType => "Bearer";
}
