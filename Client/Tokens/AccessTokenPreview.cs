using MiniOAuth.Client.Steps;

namespace MiniOAuth.Client.Tokens;

/// <summary>Adds the decoded access token to the steps, for learners.</summary>
internal static class AccessTokenPreview
{
    public static void Record(StepLog steps, string accessToken)
    {
        if (JwtPreview.TryDecode(accessToken) is not { } jwt)
        {
            steps.Add(
                "Looked at the access token",
                "This access token is not a JWT: to this client it is an opaque string, which is all a client needs.",
                new StepDetail("Access token", Mask.Secret(accessToken)));
            return;
        }

        steps.Add(
            "Decoded the access token (a JWT, RFC 9068)",
            "Decoded here only to show what is inside; the signature is not checked. A client treats the access token as "
                + "opaque and decides nothing from it; the resource server validates it against the server's JWKS.",
            new StepDetail("Access token", Mask.Secret(accessToken)),
            new StepDetail("Header", jwt.Header),
            new StepDetail("Claims", jwt.Claims),
            new StepDetail("Issued at (iat)", jwt.IssuedAt?.ToString("u") ?? "(none)"),
            new StepDetail("Expires at (exp)", jwt.ExpiresAt?.ToString("u") ?? "(none)"));
    }
}
