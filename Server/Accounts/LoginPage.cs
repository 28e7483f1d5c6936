using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Accounts;

internal static class LoginPage
{
    /// <param name="username">What a failed attempt typed, shown again so that only the password is typed again.</param>
    public static ContentHttpResult Render(HttpContext context, string? returnUrl, string? message, int status = 200, string? username = null)
    {
        var (usernameFocus, passwordFocus) = string.IsNullOrEmpty(username) ? (" autofocus", "") : ("", " autofocus");
        var target = Forms.IsLocalUrl(returnUrl) ? returnUrl : null;
        var error = message is null ? "" : $"""<p class="error" role="alert">{E(message)}</p>""";
        return Page.Render("Sign in", $"""
            <h1>Sign in</h1>
            {error}
            <form method="post" action="/oauth/login/">
              {Forms.AntiforgeryField(context)}
              <input type="hidden" name="returnUrl" value="{E(target)}">
              <label for="username">Username</label>
              <input type="text" id="username" name="username" value="{E(username)}" autocomplete="username" required maxlength="{Login.MaxUsernameLength}"{usernameFocus}>
              <label for="password">Password</label>
              <input type="password" id="password" name="password" autocomplete="current-password" required maxlength="{Login.MaxPasswordLength}"{passwordFocus}>
              <button type="submit">Sign in</button>
            </form>
            <p class="muted">No account? <a href="{E(SignUpLink(target))}">Sign up</a>.</p>
            """, status);
    }

    // Someone who signs up in the middle of an authorization request comes back to it afterwards.
    private static string SignUpLink(string? returnUrl) => returnUrl is null
        ? "/oauth/register/"
        : Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/oauth/register/", "returnUrl", returnUrl);
}
