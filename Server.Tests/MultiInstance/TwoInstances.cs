using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.MultiInstance;

/// <summary>
/// Two server instances on one fresh PostgreSQL database, as behind a load balancer: each has its own
/// process state (caches, clock, rate limiter), and they share only the database. A browser reaches
/// both at one address, so its cookies go to either.
/// </summary>
public sealed class TwoInstances : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.CreatePostgres();
    private readonly CookieContainer _cookies = new();

    public TwoInstances(IDictionary<string, string?>? settings = null)
    {
        A = new MiniOAuthApplication(_database, settings);
        B = new MiniOAuthApplication(_database, settings);
    }

    public MiniOAuthApplication A { get; }
    public MiniOAuthApplication B { get; }

    /// <summary>Starts both at the same moment on the empty database, as two processes deployed together would.</summary>
    public Task StartAsync() => Task.WhenAll(Task.Run(A.StartServer), Task.Run(B.StartServer));

    /// <summary>The browser, talking to one instance; its cookie jar is the same whichever instance it reaches.</summary>
    public HttpClient BrowserOn(MiniOAuthApplication instance) =>
        instance.CreateDefaultClient(new Uri("http://localhost/"), new CookieContainerHandler(_cookies));

    /// <summary>Alternates between the instances, as a round-robin balancer does.</summary>
    public MiniOAuthApplication Instance(int i) => i % 2 == 0 ? A : B;

    public static async Task<HttpResponseMessage> BearerAsync(
        MiniOAuthApplication instance, HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await instance.CreateClient().SendAsync(request);
    }

    /// <summary>RFC 7662 introspection by the demo client (client_secret_basic).</summary>
    public static async Task<JsonElement> IntrospectAsync(MiniOAuthApplication instance, string token)
    {
        var response = await PostAsDemoClientAsync(instance, "/oauth/introspect/", new() { ["token"] = token });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A form POST authenticated as the demo client, for the revocation and introspection endpoints.</summary>
    public static Task<HttpResponseMessage> PostAsDemoClientAsync(MiniOAuthApplication instance, string path, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = OAuthFlow.Basic(Demo.ClientId, Demo.ClientSecret);
        return instance.CreateClient().SendAsync(request);
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
        _database.Dispose();
    }
}
