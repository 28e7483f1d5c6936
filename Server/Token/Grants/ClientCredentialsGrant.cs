using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Token.Grants;

/// <summary><c>grant_type=client_credentials</c>, RFC 6749 §4.4: a token for the client itself, no user, no refresh token.</summary>
internal sealed class ClientCredentialsGrant(AccessTokens accessTokens, IOptions<OAuthOptions> options)
{
    public async Task<GrantResult> HandleAsync(TokenRequest request, Client client, CancellationToken ct)
    {
        if (!client.IsConfidential)
        {
            return OAuthError.UnauthorizedClient("Only confidential clients may use client_credentials (RFC 6749 §4.4).");
        }

        // No scope by default: the token carries only the scopes asked for that the client may have.
        var scopes = Scopes.Parse(request.Scope);
        if (scopes.FirstOrDefault(s => !Scopes.All.Contains(s) || !client.AllowedScopes.Contains(s)) is { } refused)
        {
            return OAuthError.InvalidScope($"Scope '{refused}' is unknown or not allowed for this client.");
        }

        var scope = Scopes.Join(scopes);
        var (accessToken, _) = await accessTokens.IssueAsync(client.Id, client.Id, scope, grantId: null, ct);
        return new TokenResponse(accessToken, (int)options.Value.AccessTokenLifetime.TotalSeconds, null, scope.Length > 0 ? scope : null);
    }
}
