using System.Text.Json;
using System.Text.Json.Serialization;
using MiniOAuth.Client.Http;

namespace MiniOAuth.Client.Tokens;

/// <summary>The outcome of a token request.</summary>
internal abstract record TokenOutcome
{
    /// <summary>RFC 6749 §5.1: a successful response.</summary>
    public sealed record Issued(TokenSet Tokens) : TokenOutcome;

    /// <summary>RFC 6749 §5.2, or an answer that is not a usable token response.</summary>
    public sealed record Refused(int Status, string Error, string? Description) : TokenOutcome;
}

/// <summary>The RFC 6749 §5.1 and §5.2 members of a token endpoint answer.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription)
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    public static TokenOutcome Read(UpstreamResponse response, DateTimeOffset now)
    {
        TokenResponse? answer;
        try
        {
            answer = JsonSerializer.Deserialize<TokenResponse>(response.Body, Json);
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (answer is null)
        {
            return new TokenOutcome.Refused(response.Status, "invalid_response", "The token endpoint did not answer with JSON.");
        }

        if (response.Status != StatusCodes.Status200OK || answer.Error is not null)
        {
            return new TokenOutcome.Refused(response.Status, answer.Error ?? "invalid_response", answer.ErrorDescription);
        }

        // RFC 6750: this client only knows how to present Bearer tokens.
        if (string.IsNullOrEmpty(answer.AccessToken) || !string.Equals(answer.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return new TokenOutcome.Refused(response.Status, "invalid_response", "The answer has no Bearer access token.");
        }

        DateTimeOffset? expiresAt = answer.ExpiresIn is > 0 ? now.AddSeconds(answer.ExpiresIn.Value) : null;
        return new TokenOutcome.Issued(new TokenSet(answer.AccessToken, answer.RefreshToken, now, expiresAt, answer.Scope));
    }
}
