using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Client.Pages;
using MiniOAuth.Client.Protocol;

namespace MiniOAuth.Client.Login;

/// <summary>The error pages of the callback, one per reason, each with status 400.</summary>
internal static class CallbackRejection
{
    public static ContentHttpResult? ForState(StateCheck check) => check switch
    {
        StateCheck.Valid => null,
        StateCheck.NoLoginInProgress => Page(
            "No sign-in in progress",
            "This browser has no sign-in waiting for an answer, or its answer was already used. Sign in again."),
        StateCheck.Missing => Page(
            "The answer had no state",
            "The server's answer did not carry the state this app sent, so it cannot be tied to this browser. Nothing was exchanged."),
        StateCheck.Mismatch => Page(
            "The answer does not belong to this sign-in",
            "The state in the answer is not the one this browser was given: it may have been forged (a CSRF attempt). Nothing was exchanged."),
        StateCheck.Expired => Page(
            "The sign-in took too long",
            $"A sign-in must finish within {PendingAuthorization.Lifetime.TotalMinutes:0} minutes. Nothing was exchanged; sign in again."),
        _ => throw new ArgumentOutOfRangeException(nameof(check)),
    };

    public static ContentHttpResult? ForIssuer(IssuerCheckResult check, string? issuer, string expected) => check switch
    {
        IssuerCheckResult.Valid => null,
        IssuerCheckResult.Missing => Page(
            "The answer did not name its issuer",
            $"{expected} promises to name itself in every answer (RFC 9207), and this one did not. Nothing was exchanged."),
        IssuerCheckResult.Foreign => Page(
            "The answer came from another server",
            $"The answer names the issuer '{issuer}', but this app signs in at {expected} (a mix-up attack, RFC 9207). Nothing was exchanged."),
        _ => throw new ArgumentOutOfRangeException(nameof(check)),
    };

    /// <summary>RFC 6749 §4.1.2.1: the server refused, for example <c>access_denied</c> when the user said no.</summary>
    public static ContentHttpResult ForError(string error, string? description) => Page(
        error == "access_denied" ? "Access was not granted" : "The server refused the sign-in",
        error == "access_denied"
            ? "You (or the server) declined to let this app sign you in. Nothing was shared with it."
            : "The authorization server answered with an error instead of a code.",
        $"error={error}{(description is null ? string.Empty : $": {description}")}");

    public static ContentHttpResult NoCode() => Page(
        "The answer had no code", "The server's answer carried neither a code nor an error.");

    private static ContentHttpResult Page(string title, string message, string? detail = null) =>
        ErrorPage.Render(StatusCodes.Status400BadRequest, title, message, detail);
}
