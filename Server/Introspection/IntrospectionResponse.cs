using System.Text.Json.Serialization;

namespace MiniOAuth.Server.Introspection;

/// <summary>
/// RFC 7662 §2.2. A live token carries the fields below (absent ones are left out of the JSON);
/// anything else is only <c>{"active": false}</c>, so that nothing leaks about it.
/// </summary>
public sealed record IntrospectionResponse(
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("scope")] string? Scope = null,
    [property: JsonPropertyName("client_id")] string? ClientId = null,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("sub")] string? Subject = null,
    [property: JsonPropertyName("aud")] string? Audience = null,
    [property: JsonPropertyName("exp")] long? ExpiresAt = null,
    [property: JsonPropertyName("iat")] long? IssuedAt = null,
    [property: JsonPropertyName("token_type")] string? TokenType = null)
{
    public static readonly IntrospectionResponse Inactive = new(false);

    /// <summary>Seconds since the Unix epoch (RFC 7662 §2.2, as in JWT <c>exp</c> and <c>iat</c>).</summary>
    public static long UnixTime(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
