using Microsoft.AspNetCore.Http.HttpResults;

namespace MiniOAuth.Client.Pages;

/// <summary>A clear page for what went wrong, with a way back; never a stack trace.</summary>
internal static class ErrorPage
{
    public static ContentHttpResult Render(int status, string title, string message, string? detail = null) =>
        Layout.Page(title, Body(status, title, message, detail), signedIn: false, status);

    private static Html Body(int status, string title, string message, string? detail) => Html.Of($"""
        <section class="card error">
        <h1>{title}</h1>
        <p>{message}</p>
        {Html.When(detail is not null, () => Html.Of($"<p class=\"detail\">{detail}</p>"))}
        <p class="status">HTTP {status}</p>
        <p class="actions"><a class="button" href="/">Back to the home page</a> <a href="/login">Sign in again</a></p>
        </section>
        """);
}
