using System.Net;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.UserData.UserDataApi;

namespace MiniOAuth.Tests.UserData;

/// <summary>Strong ETags, If-None-Match and If-Match (RFC 9110 §8.8.3, §13.1).</summary>
public sealed class UserDataConditionalTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task NothingStoredReadsAsAnEmptyObjectWithAStrongETag()
    {
        var alice = await ConsentAsync(_app, "alice");

        var response = await SendAsync(_app, HttpMethod.Get, alice, Caller.DemoKey);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be("{}");
        response.Headers.ETag!.IsWeak.Should().BeFalse();
        response.Headers.ETag.Tag.Should().MatchRegex("^\"[^\"]+\"$");
    }

    [Fact]
    public async Task WritesAnswerTheStoredObjectWithTheETagThatReadsThenGive()
    {
        var alice = await ConsentAsync(_app, "alice");

        var put = await PutAsync(_app, alice, """{ "a": 1 }""");
        var afterPut = await SendAsync(_app, HttpMethod.Get, alice, Caller.DemoKey);
        var patch = await PatchAsync(_app, alice, """{"b":2}""");
        var afterPatch = await SendAsync(_app, HttpMethod.Get, alice, Caller.DemoKey);

        (await put.Content.ReadAsStringAsync()).Should().Be("""{"a":1}""");
        afterPut.Headers.ETag.Should().Be(put.Headers.ETag);
        (await patch.Content.ReadAsStringAsync()).Should().Be("""{"a":1,"b":2}""");
        patch.Headers.ETag.Should().NotBe(put.Headers.ETag);
        afterPatch.Headers.ETag.Should().Be(patch.Headers.ETag);
    }

    [Fact]
    public async Task IfNoneMatchWithTheCurrentETagIs304UntilTheObjectChanges()
    {
        var alice = await ConsentAsync(_app, "alice");
        var etag = (await PutAsync(_app, alice, """{"a":1}""")).Headers.ETag!.Tag;

        var unchanged = await SendConditionalAsync(HttpMethod.Get, alice, "If-None-Match", etag);
        await PatchAsync(_app, alice, """{"a":2}""");
        var changed = await SendConditionalAsync(HttpMethod.Get, alice, "If-None-Match", etag);

        unchanged.StatusCode.Should().Be(HttpStatusCode.NotModified);
        unchanged.Headers.ETag!.Tag.Should().Be(etag);
        (await unchanged.Content.ReadAsStringAsync()).Should().BeEmpty();
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await changed.Content.ReadAsStringAsync()).Should().Be("""{"a":2}""");
    }

    [Fact]
    public async Task IfMatchWithAnOldETagIs412ForEveryWriteAndWritesNothing()
    {
        var alice = await ConsentAsync(_app, "alice");
        var old = (await PutAsync(_app, alice, """{"v":1}""")).Headers.ETag!.Tag;
        await PutAsync(_app, alice, """{"v":2}""");

        var put = await SendConditionalAsync(HttpMethod.Put, alice, "If-Match", old, """{"v":3}""");
        var patch = await SendConditionalAsync(HttpMethod.Patch, alice, "If-Match", old, """{"v":3}""");
        var delete = await SendConditionalAsync(HttpMethod.Delete, alice, "If-Match", old);

        new[] { put, patch, delete }.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.PreconditionFailed);
        put.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await GetAsync(_app, alice)).Should().Be("""{"v":2}""");
    }

    [Fact]
    public async Task IfMatchWithTheCurrentETagWrites()
    {
        var alice = await ConsentAsync(_app, "alice");
        var current = (await PutAsync(_app, alice, """{"v":1}""")).Headers.ETag!.Tag;

        var patch = await SendConditionalAsync(HttpMethod.Patch, alice, "If-Match", current, """{"v":2}""");

        patch.StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAsync(_app, alice)).Should().Be("""{"v":2}""");
    }

    [Fact]
    public async Task IfMatchComparesStronglySoAWeakTagNeverMatches()
    {
        var alice = await ConsentAsync(_app, "alice");
        var current = (await PutAsync(_app, alice, """{"v":1}""")).Headers.ETag!.Tag;

        var put = await SendConditionalAsync(HttpMethod.Put, alice, "If-Match", "W/" + current, """{"v":2}""");

        put.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await GetAsync(_app, alice)).Should().Be("""{"v":1}""");
    }

    [Fact]
    public async Task IfMatchStarMatchesOnlyWhenSomethingIsStored()
    {
        var alice = await ConsentAsync(_app, "alice");

        var onNothing = await SendConditionalAsync(HttpMethod.Put, alice, "If-Match", "*", """{"v":1}""");
        var afterRefusal = await GetAsync(_app, alice);
        await PutAsync(_app, alice, """{"v":1}""");
        var onSomething = await SendConditionalAsync(HttpMethod.Put, alice, "If-Match", "*", """{"v":2}""");

        onNothing.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        afterRefusal.Should().Be("{}");
        onSomething.StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAsync(_app, alice)).Should().Be("""{"v":2}""");
    }

    [Fact]
    public async Task TheETagOfTheEmptyObjectLetsTheFirstWriteBeConditional()
    {
        var alice = await ConsentAsync(_app, "alice");
        var empty = (await SendAsync(_app, HttpMethod.Get, alice, Caller.DemoKey)).Headers.ETag!.Tag;

        var first = await SendConditionalAsync(HttpMethod.Put, alice, "If-Match", empty, """{"v":1}""");
        var second = await SendConditionalAsync(HttpMethod.Put, alice, "If-Match", empty, """{"v":2}""");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await GetAsync(_app, alice)).Should().Be("""{"v":1}""");
    }

    [Fact]
    public async Task IfNoneMatchStarOnAWriteCreatesOnlyWhenNothingIsStored()
    {
        var alice = await ConsentAsync(_app, "alice");

        var create = await SendConditionalAsync(HttpMethod.Put, alice, "If-None-Match", "*", """{"v":1}""");
        var overwrite = await SendConditionalAsync(HttpMethod.Put, alice, "If-None-Match", "*", """{"v":2}""");

        create.StatusCode.Should().Be(HttpStatusCode.OK);
        overwrite.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await GetAsync(_app, alice)).Should().Be("""{"v":1}""");
    }

    [Fact]
    public async Task AnIfMatchThatIsNotAnEntityTagIs400AndWritesNothing()
    {
        var alice = await ConsentAsync(_app, "alice");

        var put = await SendConditionalAsync(HttpMethod.Put, alice, "If-Match", "not-quoted", """{"v":1}""");

        put.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await GetAsync(_app, alice)).Should().Be("{}");
    }

    private Task<HttpResponseMessage> SendConditionalAsync(HttpMethod method, string userId, string header, string value, string? json = null)
    {
        var request = Request(method, userId, Caller.DemoKey, json, method == HttpMethod.Patch ? MergePatchType : "application/json");
        request.Headers.TryAddWithoutValidation(header, value);
        return _app.CreateClient().SendAsync(request);
    }
}
