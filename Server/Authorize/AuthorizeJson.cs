using System.Text.Json.Serialization;

namespace MiniOAuth.Server.Authorize;

/// <summary>The JSON answers of the authorization endpoint, for scripts and <c>.http</c> files.</summary>
public sealed record AuthorizeJson
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("error_description")] public string? ErrorDescription { get; init; }
    [JsonPropertyName("scope")] public string? Scope { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("iss")] public string? Issuer { get; init; }
    [JsonPropertyName("redirect_to")] public string? RedirectTo { get; init; }
}
