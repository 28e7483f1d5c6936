using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Revocation;

namespace MiniOAuth.Server.Token.Grants;

/// <summary><c>grant_type=authorization_code</c>: RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.5, §4.6).</summary>
internal sealed class AuthorizationCodeGrant(
    MiniOAuthDb db, AccessTokens accessTokens, Revocations revocations, TimeProvider clock, IOptions<OAuthOptions> options)
{
    public async Task<GrantResult> HandleAsync(TokenRequest request, Client client, CancellationToken ct)
    {
        if (request.Code is null)
        {
            return OAuthError.InvalidRequest("code is required.");
        }

        if (request.RedirectUri is null)
        {
            return OAuthError.InvalidRequest("redirect_uri is required, as it was sent to the authorization endpoint.");
        }

        var hash = Secrets.HashForLookup(request.Code);
        var code = await db.AuthorizationCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Hash == hash, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (code is null)
        {
            return OAuthError.InvalidGrant("The code is unknown.");
        }

        // The client binding comes before replay detection: otherwise anyone who saw a used code could
        // end the victim's grant by presenting it as another client (a public one needs no secret).
        if (code.ClientId != client.Id)
        {
            return OAuthError.InvalidGrant("The code was issued to another client.");
        }

        if (code.RedeemedAt is not null)
        {
            return await ReplayAsync(code.GrantId, ct);
        }

        if (code.ExpiresAt <= now)
        {
            return OAuthError.InvalidGrant("The code has expired.");
        }

        // RFC 6749 §4.1.3: the redirect_uri must be identical to the one of the authorization request.
        if (code.RedirectUri != request.RedirectUri)
        {
            return OAuthError.InvalidGrant("redirect_uri does not match the authorization request.");
        }

        if (code.CodeChallenge is null && request.CodeVerifier is not null)
        {
            // RFC 9700 §2.1.1: a verifier without a challenge is a PKCE downgrade attempt.
            return OAuthError.InvalidGrant("code_verifier was sent but the authorization request had no code_challenge.");
        }

        if (code.CodeChallenge is not null && request.CodeVerifier is null)
        {
            return OAuthError.InvalidGrant("code_verifier is required: the authorization request had a code_challenge.");
        }

        if (code.CodeChallenge is not null && !Pkce.Verify(request.CodeVerifier!, code.CodeChallenge))
        {
            return OAuthError.InvalidGrant("code_verifier does not match the code_challenge.");
        }

        return await RedeemAsync(code, client, now, ct);
    }

    // The code is redeemed by one conditional update, in one transaction with the grant it creates:
    // of two parallel redemptions exactly one wins, on one instance or many.
    private async Task<GrantResult> RedeemAsync(AuthorizationCode code, Client client, DateTime now, CancellationToken ct)
    {
        var grant = new Grant
        {
            Id = Secrets.New(),
            ClientId = client.Id,
            UserId = code.UserId,
            Scope = code.Scope,
            CreatedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenFamilyLifetime,
        };
        string? refreshToken;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var won = await db.AuthorizationCodes
                .Where(c => c.Hash == code.Hash && c.RedeemedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.RedeemedAt, now).SetProperty(c => c.GrantId, grant.Id), ct);
            if (won == 0)
            {
                await transaction.RollbackAsync(ct);
                var winner = await db.AuthorizationCodes.AsNoTracking()
                    .Where(c => c.Hash == code.Hash).Select(c => c.GrantId).FirstOrDefaultAsync(ct);
                return await ReplayAsync(winner, ct);
            }

            db.Grants.Add(grant);
            refreshToken = client.AllowedGrants.Contains(GrantTypes.RefreshToken)
                ? RefreshTokenGrant.Issue(db, grant, now, options.Value.RefreshTokenLifetime)
                : null;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        var (accessToken, _) = await accessTokens.IssueAsync(code.UserId, client.Id, code.Scope, grant.Id, ct);
        return new TokenResponse(accessToken, (int)options.Value.AccessTokenLifetime.TotalSeconds, refreshToken, code.Scope);
    }

    /// <summary>RFC 6749 §4.1.2: a code used twice revokes every token issued from it.</summary>
    private async Task<GrantResult> ReplayAsync(string? grantId, CancellationToken ct)
    {
        if (grantId is not null)
        {
            await revocations.RevokeGrantAsync(grantId, ct);
        }

        return OAuthError.InvalidGrant("The code was already used; the tokens issued from it are revoked.");
    }
}
