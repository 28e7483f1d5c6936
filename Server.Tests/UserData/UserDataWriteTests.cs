using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.UserData;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.UserData.UserDataApi;

namespace MiniOAuth.Tests.UserData;

/// <summary>PUT replaces, PATCH merges (RFC 7396), DELETE clears, and concurrent writes are never lost.</summary>
public sealed class UserDataWriteTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task PutReplacesTheWholeObject()
    {
        var alice = await ConsentAsync(_app, "alice");
        await PutAsync(_app, alice, """{"a":1,"b":2}""");

        var put = await PutAsync(_app, alice, """{"c":3}""");

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAsync(_app, alice)).Should().Be("""{"c":3}""");
    }

    [Theory]
    [InlineData(MergePatchType)]
    [InlineData("application/json")]
    public async Task PatchIsAJsonMergePatch(string contentType)
    {
        var alice = await ConsentAsync(_app, "alice");
        await PutAsync(_app, alice, """{"a":1,"b":{"c":2,"d":3},"e":[1,2]}""");

        var patch = await SendAsync(_app, HttpMethod.Patch, alice, Caller.DemoKey, """{"b":{"c":null,"x":4},"e":[3],"f":"new"}""", contentType);

        patch.StatusCode.Should().Be(HttpStatusCode.OK);
        (await patch.Content.ReadAsStringAsync()).Should().Be("""{"a":1,"b":{"d":3,"x":4},"e":[3],"f":"new"}""");
        (await GetAsync(_app, alice)).Should().Be("""{"a":1,"b":{"d":3,"x":4},"e":[3],"f":"new"}""");
    }

    [Fact]
    public async Task DeleteAnswers204AndThenTheObjectReadsAsEmpty()
    {
        var alice = await ConsentAsync(_app, "alice");
        await PutAsync(_app, alice, """{"a":1}""");

        var delete = await SendAsync(_app, HttpMethod.Delete, alice, Caller.DemoKey);
        var again = await SendAsync(_app, HttpMethod.Delete, alice, Caller.DemoKey);

        delete.StatusCode.Should().Be(HttpStatusCode.NoContent);
        again.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await GetAsync(_app, alice)).Should().Be("{}");
    }

    [Fact]
    public async Task TextIsStoredAsSentWithoutHtmlEscapingAndAnswersWithAndWithoutTrailingSlash()
    {
        var alice = await ConsentAsync(_app, "alice");

        await PutAsync(_app, alice, """{"name":"Zoë <b>&</b>","n":1.50,"big":123456789012345678901234567890}""");
        var withoutSlash = await _app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/oauth/userdata/{alice}")
        {
            Headers = { { "X-API-Key", Demo.ApiKey } },
        });

        (await withoutSlash.Content.ReadAsStringAsync()).Should().Be("""{"name":"Zoë <b>&</b>","n":1.50,"big":123456789012345678901234567890}""");
    }

    [Fact]
    public async Task TwentyConcurrentPatchesWithoutIfMatchAllApply()
    {
        var alice = await ConsentAsync(_app, "alice");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => PatchAsync(_app, alice, $$"""{"key{{i}}":{{i}}}""")));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var stored = JsonDocument.Parse(await GetAsync(_app, alice)).RootElement;
        stored.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(Enumerable.Range(0, 20).Select(i => $"key{i}"));
        Enumerable.Range(0, 20).Should().OnlyContain(i => stored.GetProperty($"key{i}").GetInt32() == i);
    }

    [Fact]
    public async Task TheStoreDeletesAUsersDataForOneClientWhenAskedByAnotherArea()
    {
        var alice = await ConsentAsync(_app, "alice");
        var bob = await ConsentAsync(_app, "bob");
        await PutAsync(_app, alice, """{"a":1}""");
        await PutAsync(_app, bob, """{"b":1}""");

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserDataStore>().DeleteAsync(Demo.ClientId, alice);
        }

        (await GetAsync(_app, alice)).Should().Be("{}");
        (await GetAsync(_app, bob)).Should().Be("""{"b":1}""");
    }
}
