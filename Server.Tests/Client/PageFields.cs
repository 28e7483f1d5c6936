using System.Net;
using System.Text.RegularExpressions;

namespace MiniOAuth.Tests.Client;

/// <summary>Reads what a browser would submit from the client's dashboard HTML.</summary>
internal static partial class PageFields
{
    public static string Field(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);

    public static string Textarea(string html) => WebUtility.HtmlDecode(TextareaPattern().Match(html).Groups[1].Value);

    public static string UserId(string html) => UserIdPattern().Match(html).Groups[1].Value;

    /// <summary>The userdata form as the page would post it, with the given text in the editor.</summary>
    public static FormUrlEncodedContent UserDataForm(string page, string userdata) => new(
    [
        new("__RequestVerificationToken", Field(page, "__RequestVerificationToken")),
        new("etag", Field(page, "etag")),
        new("userdata", userdata),
    ]);

    [GeneratedRegex("<textarea[^>]*>([^<]*)</textarea>")]
    private static partial Regex TextareaPattern();

    [GeneratedRegex("<dt>User id</dt><dd><code>([^<]+)</code>")]
    private static partial Regex UserIdPattern();
}
