using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using MiniOAuth.Client.Configuration;
using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Http;
using MiniOAuth.Client.Protocol;
using MiniOAuth.Client.Tokens;

namespace MiniOAuth.Client.Logout;

/// <summary>Tells the server this session's tokens are no longer wanted.</summary>
internal sealed class LogoutApi(AuthorizationServerHttp http, IOptions<ClientOptions> options, ILogger<LogoutApi> logger)
{
    /// <summary>
    /// MiniOAuth's <c>POST /oauth/logout/</c> revokes the access token and its refresh family. If the
    /// access token has already expired, that call is refused, so the refresh token is revoked on its
    /// own (RFC 7009). A server that cannot be reached does not keep the user signed in here.
    /// </summary>
    public async Task RevokeAsync(AuthorizationServerMetadata server, TokenSet tokens, CancellationToken cancellationToken)
    {
        try
        {
            using var logout = new HttpRequestMessage(HttpMethod.Post, server.LogoutEndpoint) { Content = JsonContent.Create(new { }) };
            logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            var answer = await http.SendAsync(logout, cancellationToken);
            if (answer.Status is >= 200 and < 300 || tokens.RefreshToken is null || server.RevocationEndpoint is null)
            {
                return;
            }

            using var revoke = new HttpRequestMessage(HttpMethod.Post, server.RevocationEndpoint)
            {
                Content = new FormUrlEncodedContent([new("token", tokens.RefreshToken), new("token_type_hint", "refresh_token")]),
            };
            revoke.Headers.Authorization = ClientSecretBasic.Header(options.Value.ClientId, options.Value.ClientSecret);
            await http.SendAsync(revoke, cancellationToken);
        }
        catch (UpstreamException exception)
        {
            logger.LogWarning(exception, "Signed out here, but the server could not be told");
        }
    }
}
