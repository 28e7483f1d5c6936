using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Authorize;

/// <summary>Makes authorization codes: 256 random bits, stored as SHA-256, short-lived, bound to everything.</summary>
internal sealed class AuthorizationCodes(MiniOAuthDb db, TimeProvider clock, IOptions<OAuthOptions> options)
{
    public async Task<string> IssueAsync(
        Client client, User user, string[] scopes, string redirectUri, string? codeChallenge, CancellationToken ct)
    {
        var code = Secrets.New();
        var now = clock.GetUtcNow().UtcDateTime;
        db.AuthorizationCodes.Add(new AuthorizationCode
        {
            Hash = Secrets.HashForLookup(code),
            ClientId = client.Id,
            UserId = user.Id,
            Scope = Scopes.Join(scopes),
            RedirectUri = redirectUri,
            CodeChallenge = codeChallenge,
            CreatedAt = now,
            ExpiresAt = now + options.Value.AuthorizationCodeLifetime,
        });
        await db.SaveChangesAsync(ct);
        return code;
    }
}
