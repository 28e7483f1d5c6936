using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MiniOAuth.Client.Configuration;
using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Pages;
using MiniOAuth.Client.Protocol;
using MiniOAuth.Client.Sessions;
using MiniOAuth.Client.Tokens;

namespace MiniOAuth.Client.Login;

/// <summary>The authorization code flow: <c>/login</c> starts it, <c>/callback</c> finishes it.</summary>
internal static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", StartLogin);
        app.MapGet("/callback", FinishLogin);
        return app;
    }

    private static async Task<RedirectHttpResult> StartLogin(
        HttpContext context, SessionStore sessions, MetadataProvider metadata, IOptions<ClientOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var server = await metadata.GetAsync(cancellationToken);
        var session = context.FindOrStartClientSession(sessions);
        var attempt = PendingAuthorization.Create(time);
        session.BeginLogin(attempt);
        AuthorizeRequest.Record(session.Steps, server, options.Value, attempt);
        return TypedResults.Redirect(AuthorizeRequest.Url(server, options.Value, attempt));
    }

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> FinishLogin(
        HttpContext context, SessionStore sessions, MetadataProvider metadata, TokenClient tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var answer = CallbackParameters.From(context.Request.Query);
        var session = context.FindClientSession(sessions);
        var attempt = session?.TakePendingLogin();
        // RFC 6749 §10.12: nothing in the answer is trusted, nor any request made, before the state matches.
        if (CallbackRejection.ForState(PendingAuthorization.Check(attempt, answer.State, time.GetUtcNow())) is { } badState)
        {
            return badState;
        }

        answer.Record(session!.Steps);
        var server = await metadata.GetAsync(cancellationToken);
        var issuerCheck = IssuerCheck.Check(answer.Issuer, server.Issuer, server.IssParameterSupported);
        if (CallbackRejection.ForIssuer(issuerCheck, answer.Issuer, server.Issuer) is { } badIssuer)
        {
            return badIssuer;
        }

        if (answer.Error is not null)
        {
            return CallbackRejection.ForError(answer.Error, answer.ErrorDescription);
        }

        if (answer.Code is null)
        {
            return CallbackRejection.NoCode();
        }

        var outcome = await tokens.RedeemCodeAsync(server, answer.Code, attempt!.CodeVerifier, session.Steps, cancellationToken);
        if (outcome is not TokenOutcome.Issued issued)
        {
            return ExchangeFailed((TokenOutcome.Refused)outcome);
        }

        session.SignIn(issued.Tokens);
        AccessTokenPreview.Record(session.Steps, issued.Tokens.AccessToken);
        session.Steps.FinishSignIn();
        context.RenewClientSession(sessions, session);
        return TypedResults.Redirect("/dashboard");
    }

    private static ContentHttpResult ExchangeFailed(TokenOutcome.Refused refused) => ErrorPage.Render(
        StatusCodes.Status502BadGateway,
        "The code could not be exchanged",
        "The authorization server refused to give tokens for this sign-in. Sign in again.",
        $"HTTP {refused.Status}, error={refused.Error}{(refused.Description is null ? string.Empty : $": {refused.Description}")}");
}
