extern alias ClientApp;

using System.Collections.Concurrent;
using System.Net;
using ClientApp::MiniOAuth.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace MiniOAuth.Tests.Client;

/// <summary>
/// A stand-in for the authorization server's network side, for the tests that run the client
/// without the server: it records each request and answers with the given function.
/// </summary>
internal sealed class BackChannel(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : HttpMessageHandler, IHttpClientFactory
{
    public ConcurrentQueue<(HttpMethod Method, Uri Uri, string? Body)> Requests { get; } = new();

    /// <summary>The headers of each request, in the same order, one <c>Name: value</c> entry per header.</summary>
    public ConcurrentQueue<(Uri Uri, IReadOnlyDictionary<string, string> Headers)> Headers { get; } = new();

    /// <summary>Answers 500 to anything: for tests that check the client called nothing.</summary>
    public static BackChannel Silent() => new(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError)));

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    /// <summary>The client's view of the server, with its calls going to this channel.</summary>
    public AuthorizationServer Server(TimeProvider time) =>
        new(this, Microsoft.Extensions.Options.Options.Create(new ClientOptions()), time, NullLogger<AuthorizationServer>.Instance);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method, request.RequestUri!, body));
        Headers.Enqueue((request.RequestUri!, request.Headers.ToDictionary(header => header.Key, header => string.Join(", ", header.Value))));
        return await answer(request);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    /// <summary>An <c>application/x-www-form-urlencoded</c> answer, as GitHub gives when it is not asked for JSON.</summary>
    public static HttpResponseMessage Form(string form) =>
        new(HttpStatusCode.OK) { Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
}
