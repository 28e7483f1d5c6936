namespace MiniOAuth.Client.Protocol;

/// <summary>What the <c>iss</c> returned to the callback turned out to be.</summary>
internal enum IssuerCheckResult
{
    Valid,
    Missing,
    Foreign,
}

/// <summary>
/// RFC 9207 §2.4: the <c>iss</c> of an authorization response must be the issuer this client
/// started the flow with; this stops a mix-up attack, where one server's answer is sent to another.
/// </summary>
internal static class IssuerCheck
{
    public static IssuerCheckResult Check(string? returnedIssuer, string expectedIssuer, bool serverSendsIssuer)
    {
        if (string.IsNullOrEmpty(returnedIssuer))
        {
            // A server whose metadata promises iss must send it; without that promise it may be absent.
            return serverSendsIssuer ? IssuerCheckResult.Missing : IssuerCheckResult.Valid;
        }

        // RFC 9207 §2.4: simple string comparison, no normalization.
        return string.Equals(returnedIssuer, expectedIssuer, StringComparison.Ordinal)
            ? IssuerCheckResult.Valid
            : IssuerCheckResult.Foreign;
    }
}
