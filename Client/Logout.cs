namespace MiniOAuth.Client;

/// <summary>Signing out of this app and, through the browser, of the provider.</summary>
internal static class Logout
{
    /// <summary>Names the provider whose own session may remain, for the home page to say so once.</summary>
    public const string NoticeCookie = "minioauth_client_signed_out";

    /// <summary>GET /logout: the tokens are ended at the provider by every means it publishes, the session here is forgotten,
    /// then the browser visits the provider's end-session endpoint (its session cookie is out of this app's reach) and comes
    /// back home. Only URLs the metadata published or the configuration named: nothing is guessed from the Authority.</summary>
    public static async Task<RedirectHttpResult> SignOutAsync(
        HttpContext context, SessionStore sessions, AuthorizationServer server, IOptions<ClientOptions> options,
        ILogger<AuthorizationServer> logger, CancellationToken cancellationToken)
    {
        var session = sessions.Find(context);
        var tokens = session?.Tokens;
        var provider = tokens?.Provider ?? options.Value.FindProvider(null)!;
        sessions.End(context, session);
        string? endSession = null;
        try
        {
            var metadata = await server.GetMetadataAsync(provider, cancellationToken);
            endSession = metadata.EndSessionEndpoint;
            if (tokens is not null && endSession is not null)
            {
                // MiniOAuth's end-session endpoint also takes a POST with the access token: it revokes it and its refresh family.
                using var logout = new HttpRequestMessage(HttpMethod.Post, endSession) { Content = JsonContent.Create(new { }) };
                logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
                await server.SendAsync(provider, logout, cancellationToken);
            }

            // RFC 7009: the refresh token ends its grant; without one, the access token.
            if (tokens is not null && metadata.RevocationEndpoint is not null)
            {
                KeyValuePair<string, string?>[] fields = tokens.RefreshToken is { } refreshToken
                    ? [new("token", refreshToken), new("token_type_hint", "refresh_token")]
                    : [new("token", tokens.AccessToken), new("token_type_hint", "access_token")];
                using var revoke = AuthorizationServer.ClientPost(provider, metadata.RevocationEndpoint, ref fields);
                await server.SendAsync(provider, revoke, cancellationToken);
            }
        }
        catch (UpstreamException exception)
        {
            // A provider that cannot be reached does not keep the user signed in here.
            logger.LogWarning(exception, "Signed out here, but {Provider} could not be told", provider.DisplayName);
        }

        if (endSession is null)
        {
            context.Response.Cookies.Append(NoticeCookie, provider.DisplayName, SessionStore.Cookie(context));
            return TypedResults.Redirect("/");
        }

        return TypedResults.Redirect(QueryHelpers.AddQueryString(endSession, new Dictionary<string, string?>
            { ["client_id"] = provider.Settings.ClientId, ["post_logout_redirect_uri"] = options.Value.PostLogoutRedirectUri }));
    }
}
