using System.Text.Json.Serialization;

namespace MiniOAuth.Client.Discovery;

/// <summary>The endpoints and facts about the server that this client uses.</summary>
/// <param name="Source">Where they came from: the discovery URL, or "configuration".</param>
internal sealed record AuthorizationServerMetadata(
    string Issuer,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    string UserInfoEndpoint,
    string? RevocationEndpoint,
    string LogoutEndpoint,
    string UserDataEndpoint,
    bool IssParameterSupported,
    string Source)
{
    /// <summary>The userdata URL of one user: the base URL with the id as one path segment.</summary>
    public string UserDataUrl(string userId) => $"{UserDataEndpoint.TrimEnd('/')}/{Uri.EscapeDataString(userId)}/";
}

/// <summary>The RFC 8414 §2 members this client reads from the discovery document.</summary>
internal sealed record MetadataDocument(
    [property: JsonPropertyName("issuer")] string? Issuer,
    [property: JsonPropertyName("authorization_endpoint")] string? AuthorizationEndpoint,
    [property: JsonPropertyName("token_endpoint")] string? TokenEndpoint,
    [property: JsonPropertyName("userinfo_endpoint")] string? UserInfoEndpoint,
    [property: JsonPropertyName("revocation_endpoint")] string? RevocationEndpoint,
    [property: JsonPropertyName("authorization_response_iss_parameter_supported")] bool? IssParameterSupported);
