using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Token;

/// <summary>Makes refresh tokens: 256 random bits, stored as SHA-256, never outliving their grant.</summary>
internal sealed class RefreshTokens(IOptions<OAuthOptions> options)
{
    /// <summary>Adds a new refresh token of the grant to the context (saved by the caller's transaction).</summary>
    public string Add(MiniOAuthDb db, Grant grant, DateTime now)
    {
        var token = Secrets.New();
        var expires = now + options.Value.RefreshTokenLifetime;
        db.RefreshTokens.Add(new RefreshToken
        {
            Hash = Secrets.HashForLookup(token),
            GrantId = grant.Id,
            ClientId = grant.ClientId,
            CreatedAt = now,
            ExpiresAt = expires < grant.ExpiresAt ? expires : grant.ExpiresAt,
        });
        return token;
    }
}
