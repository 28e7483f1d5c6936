using System.Net;
using System.Text;
using System.Text.Json;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

/// <summary>
/// Hundreds of malformed requests across every endpoint: none may answer 5xx, and each error must have
/// the shape of its endpoint (RFC 6749 §5.2 JSON, RFC 6750 challenge, RFC 9457 problem, or a page).
/// </summary>
public sealed class RobustnessTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new(new Dictionary<string, string?>
    {
        ["RateLimits:TokenRequestsPerClientPerSecond"] = "0",
        ["RateLimits:UserDataRequestsPerKeyPerSecond"] = "0",
        ["Security:LoginFailureLimit"] = "100000",
        ["Security:LoginFailuresPerAddress"] = "100000",
    });

    public void Dispose() => _app.Dispose();

    /// <summary>How an endpoint answers bad input.</summary>
    private enum Shape { OAuthJson, Bearer, Problem, Page, LoginJson, Any }

    private static readonly (string Method, string Path, Shape Shape)[] Endpoints =
    [
        ("POST", "/oauth/token/", Shape.OAuthJson),
        ("POST", "/oauth/revoke/", Shape.OAuthJson),
        ("POST", "/oauth/introspect/", Shape.OAuthJson),
        ("GET", "/oauth/userinfo/", Shape.Bearer),
        ("POST", "/oauth/userinfo/", Shape.Bearer),
        ("GET", "/oauth/roles/", Shape.Bearer),
        ("POST", "/oauth/logout/", Shape.Bearer),
        ("GET", "/oauth/userdata/1/", Shape.Problem),
        ("PUT", "/oauth/userdata/1/", Shape.Problem),
        ("PATCH", "/oauth/userdata/1/", Shape.Problem),
        ("DELETE", "/oauth/userdata/1/", Shape.Problem),
        ("GET", "/oauth/authorize/", Shape.Any),
        ("POST", "/oauth/authorize/", Shape.Any),
        ("GET", "/oauth/login/", Shape.Page),
        ("POST", "/oauth/login/", Shape.LoginJson),
        ("GET", "/oauth/logout/", Shape.Page),
        ("GET", "/oauth/register/", Shape.Page),
        ("POST", "/oauth/register/", Shape.Any),
        ("GET", "/oauth/jwks/", Shape.Any),
        ("GET", "/.well-known/oauth-authorization-server", Shape.Any),
        ("DELETE", "/oauth/token/", Shape.Problem),
        ("PUT", "/oauth/authorize/", Shape.Problem),
        ("GET", "/oauth/introspect/", Shape.Problem),
    ];

    private static readonly string[] NastyValues =
    [
        "", " ", "'; DROP TABLE Users; --", "\" OR 1=1 --", "%00", "\0", "null", "[]", "{}", "{\"a\":", "\uFFFD\uFFFD",
        "ü🙂𝔘", "\u202E", "../../etc/passwd", "<script>alert(1)</script>", new string('A', 5000), "%E0%A4%A", "%", "+",
        "Bearer", "Basic !!!", "S256", "plain", "code", "authorization_code", "refresh_token", "client_credentials",
        Demo.ClientId, "spa-demo", "http://localhost:5000/callback", "javascript:alert(1)", "-1", "1e400", "true",
    ];

    private static readonly string[] Parameters =
    [
        "grant_type", "code", "redirect_uri", "client_id", "client_secret", "code_verifier", "refresh_token", "scope", "token",
        "token_type_hint", "response_type", "state", "code_challenge", "code_challenge_method", "prompt", "decision",
        "username", "password", "email", "returnUrl", "post_logout_redirect_uri",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/json", "application/merge-patch+json", "text/plain",
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=utf-16", "application/xml", "",
    ];

    [Fact]
    public async Task SixHundredMalformedRequestsGetNoServerErrorAndTheirEndpointsErrorShape()
    {
        var random = new Random(20261126);
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var failures = new List<string>();

        for (var i = 0; i < 600; i++)
        {
            var (method, path, shape) = Endpoints[i % Endpoints.Length];
            using var request = Build(random, method, path);
            var description = $"{request.Method} {request.RequestUri}";
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (Problem(response, body, shape) is { } problem)
            {
                failures.Add($"{description} -> {(int)response.StatusCode}: {problem}");
            }
        }

        failures.Should().BeEmpty();
    }

    private static HttpRequestMessage Build(Random random, string method, string path)
    {
        var pairs = Enumerable.Range(0, random.Next(0, 6))
            .Select(_ => $"{Pick(random, Parameters)}={Encode(random, Pick(random, NastyValues))}");
        var query = string.Join('&', pairs);
        var request = new HttpRequestMessage(new HttpMethod(method), method == "GET" && query.Length > 0 ? $"{path}?{query}" : path);
        if (method != "GET")
        {
            var bodyKind = random.Next(4);
            var text = bodyKind switch
            {
                0 => query,
                1 => JsonSerializer.Serialize(Parameters.Take(random.Next(1, 5)).ToDictionary(p => p, _ => Pick(random, NastyValues))),
                2 => Pick(random, NastyValues),
                _ => new string('x', random.Next(0, 3) * 70000),
            };
            var content = new ByteArrayContent(random.Next(8) == 0 ? [0xC3, 0x28, 0xFF, 0xFE] : Encoding.UTF8.GetBytes(text));
            if (Pick(random, ContentTypes) is { Length: > 0 } type)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            request.Content = content;
        }

        switch (random.Next(6))
        {
            case 0:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Pick(random, NastyValues));
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Pick(random, NastyValues) + ":" + Pick(random, NastyValues))));
                break;
            case 2:
                request.Headers.TryAddWithoutValidation("X-API-Key", Pick(random, NastyValues).Replace("\0", ""));
                break;
            case 3:
                request.Headers.TryAddWithoutValidation("Accept", "application/json");
                break;
        }

        return request;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Encode(Random random, string value) => random.Next(5) == 0 ? value.Replace("&", "") : Uri.EscapeDataString(value);

    /// <summary>What is wrong with the answer, or null when it is an acceptable one.</summary>
    private static string? Problem(HttpResponseMessage response, string body, Shape shape)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return "server error: " + body[..Math.Min(body.Length, 300)];
        }

        if (status < 400 || status == 404 && shape == Shape.Problem)
        {
            return status == 404 && !IsProblem(response) ? "404 without problem details" : null;
        }

        var type = response.Content.Headers.ContentType?.MediaType;
        if (status == 405 || status == 415 && shape != Shape.OAuthJson)
        {
            return IsProblem(response) || type == "application/json" ? null : $"{status} answered as {type}";
        }

        return shape switch
        {
            Shape.OAuthJson => HasError(body) ? null : "not an RFC 6749 error body",
            Shape.Bearer => response.Headers.WwwAuthenticate.ToString().StartsWith("Bearer") || status == 400 ? null : "no Bearer challenge",
            Shape.Problem => IsProblem(response) ? null : $"not problem details ({type})",
            Shape.Page => type == "text/html" || IsProblem(response) ? null : $"not a page ({type})",
            Shape.LoginJson => HasError(body) || type == "text/html" || IsProblem(response) ? null : "not a login error",
            _ => HasError(body) || type == "text/html" || IsProblem(response) ? null : $"unexpected error shape ({type})",
        };
    }

    private static bool IsProblem(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    private static bool HasError(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("error", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
