using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.Clients;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

/// <summary>
/// Request limits per client at the token, revocation and introspection endpoints, and per API key at
/// the userdata store: a client at its limit gets 429 with Retry-After, and other clients do not notice.
/// </summary>
public sealed class RateLimitDefenceTests : IDisposable
{
    private const int Burst = 12;

    private readonly MiniOAuthApplication _app = new(new Dictionary<string, string?>
    {
        ["RateLimits:TokenRequestsPerClientPerSecond"] = "3",
        ["RateLimits:UserDataRequestsPerKeyPerSecond"] = "3",
    });

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/oauth/token/", "grant_type=client_credentials")]
    [InlineData("/oauth/revoke/", "token=unknown")]
    [InlineData("/oauth/introspect/", "token=unknown")]
    public async Task AClientAtItsLimitGets429AndAnotherClientDoesNot(string path, string body)
    {
        var other = await RegisterClientAsync();

        var demo = await SendManyAsync(() => Post(path, body, Demo.ClientId, Demo.ClientSecret));
        var next = await _app.CreateClient().SendAsync(Post(path, body, other.Client.Id, other.Secret!));

        demo.Should().Contain(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        var limited = demo.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        (await OAuthFlow.ErrorOf(limited)).Should().NotBeEmpty();
        next.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task NamingAnotherClientWithAWrongSecretDoesNotUseUpThatClientsLimit()
    {
        var attacker = new List<int>();
        for (var i = 0; i < Burst; i++)
        {
            attacker.Add((await TokenFromAsync("203.0.113.7", Demo.ClientSecret + "x")).Response.StatusCode);
        }

        var owner = await TokenFromAsync("198.51.100.2", Demo.ClientSecret);

        attacker.Should().Contain(StatusCodes.Status429TooManyRequests, "the attacker's own address is limited");
        owner.Response.StatusCode.Should().Be(StatusCodes.Status200OK);
    }

    [Fact]
    public async Task AClientsLimitHoldsAcrossTheAddressesItCallsFrom()
    {
        var responses = new List<HttpResponse>();
        for (var i = 0; i < Burst; i++)
        {
            responses.Add((await TokenFromAsync($"198.51.100.{i + 1}", Demo.ClientSecret)).Response);
        }

        var limited = responses.Where(r => r.StatusCode == StatusCodes.Status429TooManyRequests).ToList();
        limited.Should().NotBeEmpty("the client may make 3 requests a second, from wherever it calls");
        limited[0].Headers.RetryAfter.ToString().Should().Be("1");
        (await new StreamReader(limited[0].Body).ReadToEndAsync()).Should().Contain("\"error\":\"too_many_requests\"");
    }

    private Task<HttpContext> TokenFromAsync(string address, string secret) =>
        _app.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = "/oauth/token/";
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.Body = new MemoryStream("grant_type=client_credentials"u8.ToArray());
            context.Request.Headers.Authorization = OAuthFlow.Basic(Demo.ClientId, secret).ToString();
        });

    [Fact]
    public async Task AnApiKeyAtItsLimitGets429ProblemDetailsAndAnotherKeyDoesNot()
    {
        var other = await RegisterClientAsync();

        var demo = await SendManyAsync(() => UserData(Demo.ApiKey));
        var next = await _app.CreateClient().SendAsync(UserData(other.ApiKey!));

        var limited = demo.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.Should().NotBeEmpty();
        limited[0].Headers.RetryAfter.Should().NotBeNull();
        limited[0].Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        next.StatusCode.Should().Be(HttpStatusCode.NotFound, "the key is let through and finds no consenting user");
    }

    private async Task<List<HttpResponseMessage>> SendManyAsync(Func<HttpRequestMessage> request)
    {
        var client = _app.CreateClient();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < Burst; i++)
        {
            responses.Add(await client.SendAsync(request()));
        }

        return responses;
    }

    private static HttpRequestMessage Post(string path, string body, string clientId, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, null, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = OAuthFlow.Basic(clientId, secret);
        return request;
    }

    private static HttpRequestMessage UserData(string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userdata/nobody/");
        request.Headers.Add("X-API-Key", apiKey);
        return request;
    }

    private async Task<RegisteredClient> RegisterClientAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClientRegistration>()
            .CreateAsync(new NewClient("Other", ["https://other.example/cb"], IsPublic: false));
    }
}
