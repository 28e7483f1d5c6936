using System.Text;

namespace MiniOAuth.Server.Html;

/// <summary>
/// A redirect for browsers: <c>302 Found</c> after a GET, <c>303 See Other</c> after a form POST, so
/// that the browser never re-posts the form (and its credentials) to the next address (RFC 9700 §4.12).
/// Every <c>Location</c> the server writes goes through <see cref="Encode"/> (SECURITY.md, "Where the
/// server sends browsers"): a header value must be visible ASCII, and Kestrel answers 500 to any other.
/// </summary>
internal sealed class BrowserRedirect(string url, bool afterPost) : IResult
{
    /// <summary>The longest <c>Location</c> written; the README's proxy buffers hold it with room to spare.</summary>
    public const int MaxLength = 12 * 1024;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        // Callers check what they take from the request; this is the last line, never a 500.
        if (Encode(url) is not { } location)
        {
            return Page.Error("Invalid address", "The address to go to next is not valid.").ExecuteAsync(httpContext);
        }

        httpContext.Response.StatusCode = afterPost ? StatusCodes.Status303SeeOther : StatusCodes.Status302Found;
        httpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The target as a header value: non-ASCII characters (and spaces) percent-encoded as UTF-8, as a
    /// browser does (RFC 3986 §2.1, WHATWG URL); null when it holds a control character (CR and LF
    /// would split the header, RFC 9110 §5.5) or is longer than <see cref="MaxLength"/>.
    /// </summary>
    public static string? Encode(string target)
    {
        if (target.Any(char.IsControl))
        {
            return null;
        }

        var encoded = target.All(c => c is > ' ' and <= '~') ? target : PercentEncode(target);
        return encoded.Length <= MaxLength ? encoded : null;
    }

    private static string PercentEncode(string target)
    {
        var builder = new StringBuilder(target.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        // A lone surrogate is read as U+FFFD, so what is written is always valid UTF-8.
        foreach (var rune in target.EnumerateRunes())
        {
            if (rune.Value is > ' ' and <= '~')
            {
                builder.Append((char)rune.Value);
                continue;
            }

            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                builder.Append('%').Append(b.ToString("X2"));
            }
        }

        return builder.ToString();
    }
}
