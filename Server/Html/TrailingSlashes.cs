namespace MiniOAuth.Server.Html;

/// <summary>Every path answers with and without its trailing slash, for every method, with no redirect.</summary>
internal static class TrailingSlashes
{
    public static IApplicationBuilder UseTrailingSlashes(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is { Length: > 1 } && path[^1] == '/')
            {
                context.Request.Path = new PathString(path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/");
            }

            return next(context);
        });
}
