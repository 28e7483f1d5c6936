using MiniOAuth.Client.Steps;

namespace MiniOAuth.Client.Login;

/// <summary>What the server sent back to the redirect URI (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207 §2).</summary>
internal sealed record CallbackParameters(string? Code, string? State, string? Issuer, string? Error, string? ErrorDescription)
{
    public static CallbackParameters From(IQueryCollection query) => new(
        Single(query, "code"), Single(query, "state"), Single(query, "iss"), Single(query, "error"), Single(query, "error_description"));

    public void Record(StepLog steps) => steps.Add(
        "The server sent the browser back to /callback",
        "The query carries either a one-time code or an error, the state this app sent, and (RFC 9207) the issuer that answered.",
        new StepDetail("code", Mask.Secret(Code)),
        new StepDetail("state", Mask.Secret(State)),
        new StepDetail("iss", Issuer ?? "(none)"),
        new StepDetail("error", Error is null ? "(none)" : $"{Error}: {ErrorDescription}"));

    // A parameter sent twice is as good as absent (RFC 6749 §3.1: parameters must not repeat).
    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
