using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Token;

/// <summary>What a grant answers: tokens, or an RFC 6749 §5.2 error.</summary>
internal sealed record GrantResult(TokenResponse? Tokens, OAuthError? Error)
{
    public static implicit operator GrantResult(TokenResponse tokens) => new(tokens, null);
    public static implicit operator GrantResult(OAuthError error) => new(null, error);
}
