using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;

namespace MiniOAuth.Server.Accounts;

/// <summary>
/// Pages for signed-in people only. A visitor without a session is sent to log in and brought back
/// afterwards; a signed-in user without the required role gets 403. Either way the handler, and any
/// change it would make, never runs. Handlers then read the user with <see cref="User"/>.
/// </summary>
internal static class SignedIn
{
    private const string ItemKey = "MiniOAuth.SignedInUser";

    /// <param name="builder">The endpoints (usually a route group) to protect.</param>
    /// <param name="landingPage">Where to come back to after logging in, when the request was a form POST.</param>
    /// <param name="role">The role the user must have, or null for any signed-in user.</param>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder, string landingPage, string? role = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            // Personal data, and secrets shown once: never kept by a cache. Antiforgery wants exactly
            // these values on a page with a form, and logs a warning when it has to replace others.
            context.Response.Headers.CacheControl = "no-cache, no-store";
            context.Response.Headers.Pragma = "no-cache";
            var user = await context.RequestServices.GetRequiredService<LoginSessions>().GetUserAsync(context);
            if (user is null)
            {
                var isRead = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
                var back = isRead ? context.Request.Path + context.Request.QueryString : landingPage;
                return new BrowserRedirect(LoginEndpoints.WithReturnUrl("/oauth/login/", back), afterPost: !isRead);
            }

            if (role is not null && !user.Roles.Contains(role))
            {
                return PageParts.Forbidden();
            }

            context.Items[ItemKey] = user;
            return await next(invocation);
        });

    /// <summary>The user that <see cref="RequireSignedIn{TBuilder}"/> let through.</summary>
    public static User User(HttpContext context) =>
        context.Items[ItemKey] as User ?? throw new InvalidOperationException("The endpoint is not behind RequireSignedIn.");
}
