using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Accounts;

/// <summary>Sign-up: a new user with the role <c>user</c>, signed in at once.</summary>
internal static class SignUpEndpoints
{
    public static void MapSignUp(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/register", Show);
        app.MapPost("/oauth/register", Register).RequireCheckedForm();
    }

    private static ContentHttpResult Show(HttpContext context, string? returnUrl) =>
        Render(context, new SignUpRequest(null, null, null), returnUrl, FormErrors.None);

    private static async Task<Results<ContentHttpResult, BrowserRedirect>> Register(
        HttpContext context, IValidator<SignUpRequest> validator, UserRegistration registration, LoginSessions sessions, LoginThrottle throttle,
        MiniOAuthDb db)
    {
        var form = context.Request.Form;
        var returnUrl = form["returnUrl"].ToString();
        var request = new SignUpRequest(form["username"].ToString().Trim(), form["email"].ToString().Trim(), form["password"]);
        var validation = await validator.ValidateAsync(request, context.RequestAborted);
        if (!validation.IsValid)
        {
            return Render(context, request, returnUrl, new FormErrors(validation.Errors), StatusCodes.Status400BadRequest);
        }

        if (await throttle.BeginSignUpAsync(TransportSecurity.ClientAddress(context), context.RequestAborted) is { } wait)
        {
            LoginEndpoints.SetRetryAfter(context, wait);
            var throttled = FormErrors.One(nameof(SignUpRequest.Username), "Too many sign-ups from your address. Please wait and try again.");
            return Render(context, request, returnUrl, throttled, StatusCodes.Status429TooManyRequests);
        }

        try
        {
            // One transaction: a user is kept only with the session that signs them in, so that a sign-up
            // cut short by the database can be sent again (not refused as "taken").
            await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
            var user = await registration.CreateAsync(new NewUser(request.Username, request.Password, request.Email, null, []), context.RequestAborted);
            await sessions.SignInAsync(context, user);
            await transaction.CommitAsync(context.RequestAborted);
        }
        catch (DbUpdateException e) when (!DatabaseUnavailable.IsUnreachable(e))
        {
            // Another sign-up took the name between the check and the insert: the unique index said no.
            var taken = FormErrors.One(nameof(SignUpRequest.Username), "This username is taken.");
            return Render(context, request, returnUrl, taken, StatusCodes.Status400BadRequest);
        }

        // RFC 9700 §4.11 and §4.12: a local return address only, reached with 303 after the POST.
        return new BrowserRedirect(Forms.IsLocalUrl(returnUrl) ? returnUrl : AccountEndpoints.HomePath, afterPost: true);
    }

    private static ContentHttpResult Render(
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
            <p class="muted">Already have an account? <a href="{E(LoginEndpoints.WithReturnUrl("/oauth/login/", target))}">Sign in</a>.</p>
            """, status);
    }
}
