using System.Text.Json.Serialization;

namespace MiniOAuth.Server.Protocol;

/// <summary>The error response of RFC 6749 §5.2, used by the token, revocation and introspection endpoints.</summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string? Description = null)
{
    public static OAuthError InvalidRequest(string description) => new(Errors.InvalidRequest, description);
    public static OAuthError InvalidClient(string description) => new(Errors.InvalidClient, description);
    public static OAuthError InvalidGrant(string description) => new(Errors.InvalidGrant, description);
    public static OAuthError UnauthorizedClient(string description) => new(Errors.UnauthorizedClient, description);
    public static OAuthError InvalidScope(string description) => new(Errors.InvalidScope, description);
    /// <summary>A 429 in the RFC 6749 §5.2 shape; the limits are per second.</summary>
    public static OAuthError TooManyRequests() => new(Errors.TooManyRequests, "Too many requests; retry after a second.");
}

/// <summary>Error codes of RFC 6749 §4.1.2.1 and §5.2, and RFC 6750 §3.1.</summary>
public static class Errors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string InvalidScope = "invalid_scope";
    public const string AccessDenied = "access_denied";
    public const string LoginRequired = "login_required";
    public const string ConsentRequired = "consent_required";
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>Not an RFC 6749 code: the answer of a 429 (RFC 6585) in the same JSON shape.</summary>
    public const string TooManyRequests = "too_many_requests";
}
