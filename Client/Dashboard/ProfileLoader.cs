using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Http;
using MiniOAuth.Client.Sessions;
using MiniOAuth.Client.Tokens;

namespace MiniOAuth.Client.Dashboard;

/// <summary>Who is signed in, asked of userinfo with a token fresh enough to use.</summary>
internal sealed class ProfileLoader(TokenRefresher refresher, UserInfoApi userInfo)
{
    /// <summary>The profile, or null when the session can no longer get a usable token: it must sign in again.</summary>
    public async Task<Profile?> LoadAsync(ClientSession session, AuthorizationServerMetadata server, CancellationToken cancellationToken)
    {
        var tokens = await refresher.GetUsableTokensAsync(session, server, rejectedAccessToken: null, cancellationToken);
        if (tokens is null)
        {
            return null;
        }

        var answer = await userInfo.GetAsync(server, tokens.AccessToken, session.Steps, cancellationToken);
        if (answer.Status == StatusCodes.Status401Unauthorized)
        {
            // RFC 6750 §3.1 invalid_token: expired early or revoked. One refresh, then the session is over.
            tokens = await refresher.GetUsableTokensAsync(session, server, tokens.AccessToken, cancellationToken);
            if (tokens is null)
            {
                return null;
            }

            answer = await userInfo.GetAsync(server, tokens.AccessToken, session.Steps, cancellationToken);
        }

        if (answer.Status == StatusCodes.Status401Unauthorized)
        {
            return null;
        }

        session.Profile = answer.Profile
            ?? throw new UpstreamException($"The userinfo endpoint answered {answer.Status} without a usable profile.");
        return session.Profile;
    }
}
