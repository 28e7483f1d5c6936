using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Server.Revocation;

/// <summary>
/// RFC 7009 §2.1: ends a token the client presents, when it is one of that client's. A client cannot
/// tell whether anything was revoked: every outcome, unknown and foreign tokens included, is the same.
/// </summary>
internal sealed class TokenRevocation(MiniOAuthDb db, AccessTokens accessTokens, Revocations revocations)
{
    /// <summary>Whether the token is one this server issued (to any client); the endpoint answers the same either way.</summary>
    public async Task<bool> RevokeAsync(PresentedToken request, Client client, CancellationToken ct)
    {
        var token = request.Token!;
        return request.AccessTokenFirst
            ? await RevokeAccessTokenAsync(token, client, ct) || await RevokeRefreshTokenAsync(token, client, ct)
            : await RevokeRefreshTokenAsync(token, client, ct) || await RevokeAccessTokenAsync(token, client, ct);
    }

    /// <summary>
    /// RFC 7009 §2.1: revoking a refresh token also ends the access tokens of the same grant. Any token
    /// of the family ends it, a rotated one included: the client is asking to end that login.
    /// </summary>
    private async Task<bool> RevokeRefreshTokenAsync(string token, Client client, CancellationToken ct)
    {
        var hash = Secrets.HashForLookup(token);
        var found = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Select(t => new { t.GrantId, t.ClientId })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return false;
        }

        if (found.ClientId == client.Id)
        {
            await revocations.RevokeGrantAsync(found.GrantId, ct);
        }

        return true;
    }

    /// <summary>An access token is a signed JWT: only a genuine, unexpired one of this client is ended, by its <c>jti</c>.</summary>
    private async Task<bool> RevokeAccessTokenAsync(string token, Client client, CancellationToken ct)
    {
        var claims = await accessTokens.ValidateAsync(token, ct);
        if (claims is null)
        {
            return false;
        }

        if (claims.ClientId == client.Id)
        {
            await revocations.RevokeAccessTokenAsync(claims, ct);
        }

        return true;
    }
}
