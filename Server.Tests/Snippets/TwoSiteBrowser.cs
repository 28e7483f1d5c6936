using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace MiniOAuth.Tests.Snippets;

/// <summary>A page the browser ended on, after following redirects.</summary>
internal sealed record BrowserPage(Uri Url, HttpStatusCode Status, string Html);

/// <summary>
/// One browser for the MiniOAuth server (port 8000) and an app (any other port): one cookie jar for
/// both, as cookies ignore the port, and, as in a browser, a <c>Secure</c> cookie is sent only over
/// https. It follows redirects, and submits a page's form with its hidden fields.
/// </summary>
internal sealed partial class TwoSiteBrowser(HttpMessageHandler server, HttpMessageHandler app)
{
    private readonly HttpClient _http = new(new CookieContainerHandler(new CookieContainer()) { InnerHandler = new ByPort(server, app) });

    /// <summary>Every <c>Set-Cookie</c> header an app (not the server) sent.</summary>
    public List<string> AppCookies { get; } = [];

    public Task<BrowserPage> GetAsync(string url) => FollowAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Posts the page's form: its hidden fields (the anti-forgery one among them) and <paramref name="fields"/>.</summary>
    public Task<BrowserPage> SubmitAsync(BrowserPage page, params (string Name, string Value)[] fields)
    {
        var form = FormPattern().Match(page.Html);
        form.Success.Should().BeTrue($"{page.Url} should show a form:\n{page.Html}");
        var hidden = HiddenPattern().Matches(form.Groups[2].Value)
            .Select(m => (Name: m.Groups[1].Value, Value: WebUtility.HtmlDecode(m.Groups[2].Value)));
        var content = new FormUrlEncodedContent(hidden.Concat(fields).Select(f => KeyValuePair.Create(f.Name, f.Value)));
        var action = new Uri(page.Url, WebUtility.HtmlDecode(form.Groups[1].Value));
        return FollowAsync(new HttpRequestMessage(HttpMethod.Post, action) { Content = content });
    }

    private async Task<BrowserPage> FollowAsync(HttpRequestMessage request)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            using var response = await _http.SendAsync(request);
            if (request.RequestUri!.Port != SnippetHost.ServerPort && response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                AppCookies.AddRange(cookies);
            }

            if (response.Headers.Location is not { } location)
            {
                return new BrowserPage(request.RequestUri, response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            request = new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri, location));
        }

        throw new InvalidOperationException($"More than 10 redirects, the last to {request.RequestUri}.");
    }

    [GeneratedRegex("""<form method="post" action="([^"]*)">(.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)">""")]
    private static partial Regex HiddenPattern();

    private sealed class ByPort(HttpMessageHandler server, HttpMessageHandler app) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _server = new(server);
        private readonly HttpMessageInvoker _app = new(app);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            (request.RequestUri!.Port == SnippetHost.ServerPort ? _server : _app).SendAsync(request, cancellationToken);
    }
}
