using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Pages;
using MiniOAuth.Client.Sessions;

namespace MiniOAuth.Client.Dashboard;

/// <summary>The signed-in user's page, and the form that saves their userdata.</summary>
internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", ShowDashboard);
        app.MapPost("/dashboard/userdata", SaveUserData);
        return app;
    }

    private static async Task<Results<ContentHttpResult, RedirectHttpResult>> ShowDashboard(
        HttpContext context, SessionStore sessions, MetadataProvider metadata, ProfileLoader profiles, UserDataApi userData,
        IAntiforgery antiforgery, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = context.FindClientSession(sessions);
        if (session?.Tokens is null)
        {
            return TypedResults.Redirect("/");
        }

        var server = await metadata.GetAsync(cancellationToken);
        if (await profiles.LoadAsync(session, server, cancellationToken) is not { } profile)
        {
            context.EndClientSession(sessions, session);
            return TypedResults.Redirect("/login");
        }

        var read = await userData.ReadAsync(server, profile.Sub, session.Steps, cancellationToken);
        session.UserData = read.Data;
        var editor = new UserDataEditor(read.Data?.Json ?? string.Empty, read.Data?.ETag, session.TakeNotice(), Error: null);
        return DashboardPage.Render(new DashboardView(
            profile, read.Data, read.Problem, editor, session.Tokens, time.GetUtcNow(), session.Steps.Snapshot(), antiforgery.GetAndStoreTokens(context)));
    }

    private static async Task<Results<ContentHttpResult, RedirectHttpResult>> SaveUserData(
        HttpContext context, SessionStore sessions, MetadataProvider metadata, UserDataApi userData,
        IAntiforgery antiforgery, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = context.FindClientSession(sessions);
        if (session?.Tokens is null)
        {
            return TypedResults.Redirect("/");
        }

        if (session.Profile is not { } profile)
        {
            return TypedResults.Redirect("/dashboard");
        }

        if (await UserDataPost.ReadAsync(context, antiforgery, cancellationToken) is not { } form)
        {
            return ErrorPage.Render(StatusCodes.Status400BadRequest, "The form could not be accepted",
                "This form was not sent by this app's page, or it is too old. Go back to the dashboard and try again.");
        }

        if (!form.IsValid)
        {
            var invalid = new UserDataEditor(form.Text, form.ETag ?? session.UserData?.ETag, Notice: null, form.Error);
            return Render(context, session, profile, invalid, antiforgery, time, StatusCodes.Status400BadRequest);
        }

        var server = await metadata.GetAsync(cancellationToken);
        var saved = await userData.ReplaceAsync(server, profile.Sub, form.Json!, form.ETag!, session.Steps, cancellationToken);
        if (saved.Data is not null)
        {
            session.UserData = saved.Data;
            session.LeaveNotice("Saved.");
            return TypedResults.Redirect("/dashboard");
        }

        return await UserDataPost.RenderRefusalAsync(context, session, profile, form, saved, server, userData, antiforgery, time, cancellationToken);
    }

    /// <summary>The dashboard again, from what the session last saw, with the editor as given.</summary>
    internal static ContentHttpResult Render(
        HttpContext context, ClientSession session, Profile profile, UserDataEditor editor, IAntiforgery antiforgery, TimeProvider time, int status) =>
        DashboardPage.Render(
            new DashboardView(profile, session.UserData, DataProblem: null, editor, session.Tokens, time.GetUtcNow(), session.Steps.Snapshot(),
                antiforgery.GetAndStoreTokens(context)),
            status);
}
