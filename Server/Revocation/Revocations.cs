using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Fast;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Server.Revocation;

/// <summary>The revocation endpoint, RFC 7009: the client ends one of its tokens.</summary>
internal static class RevocationEndpoints
{
    public static void MapRevocation(this IEndpointRouteBuilder app) =>
        app.MapPost("/oauth/revoke", Revoke).RequireRateLimiting(RateLimiting.PerClient).RequireCors(Cors.PublicClients);

    private static async Task<Results<Ok<JsonObject>, JsonHttpResult<OAuthError>>> Revoke(
        HttpContext context, IValidator<PresentedToken> validator, Revocations revocations)
    {
        // RFC 7009 §2.1: the server first validates the client credentials (public clients send client_id).
        var (client, request, error) = await ProtocolForm.ReadAsync(context, PresentedToken.From, validator, clientFirst: true);
        if (client is null)
        {
            return ProtocolForm.Error(context, error!);
        }

        await revocations.RevokePresentedAsync(request!, client, context.RequestAborted);
        // RFC 7009 §2.2: 200 whether or not anything was revoked; an invalid token is not an error. The
        // client may ignore the body; an empty JSON object keeps clients that parse every answer as JSON happy.
        return TypedResults.Ok(new JsonObject());
    }
}

/// <summary>
/// Revocation, in one place: ending tokens (RFC 7009, logout, security events) and telling whether an
/// access token is still alive. Everything is in the database, so a revocation on one instance holds
/// on every instance at the next request. A refresh token is alive while its row and its grant are
/// (<c>RefreshTokenGrant</c> checks them); an access token while the checks below pass.
/// </summary>
internal sealed class Revocations(MiniOAuthDb db, AccessTokens accessTokens, HotQueries queries, TimeProvider clock)
{
    /// <summary>
    /// RFC 7009 §2.1: ends a token the client presents, when it is one of that client's. A client cannot
    /// tell whether anything was revoked: every outcome, unknown and foreign tokens included, is the
    /// same. The hint only says which kind to look for first.
    /// </summary>
    public async Task RevokePresentedAsync(PresentedToken request, Client client, CancellationToken ct)
    {
        var token = request.Token!;
        _ = request.AccessTokenFirst
            ? await RevokePresentedAccessTokenAsync(token, client, ct) || await RevokePresentedRefreshTokenAsync(token, client, ct)
            : await RevokePresentedRefreshTokenAsync(token, client, ct) || await RevokePresentedAccessTokenAsync(token, client, ct);
    }

    /// <summary>Ends a grant: its refresh-token family and every access token issued from it.</summary>
    public Task RevokeGrantAsync(string grantId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Grants.Where(g => g.Id == grantId && g.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.RevokedAt, now), ct);
    }

    /// <summary>Ends every grant of a user, or of a user with one client.</summary>
    public Task RevokeGrantsAsync(string userId, string? clientId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Grants.Where(g => g.UserId == userId && (clientId == null || g.ClientId == clientId) && g.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.RevokedAt, now), ct);
    }

    /// <summary>Ends one access token by its <c>jti</c> (RFC 7009 §2.1).</summary>
    public async Task RevokeAccessTokenAsync(AccessTokenClaims token, CancellationToken ct = default)
    {
        var revoked = await db.RevokedAccessTokens.Where(r => r.Jti == token.Jti)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ExpiresAt, token.ExpiresAt), ct);
        if (revoked == 0)
        {
            db.RevokedAccessTokens.Add(new RevokedAccessToken { Jti = token.Jti, ExpiresAt = token.ExpiresAt });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (!DatabaseUnavailable.IsUnreachable(e))
            {
                // Another request revoked the same token at the same moment: the row exists, as wanted.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The user behind a live user access token, in one query: the token is not revoked; its grant is
    /// the token's own user and client, not revoked and not past its family lifetime; the user is not
    /// disabled. Null when any of these fails. (A signed token could only name another grant if a
    /// signing key leaked; the check costs nothing in the same query.) The query is in plain SQL on the
    /// fast path, Fast/HotQueries.cs, with the LINQ it replaces beside it.
    /// </summary>
    public Task<User?> FindLiveUserAsync(AccessTokenClaims token, CancellationToken ct = default) =>
        queries.LiveUser(db, token.Subject, token.ClientId, token.GrantId!, token.Jti, clock.GetUtcNow().UtcDateTime, ct);

    /// <summary>Whether a client-credentials token is live: not revoked, and its client still exists.</summary>
    public Task<bool> IsLiveClientTokenAsync(AccessTokenClaims token, CancellationToken ct = default) =>
        queries.LiveClientToken(db, token.ClientId, token.Jti, ct);

    /// <summary>
    /// RFC 7009 §2.1: revoking a refresh token also ends the access tokens of the same grant. Any token
    /// of the family ends it, a rotated one included: the client is asking to end that login.
    /// </summary>
    private async Task<bool> RevokePresentedRefreshTokenAsync(string token, Client client, CancellationToken ct)
    {
        var hash = Secrets.HashForLookup(token);
        var found = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Select(t => new { t.GrantId, t.ClientId })
            .FirstOrDefaultAsync(ct);
        if (found is not null && found.ClientId == client.Id)
        {
            await RevokeGrantAsync(found.GrantId, ct);
        }

        return found is not null;
    }

    /// <summary>An access token is a signed JWT: only a genuine, unexpired one of this client is ended, by its <c>jti</c>.</summary>
    private async Task<bool> RevokePresentedAccessTokenAsync(string token, Client client, CancellationToken ct)
    {
        var claims = await accessTokens.ValidateAsync(token, ct);
        if (claims is not null && claims.ClientId == client.Id)
        {
            await RevokeAccessTokenAsync(claims, ct);
        }

        return claims is not null;
    }
}
