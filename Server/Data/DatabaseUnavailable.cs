using System.Data.Common;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Data;

/// <summary>
/// A database that cannot be reached (PostgreSQL down or restarting, a connection cut, the SQLite file
/// unreadable) is the server's trouble, not the caller's: <c>503</c> with <c>Retry-After</c>, never a
/// 500. The token, revocation and introspection endpoints answer in their RFC 6749 §5.2 shape
/// (<c>temporarily_unavailable</c>), every other endpoint with RFC 9457 problem details. Writes run in
/// transactions or single statements, so nothing of a failed request is half-written, and the next
/// request after the database is back succeeds: connections are opened per request.
/// </summary>
internal sealed class DatabaseUnavailable : IExceptionHandler
{
    private const string RetryAfterSeconds = "5";
    private static readonly string[] OAuthPaths = ["/oauth/token", "/oauth/revoke", "/oauth/introspect"];

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!IsUnreachable(exception))
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        context.Response.Headers.CacheControl = "no-store";
        const string detail = "The database cannot be reached; retry shortly.";
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
        if (OAuthPaths.Contains(path, StringComparer.OrdinalIgnoreCase))
        {
            await context.Response.WriteAsJsonAsync(new OAuthError("temporarily_unavailable", detail), ct);
        }
        else
        {
            var problem = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Service unavailable", Detail = detail };
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", ct);
        }

        return true;
    }

    /// <summary>Whether the exception, or one it wraps, says that the database could not be reached.</summary>
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // SQLITE_CANTOPEN (14): the file or its folder cannot be opened.
            if (e is SocketException or TimeoutException or DbException { IsTransient: true } or SqliteException { SqliteErrorCode: 14 })
            {
                return true;
            }
        }

        return false;
    }
}
