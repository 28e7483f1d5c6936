using System.Security.Cryptography;
using System.Text;

namespace MiniOAuth.Client.Protocol;

/// <summary>What a <c>state</c> returned to the callback turned out to be.</summary>
internal enum StateCheck
{
    Valid,
    NoLoginInProgress,
    Missing,
    Mismatch,
    Expired,
}

/// <summary>
/// One login attempt waiting for its callback: the <c>state</c> that binds the answer to this
/// browser (RFC 6749 §10.12) and the PKCE verifier that binds the code to this client (RFC 7636).
/// Kept server-side in the session; the session hands it out once, so a state is single use.
/// </summary>
internal sealed record PendingAuthorization(string State, string CodeVerifier, DateTimeOffset CreatedAt)
{
    /// <summary>How long a login attempt may take before its callback is refused.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(10);

    /// <summary>A fresh attempt: 256-bit state and verifier, far over the 128 bits RFC 9700 §4.7.1 asks.</summary>
    public static PendingAuthorization Create(TimeProvider time) =>
        new(RandomToken.Create(), Pkce.CreateVerifier(), time.GetUtcNow());

    /// <summary>Checks the <c>state</c> a callback brought against this attempt (or none).</summary>
    public static StateCheck Check(PendingAuthorization? pending, string? returnedState, DateTimeOffset now)
    {
        if (pending is null)
        {
            return StateCheck.NoLoginInProgress;
        }

        if (string.IsNullOrEmpty(returnedState))
        {
            return StateCheck.Missing;
        }

        // Compared in constant time, so response times teach an attacker nothing about the state.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(pending.State), Encoding.UTF8.GetBytes(returnedState)))
        {
            return StateCheck.Mismatch;
        }

        return now >= pending.CreatedAt + Lifetime ? StateCheck.Expired : StateCheck.Valid;
    }
}
