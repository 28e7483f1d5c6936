namespace MiniOAuth.Client.Tokens;

/// <summary>The tokens of one signed-in session, kept on this server and never sent to the browser.</summary>
/// <param name="ExpiresAt">From <c>expires_in</c>; null when the server did not say.</param>
internal sealed record TokenSet(
    string AccessToken,
    string? RefreshToken,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ExpiresAt,
    string? Scope)
{
    /// <summary>A token this close to expiry is refreshed before use, so it cannot expire in flight.</summary>
    public static TimeSpan RefreshMargin { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// True once less than the margin is left. For short-lived tokens the margin shrinks to half
    /// the lifetime, so a token that lives ten seconds is not refreshed as soon as it is issued.
    /// </summary>
    public bool NeedsRefresh(DateTimeOffset now)
    {
        if (ExpiresAt is not { } expiresAt)
        {
            return false;
        }

        var lifetime = expiresAt - IssuedAt;
        var margin = lifetime / 2 < RefreshMargin ? lifetime / 2 : RefreshMargin;
        return now >= expiresAt - margin;
    }

    /// <summary>
    /// The set after a refresh: RFC 6749 §6 lets the server keep the refresh token (then the old one
    /// stays in use) or rotate it (then only the new one is kept), and omit an unchanged scope.
    /// </summary>
    public TokenSet Refreshed(TokenSet issued) => issued with
    {
        RefreshToken = issued.RefreshToken ?? RefreshToken,
        Scope = issued.Scope ?? Scope,
    };

    /// <summary>Seconds left, for display; negative once expired.</summary>
    public long? SecondsLeft(DateTimeOffset now) => ExpiresAt is { } expiresAt ? (long)Math.Floor((expiresAt - now).TotalSeconds) : null;
}
