using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MiniOAuth.Client.Configuration;
using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Http;
using MiniOAuth.Client.Steps;

namespace MiniOAuth.Client.Dashboard;

/// <summary>The stored userdata, indented, with the ETag it was read with.</summary>
internal sealed record UserDataSnapshot(string Json, string? ETag);

/// <summary>What a userdata call answered: the status, the data when it gave some, and the server's words when not.</summary>
internal sealed record UserDataAnswer(int Status, UserDataSnapshot? Data, string? Problem);

/// <summary>The MiniOAuth userdata store, reached with this client's API key.</summary>
internal sealed class UserDataApi(AuthorizationServerHttp http, IOptions<ClientOptions> options)
{
    public async Task<UserDataAnswer> ReadAsync(AuthorizationServerMetadata server, string userId, StepLog steps, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, server.UserDataUrl(userId));
        return await SendAsync(request, steps, "Read the userdata with the API key",
            "A server-to-server call: the X-API-Key header names this client, the URL names the user. The ETag identifies this version.",
            cancellationToken);
    }

    /// <summary>A full replacement, allowed only while the stored version is still the one read (RFC 9110 §13.1.1).</summary>
    public async Task<UserDataAnswer> ReplaceAsync(
        AuthorizationServerMetadata server, string userId, string json, string etag, StepLog steps, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, server.UserDataUrl(userId))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return await SendAsync(request, steps, "Saved the userdata with If-Match",
            "PUT replaces the object. If-Match carries the ETag read before: if someone changed the data since, the server answers 412.",
            cancellationToken);
    }

    private async Task<UserDataAnswer> SendAsync(
        HttpRequestMessage request, StepLog steps, string title, string explanation, CancellationToken cancellationToken)
    {
        request.Headers.Add("X-API-Key", options.Value.ApiKey);
        request.Headers.Accept.ParseAdd("application/json");

        var response = await http.SendAsync(request, cancellationToken);

        steps.Add(
            title,
            explanation,
            new StepDetail("Request", $"{request.Method} {request.RequestUri}"),
            new StepDetail("X-API-Key", Mask.Secret(options.Value.ApiKey)),
            new StepDetail("If-Match", request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch ? ifMatch : "(none)"),
            new StepDetail("Status", response.Status.ToString()),
            new StepDetail("ETag", response.ETag ?? "(none)"),
            new StepDetail("Response", JsonText.IndentedOrRaw(response.Body)));
        return response.Status == StatusCodes.Status200OK && IsObject(response.Body)
            ? new UserDataAnswer(response.Status, new UserDataSnapshot(JsonText.IndentedOrRaw(response.Body), response.ETag), null)
            : new UserDataAnswer(response.Status, null, ProblemText(response));
    }

    private static bool IsObject(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>RFC 9457: the title and detail of a problem, or the status alone.</summary>
    private static string ProblemText(UpstreamResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            string? Member(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var words = string.Join(": ", new[] { Member("title"), Member("detail") }.Where(text => !string.IsNullOrEmpty(text)));
            return words.Length > 0 ? $"HTTP {response.Status}, {words}" : $"HTTP {response.Status}";
        }
        catch (JsonException)
        {
            return $"HTTP {response.Status}";
        }
    }
}
