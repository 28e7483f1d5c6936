namespace MiniOAuth.Server.Protocol;

/// <summary>The grant types of RFC 6749 that MiniOAuth implements.</summary>
internal static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";

    public static readonly IReadOnlyList<string> All = [AuthorizationCode, RefreshToken, ClientCredentials];
}
