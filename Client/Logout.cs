namespace MiniOAuth.Client;

/// <summary>Signing out of this app and, through the browser, of the server.</summary>
internal static class Logout
{
    /// <summary>GET /logout: the tokens are revoked over the back channel, the session here is forgotten, then
    /// the browser visits the server's logout page, which ends the server's login session (its cookie
    /// lives in the browser, out of this app's reach) and sends it back home.</summary>
    public static async Task<RedirectHttpResult> SignOutAsync(
        HttpContext context, SessionStore sessions, AuthorizationServer server, IOptions<ClientOptions> options,
        ILogger<AuthorizationServer> logger, CancellationToken cancellationToken)
    {
        var session = sessions.Find(context);
        var tokens = session?.Tokens;
        sessions.End(context, session);
        var settings = options.Value;
        try
        {
            if (tokens is not null)
            {
                // MiniOAuth's POST /oauth/logout/ revokes the access token and its refresh family. If the access token
                // has already expired, that call is refused, so the refresh token is revoked on its own (RFC 7009).
                var metadata = await server.GetMetadataAsync(cancellationToken);
                using var logout = new HttpRequestMessage(HttpMethod.Post, settings.LogoutUrl) { Content = JsonContent.Create(new { }) };
                logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
                var answer = await server.SendAsync(logout, cancellationToken);
                if (answer.Status is < 200 or >= 300 && tokens.RefreshToken is not null && metadata.RevocationEndpoint is not null)
                {
                    using var revoke = new HttpRequestMessage(HttpMethod.Post, metadata.RevocationEndpoint)
                    {
                        Content = new FormUrlEncodedContent([new("token", tokens.RefreshToken), new("token_type_hint", "refresh_token")]),
                    };
                    revoke.Headers.Authorization = AuthorizationServer.ClientSecretBasic(settings.ClientId, settings.ClientSecret);
                    await server.SendAsync(revoke, cancellationToken);
                }
            }
        }
        catch (UpstreamException exception)
        {
            // A server that cannot be reached does not keep the user signed in here.
            logger.LogWarning(exception, "Signed out here, but the server could not be told");
        }

        return TypedResults.Redirect(QueryHelpers.AddQueryString(settings.LogoutUrl, new Dictionary<string, string?>
        {
            ["client_id"] = settings.ClientId,
            ["post_logout_redirect_uri"] = settings.PostLogoutRedirectUri,
        }));
    }
}
