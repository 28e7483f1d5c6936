using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Sessions;

namespace MiniOAuth.Client.Tokens;

/// <summary>
/// Hands out an access token that will not expire in flight, refreshing it first when needed.
/// Refreshes of one session wait for each other: two page loads at once must never present one
/// refresh token twice, which the server rightly treats as theft and answers by ending the grant
/// (RFC 9700 §4.14.2).
/// </summary>
internal sealed class TokenRefresher(TokenClient tokens, TimeProvider time)
{
    /// <summary>
    /// The usable tokens, or null when the session has none or the refresh was refused: the
    /// session is then signed out. <paramref name="rejectedAccessToken"/> is a token a resource
    /// server has just refused (RFC 6750 §3.1 <c>invalid_token</c>), which is refreshed even if it
    /// looks unexpired.
    /// </summary>
    public async Task<TokenSet?> GetUsableTokensAsync(
        ClientSession session, AuthorizationServerMetadata server, string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        if (session.Tokens is { } current && !MustRefresh(current, rejectedAccessToken))
        {
            return current;
        }

        await session.RefreshLock.WaitAsync(cancellationToken);
        try
        {
            // Another request may have refreshed while this one waited: then its tokens are used.
            current = session.Tokens;
            if (current is null || !MustRefresh(current, rejectedAccessToken))
            {
                return current;
            }

            var outcome = current.RefreshToken is null
                ? null
                : await tokens.RefreshAsync(server, current.RefreshToken, session.Steps, cancellationToken);
            session.Tokens = outcome is TokenOutcome.Issued issued ? current.Refreshed(issued.Tokens) : null;
            return session.Tokens;
        }
        finally
        {
            session.RefreshLock.Release();
        }
    }

    private bool MustRefresh(TokenSet tokens, string? rejectedAccessToken) =>
        tokens.NeedsRefresh(time.GetUtcNow()) || string.Equals(tokens.AccessToken, rejectedAccessToken, StringComparison.Ordinal);
}
