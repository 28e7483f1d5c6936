using System.Net;
using System.Text;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.UserData.UserDataApi;

namespace MiniOAuth.Tests.UserData;

/// <summary>Bad input: problem details that say what is wrong, and nothing written.</summary>
public sealed class UserDataInputTests : IDisposable
{
    private const string Stored = """{"kept":true}""";
    private const int MaxBytes = 65536;

    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("PUT", "[1,2]", "application/json", HttpStatusCode.BadRequest, "Not a JSON object")]
    [InlineData("PATCH", "\"text\"", "application/merge-patch+json", HttpStatusCode.BadRequest, "Not a JSON object")]
    [InlineData("PATCH", "null", "application/json", HttpStatusCode.BadRequest, "Not a JSON object")]
    [InlineData("PUT", "{\"a\":", "application/json", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData("PUT", "{'a':1}", "application/json", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData("PATCH", "{\"a\":1} {}", "application/merge-patch+json", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData("PUT", "", "application/json", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData("PUT", "{\"a\":\"\\ud800\"}", "application/json", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData("PUT", "{\"a\":1,\"a\":2}", "application/json", HttpStatusCode.BadRequest, "Duplicate member")]
    [InlineData("PUT", "{\"a\":1}", "text/plain", HttpStatusCode.UnsupportedMediaType, "Unsupported media type")]
    [InlineData("PUT", "{\"a\":1}", "application/merge-patch+json", HttpStatusCode.UnsupportedMediaType, "Unsupported media type")]
    [InlineData("PATCH", "{\"a\":1}", "application/json; charset=latin1", HttpStatusCode.UnsupportedMediaType, "Unsupported media type")]
    [InlineData("PATCH", "a=1", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "Unsupported media type")]
    public async Task BadInputIsAProblemThatSaysWhatIsWrongAndWritesNothing(
        string method, string body, string contentType, HttpStatusCode expected, string title)
    {
        var alice = await AliceWithStoredDataAsync();

        var response = await SendAsync(_app, new HttpMethod(method), alice, Caller.DemoKey, body, contentType);

        await ShouldBeProblemAsync(response, expected, title);
        (await GetAsync(_app, alice)).Should().Be(Stored);
    }

    [Fact]
    public async Task ABodyWithNoContentTypeIs415()
    {
        var alice = await AliceWithStoredDataAsync();
        var request = Request(HttpMethod.Put, alice, Caller.DemoKey);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"a":1}"""));

        var response = await _app.CreateClient().SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Unsupported media type");
        (await GetAsync(_app, alice)).Should().Be(Stored);
    }

    [Fact]
    public async Task InvalidUtf8Is400()
    {
        var alice = await AliceWithStoredDataAsync();
        var request = Request(HttpMethod.Put, alice, Caller.DemoKey);
        request.Content = new ByteArrayContent([.. "{\"a\":\""u8, 0xFF, .. "\"}"u8]);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        var response = await _app.CreateClient().SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "Malformed JSON");
        (await GetAsync(_app, alice)).Should().Be(Stored);
    }

    [Fact]
    public async Task NestingOf32LevelsIsStoredAnd33IsRefused()
    {
        var alice = await AliceWithStoredDataAsync();

        var tooDeep = await PutAsync(_app, alice, Nested(33));
        var afterRefusal = await GetAsync(_app, alice);
        var deepest = await PutAsync(_app, alice, Nested(32));

        await ShouldBeProblemAsync(tooDeep, HttpStatusCode.BadRequest, "Nested too deeply");
        afterRefusal.Should().Be(Stored);
        deepest.StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAsync(_app, alice)).Should().Be(Nested(32));
    }

    [Fact]
    public async Task ABodyOfExactlyMaxBytesIsStoredAndOneByteMoreIs413()
    {
        var alice = await AliceWithStoredDataAsync();

        var over = await PutAsync(_app, alice, ObjectOfSize(MaxBytes + 1));
        var afterRefusal = await GetAsync(_app, alice);
        var exact = await PutAsync(_app, alice, ObjectOfSize(MaxBytes));

        await ShouldBeProblemAsync(over, HttpStatusCode.RequestEntityTooLarge, "Too large");
        afterRefusal.Should().Be(Stored);
        exact.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnOversizedBodyWithoutContentLengthIs413()
    {
        var alice = await AliceWithStoredDataAsync();
        var request = Request(HttpMethod.Put, alice, Caller.DemoKey);
        request.Content = new UnsizedContent(Encoding.UTF8.GetBytes(ObjectOfSize(4 * MaxBytes)));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        var response = await _app.CreateClient().SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "Too large");
        (await GetAsync(_app, alice)).Should().Be(Stored);
    }

    [Fact]
    public async Task AMergeThatWouldGrowTheObjectOverMaxBytesIs413()
    {
        var alice = await ConsentAsync(_app, "alice");
        var first = await PutAsync(_app, alice, $$"""{"a":"{{new string('x', 40_000)}}"}""");

        var patch = await PatchAsync(_app, alice, $$"""{"b":"{{new string('y', 40_000)}}"}""");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeProblemAsync(patch, HttpStatusCode.RequestEntityTooLarge, "Too large");
        (await GetAsync(_app, alice)).Should().NotContain("yyy");
    }

    private async Task<string> AliceWithStoredDataAsync()
    {
        var alice = await ConsentAsync(_app, "alice");
        (await PutAsync(_app, alice, Stored)).StatusCode.Should().Be(HttpStatusCode.OK);
        return alice;
    }

    // {"p":"xxx…"} padded to exactly `size` bytes.
    private static string ObjectOfSize(int size) => $$"""{"p":"{{new string('x', size - 8)}}"}""";

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        problem.GetProperty("title").GetString().Should().Be(title);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
    }

    /// <summary>A body sent without Content-Length, so that only reading it shows its size.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
