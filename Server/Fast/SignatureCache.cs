// Not needed to understand the protocol: remembers which access tokens already passed the signature
// check, to save an ES256 verification per request. AccessTokens.ValidateAsync reads the same without it.
using System.Collections.Concurrent;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Server.Fast;

/// <summary>
/// A token is used many times in its life; its signature needs checking once. The cache maps the exact
/// token string to what it said, so a changed token is a miss and is checked in full. Expiry and
/// revocation are still checked on every use, so a remembered token is never accepted for longer.
/// At most 10,000 tokens per instance; when full it starts again empty.
/// </summary>
internal sealed class SignatureCache
{
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, AccessTokenClaims> _validated = new(StringComparer.Ordinal);

    public bool TryGet(string token, out AccessTokenClaims? claims) => _validated.TryGetValue(token, out claims);

    public void Remember(string token, AccessTokenClaims claims)
    {
        if (_validated.Count >= MaxRemembered)
        {
            _validated.Clear();
        }

        _validated.TryAdd(token, claims);
    }
}
