using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Accounts;

internal static class SignUpPage
{
    public static ContentHttpResult Render(
        HttpContext context, SignUpRequest values, string? returnUrl, FormErrors errors, int status = StatusCodes.Status200OK)
    {
        var target = Forms.IsLocalUrl(returnUrl) ? returnUrl : null;
        return Page.Render("Sign up", $"""
            <h1>Create an account</h1>
            <form method="post" action="/oauth/register/">
              {Forms.AntiforgeryField(context)}
              <input type="hidden" name="returnUrl" value="{E(target)}">
              <label for="username">Username</label>
              <input type="text" id="username" name="username" value="{E(values.Username)}" autocomplete="username" required maxlength="{Login.MaxUsernameLength}" autofocus>
              {errors.For(nameof(SignUpRequest.Username))}
              <label for="email">Email</label>
              <input type="email" id="email" name="email" value="{E(values.Email)}" autocomplete="email" required maxlength="{SignUpRequestValidator.MaxEmailLength}">
              {errors.For(nameof(SignUpRequest.Email))}
              <label for="password">Password</label>
              <input type="password" id="password" name="password" autocomplete="new-password" required minlength="{PasswordRules.MinimumLength}" maxlength="{PasswordRules.MaximumBytes}">
              {errors.For(nameof(SignUpRequest.Password))}
              <p class="muted">At least {PasswordRules.MinimumLength} characters, and not your username.</p>
              <button type="submit">Create account</button>
            </form>
            <p class="muted">Already have an account? <a href="{E(LoginLink(target))}">Sign in</a>.</p>
            """, status);
    }

    private static string LoginLink(string? returnUrl) => returnUrl is null
        ? "/oauth/login/"
        : Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/oauth/login/", "returnUrl", returnUrl);
}
