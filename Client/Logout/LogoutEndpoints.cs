using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using MiniOAuth.Client.Configuration;
using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Http;
using MiniOAuth.Client.Sessions;

namespace MiniOAuth.Client.Logout;

/// <summary>Signing out of this app and, through the browser, of the server.</summary>
internal static class LogoutEndpoints
{
    public static IEndpointRouteBuilder MapLogout(this IEndpointRouteBuilder app)
    {
        app.MapGet("/logout", Logout);
        return app;
    }

    /// <summary>
    /// The tokens are revoked over the back channel, the session here is forgotten, then the browser
    /// visits the server's logout page, which ends the server's login session (its cookie lives in
    /// the browser, out of this app's reach) and sends it back home.
    /// </summary>
    private static async Task<RedirectHttpResult> Logout(
        HttpContext context, SessionStore sessions, MetadataProvider metadata, LogoutApi logout, IOptions<ClientOptions> options,
        CancellationToken cancellationToken)
    {
        var session = context.FindClientSession(sessions);
        var tokens = session?.Tokens;
        context.EndClientSession(sessions, session);
        var server = await TryGetMetadataAsync(metadata, cancellationToken);
        if (tokens is not null && server is not null)
        {
            await logout.RevokeAsync(server, tokens, cancellationToken);
        }

        return TypedResults.Redirect(QueryHelpers.AddQueryString(MetadataProvider.LogoutEndpoint(options.Value), new Dictionary<string, string?>
        {
            ["client_id"] = options.Value.ClientId,
            ["post_logout_redirect_uri"] = options.Value.PostLogoutRedirectUri,
        }));
    }

    private static async Task<AuthorizationServerMetadata?> TryGetMetadataAsync(MetadataProvider metadata, CancellationToken cancellationToken)
    {
        try
        {
            return await metadata.GetAsync(cancellationToken);
        }
        catch (UpstreamException)
        {
            return null;
        }
    }
}
