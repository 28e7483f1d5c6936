namespace MiniOAuth.Client.Http;

/// <summary>What the server answered: status, body and the headers this client reads.</summary>
internal sealed record UpstreamResponse(int Status, string Body, string? ETag, string? ContentType);

/// <summary>
/// Every call to the authorization server goes through this one named <see cref="HttpClient"/>, so
/// tests can point it at an in-process server by replacing its primary handler.
/// </summary>
internal sealed class AuthorizationServerHttp(IHttpClientFactory factory, ILogger<AuthorizationServerHttp> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> registered for the authorization server.</summary>
    public const string ClientName = "MiniOAuth.AuthorizationServer";

    public async Task<UpstreamResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var server = request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "the authorization server";
        try
        {
            using var response = await factory.CreateClient(ClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new UpstreamResponse(
                (int)response.StatusCode, body, response.Headers.ETag?.ToString(), response.Content.Headers.ContentType?.MediaType);
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning(exception, "The authorization server at {Server} could not be reached", server);
            throw new UpstreamException($"The authorization server at {server} could not be reached.", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "The authorization server at {Server} did not answer in time", server);
            throw new UpstreamException($"The authorization server at {server} did not answer in time.", exception);
        }
    }
}
