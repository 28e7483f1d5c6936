using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Client.Pages;
using MiniOAuth.Client.Steps;
using MiniOAuth.Client.Tokens;

namespace MiniOAuth.Client.Dashboard;

/// <summary>The userdata editor as shown: its text, the version it edits, and any message.</summary>
internal sealed record UserDataEditor(string Text, string? ETag, string? Notice, string? Error);

/// <summary>Everything the dashboard shows.</summary>
internal sealed record DashboardView(
    Profile Profile,
    UserDataSnapshot? Data,
    string? DataProblem,
    UserDataEditor Editor,
    TokenSet? Tokens,
    DateTimeOffset Now,
    IReadOnlyList<Step> Steps,
    AntiforgeryTokenSet Antiforgery);

/// <summary>The signed-in user's page: who they are, their userdata with its editor, and the steps.</summary>
internal static class DashboardPage
{
    public static ContentHttpResult Render(DashboardView view, int status = StatusCodes.Status200OK) =>
        Layout.Page("Dashboard", Body(view), signedIn: true, status);

    private static Html Body(DashboardView view) => Html.Of($"""
        <section class="card">
        <h1>Signed in as {view.Profile.Username}</h1>
        <dl class="facts">
        <dt>Name</dt><dd>{view.Profile.Name ?? "(not shared)"}</dd>
        <dt>Email</dt><dd>{view.Profile.Email ?? "(not shared)"}</dd>
        <dt>Roles</dt><dd>{(view.Profile.Roles.Count > 0 ? string.Join(", ", view.Profile.Roles) : "(none shared)")}</dd>
        <dt>User id</dt><dd><code>{view.Profile.Sub}</code></dd>
        <dt>Access token</dt><dd>{TokenSummary(view.Tokens, view.Now)}</dd>
        </dl>
        </section>
        {UserDataSection(view)}
        {StepsPanel.Render(view.Steps)}
        """);

    private static string TokenSummary(TokenSet? tokens, DateTimeOffset now)
    {
        if (tokens is null)
        {
            return "(none)";
        }

        return tokens.SecondsLeft(now) is { } seconds
            ? $"scope {tokens.Scope}; expires in {seconds} s, refreshed first when under {TokenSet.RefreshMargin.TotalSeconds:0} s"
            : $"scope {tokens.Scope}; the server gave no lifetime";
    }

    private static Html UserDataSection(DashboardView view) => Html.Of($"""
        <section class="card">
        <h2>Your userdata</h2>
        {Html.When(view.Editor.Notice is not null, () => Html.Of($"<p class=\"notice\" role=\"status\">{view.Editor.Notice}</p>"))}
        {Html.When(view.DataProblem is not null, () => Html.Of($"<p class=\"problem\" role=\"alert\">The userdata could not be read: {view.DataProblem}</p>"))}
        {Html.When(view.Data is not null, () => Html.Of($"<p class=\"hint\">Stored now (ETag <code>{view.Data!.ETag ?? "(none)"}</code>):</p><pre>{view.Data.Json}</pre>"))}
        {Html.When(view.Editor.ETag is not null, () => Editor(view))}
        </section>
        """);

    private static Html Editor(DashboardView view) => Html.Of($"""
        <form method="post" action="/dashboard/userdata">
        <input type="hidden" name="{view.Antiforgery.FormFieldName}" value="{view.Antiforgery.RequestToken}">
        <input type="hidden" name="etag" value="{view.Editor.ETag}">
        <label for="userdata">Edit as a JSON object</label>
        {Html.When(view.Editor.Error is not null, () => Html.Of($"<p class=\"problem\" id=\"userdata-error\" role=\"alert\">{view.Editor.Error}</p>"))}
        <textarea id="userdata" name="userdata" rows="10" spellcheck="false">{view.Editor.Text}</textarea>
        <button type="submit">Save</button>
        </form>
        """);
}
