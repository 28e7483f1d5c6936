namespace MiniOAuth.Server.Html;

/// <summary>
/// A redirect for browsers: <c>302 Found</c> after a GET, <c>303 See Other</c> after a form POST, so
/// that the browser never re-posts the form (and its credentials) to the next address (RFC 9700 §4.12).
/// </summary>
internal sealed class BrowserRedirect(string url, bool afterPost) : IResult
{
    public string Url => url;
    public int StatusCode => afterPost ? StatusCodes.Status303SeeOther : StatusCodes.Status302Found;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.Headers.Location = url;
        return Task.CompletedTask;
    }
}
