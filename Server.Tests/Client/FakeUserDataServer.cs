using System.Net;
using System.Text;

namespace MiniOAuth.Tests.Client;

/// <summary>
/// The few server answers the dashboard's userdata form needs (token, userinfo, userdata with
/// ETag and If-Match), so the client's form is tested on its own, with every version under the test's control.
/// </summary>
internal sealed class FakeUserDataServer
{
    private int version = 1;

    public string Stored { get; set; } = """{"theme":"light"}""";

    public string ETag => $"\"v{version}\"";

    public BackChannel Channel() => new(AnswerAsync);

    /// <summary>Someone else saves in between: the stored version moves on.</summary>
    public void ChangeElsewhere(string json)
    {
        Stored = json;
        version++;
    }

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request) => (request.Method.Method, request.RequestUri!.AbsolutePath) switch
    {
        ("POST", "/oauth/token/") => BackChannel.Json(HttpStatusCode.OK,
            """{"access_token":"opaque-access-token","token_type":"Bearer","expires_in":900,"refresh_token":"opaque-refresh-token"}"""),
        ("GET", "/oauth/userinfo/") => BackChannel.Json(HttpStatusCode.OK, """{"sub":"u1","id":"u1","username":"alice"}"""),
        ("GET", "/oauth/userdata/u1/") => WithETag(BackChannel.Json(HttpStatusCode.OK, Stored)),
        ("PUT", "/oauth/userdata/u1/") => Replace(request, await request.Content!.ReadAsStringAsync()),
        _ => new HttpResponseMessage(HttpStatusCode.NotFound),
    };

    private HttpResponseMessage Replace(HttpRequestMessage request, string body)
    {
        if (request.Headers.GetValues("X-API-Key").Single() != Infrastructure.Demo.ApiKey)
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }

        if (request.Headers.IfMatch.ToString() != ETag)
        {
            return BackChannel.Json(HttpStatusCode.PreconditionFailed, """{"title":"The data changed."}""");
        }

        ChangeElsewhere(body);
        return WithETag(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Stored, Encoding.UTF8, "application/json") });
    }

    private HttpResponseMessage WithETag(HttpResponseMessage response)
    {
        response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue(ETag);
        return response;
    }
}
