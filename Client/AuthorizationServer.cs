using System.Collections.Concurrent;
using System.Net;

namespace MiniOAuth.Client;

/// <summary>The endpoints and facts about a provider that this client uses; an endpoint that neither the
/// metadata published nor the configuration named is null. <paramref name="Issuer"/> is the <c>iss</c> its answers
/// must carry (null when unknown); <paramref name="Source"/> the metadata URL, or "configuration".</summary>
internal sealed record ServerMetadata(
    string? Issuer,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    string? UserInfoEndpoint,
    string? RevocationEndpoint,
    bool IssParameterSupported,
    string Source,
    string? UserDataEndpoint = null,
    string? EndSessionEndpoint = null);

/// <summary>What a token request gave: the tokens, or the status and the RFC 6749 §5.2 error instead.</summary>
internal sealed record TokenOutcome(TokenSet? Tokens, int Status, string? Error = null, string? Description = null);

/// <summary>The authorization server could not be reached or gave an answer this client cannot use.
/// The error pages turn it into a <c>502 Bad Gateway</c> page; its message is written for the user.</summary>
internal sealed class UpstreamException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The tokens of one signed-in session, kept on this server and never sent to the browser.</summary>
/// <param name="ExpiresAt">From <c>expires_in</c>; null when the server did not say.</param>
/// <param name="Provider">The provider that issued them, the only one they are ever sent to; kept with them, so the two never part.</param>
internal sealed record TokenSet(
    string AccessToken, string? RefreshToken, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, string? Scope, Provider? Provider = null)
{
    /// <summary>A token this close to expiry is refreshed before use, so it cannot expire in flight: 30 s, or half the
    /// lifetime when that is shorter, so that a token that lives ten seconds is not refreshed as soon as it is issued.</summary>
    public TimeSpan Margin => ExpiresAt is { } expiresAt
        ? TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, (expiresAt - IssuedAt).Ticks / 2))
        : TimeSpan.Zero;

    public bool NeedsRefresh(DateTimeOffset now) => ExpiresAt is { } expiresAt && now >= expiresAt - Margin;
}

/// <summary>The providers as this client sees them: where their endpoints are (RFC 8414), and the calls to
/// their token endpoints. Every call goes through one named <see cref="HttpClient"/>, so tests can point
/// it at an in-process server by replacing its primary handler.</summary>
internal sealed class AuthorizationServer(
    IHttpClientFactory factory, IOptions<ClientOptions> options, TimeProvider time, ILogger<AuthorizationServer> logger)
{
    public const string HttpClientName = "MiniOAuth.AuthorizationServer";

    private readonly ConcurrentDictionary<string, (ServerMetadata Metadata, DateTimeOffset FetchedAt)> cache = new();

    /// <summary>A provider's endpoints: from its metadata (cached for an hour), any endpoint in the configuration
    /// taking precedence; from the configuration alone when it names the authorization and token endpoints.</summary>
    public async Task<ServerMetadata> GetMetadataAsync(Provider provider, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(provider.Key, out var entry) && time.GetUtcNow() - entry.FetchedAt < TimeSpan.FromHours(1))
        {
            return entry.Metadata;
        }

        var settings = provider.Settings;
        var (issuer, published, source) = (settings.Issuer ?? settings.Authority, default(JsonElement?), "configuration");
        if (settings.AuthorizationEndpoint is null || settings.TokenEndpoint is null)
        {
            // RFC 8414 first; an OpenID Connect provider publishes the same members at its own well-known URL.
            var authority = settings.Authority!;
            foreach (var url in new[] { DiscoveryUrl(authority), $"{authority.TrimEnd('/')}/.well-known/openid-configuration" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                var response = await SendAsync(provider, request, cancellationToken);
                if (response.Status == StatusCodes.Status200OK && ParseObject(response.Body) is { } document)
                {
                    (published, source) = (document, url);
                    break;
                }
            }

            // RFC 8414 §3.3: the issuer in the document must be the one the URL was made from.
            issuer = Text(published ?? throw new UpstreamException($"{provider.DisplayName} publishes no metadata at {authority}."), "issuer");
            if (issuer is null || !string.Equals(issuer.TrimEnd('/'), authority.TrimEnd('/'), StringComparison.Ordinal))
            {
                throw new UpstreamException($"The metadata of {provider.DisplayName} names the issuer '{issuer}', not {authority}.");
            }
        }

        string? Endpoint(string? configured, string member, bool required = false) => (configured ?? Text(published, member)) switch
        {
            null when !required => null,
            var endpoint when ProviderOptions.IsHttpUrl(endpoint) => endpoint,
            _ => throw new UpstreamException($"The metadata of {provider.DisplayName} at {source} has no usable {member}."),
        };
        var metadata = new ServerMetadata(
            issuer,
            Endpoint(settings.AuthorizationEndpoint, "authorization_endpoint", required: true)!,
            Endpoint(settings.TokenEndpoint, "token_endpoint", required: true)!,
            Endpoint(settings.UserInfoEndpoint, "userinfo_endpoint"),
            Endpoint(settings.RevocationEndpoint, "revocation_endpoint"),
            published?.TryGetProperty("authorization_response_iss_parameter_supported", out var sendsIss) == true && sendsIss.ValueKind == JsonValueKind.True,
            source,
            Endpoint(settings.UserDataEndpoint, "userdata_endpoint"),
            Endpoint(settings.EndSessionEndpoint, "end_session_endpoint"));
        cache[provider.Key] = (metadata, time.GetUtcNow());
        return metadata;
    }

    /// <summary>RFC 8414 §3.1: the well-known segment goes between the host and the issuer's path.</summary>
    public static string DiscoveryUrl(string authority)
    {
        var issuer = new Uri(authority);
        return $"{issuer.GetLeftPart(UriPartial.Authority)}/.well-known/oauth-authorization-server{issuer.AbsolutePath.TrimEnd('/')}";
    }

    /// <summary>A POST to one of the provider's endpoints, with the client authenticated (RFC 6749 §2.3.1):
    /// <c>client_secret_basic</c> when it has a secret, else a public client naming itself by <c>client_id</c>.</summary>
    public static HttpRequestMessage ClientPost(Provider provider, string url, ref KeyValuePair<string, string?>[] fields)
    {
        var secret = provider.Settings.ClientSecret;
        fields = string.IsNullOrEmpty(secret) ? [.. fields, new("client_id", provider.Settings.ClientId)] : fields;
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = string.IsNullOrEmpty(secret) ? null : ClientSecretBasic(provider.Settings.ClientId!, secret);
        return request;
    }

    /// <summary>A token request (RFC 6749 §3.2): the code exchange of <c>/callback</c> and the refresh below.
    /// The step shows it with secrets masked.</summary>
    public async Task<TokenOutcome> RequestTokensAsync(
        Provider provider, ServerMetadata server, KeyValuePair<string, string?>[] fields, StepLog steps, string title, string explanation,
        CancellationToken cancellationToken)
    {
        using var request = ClientPost(provider, server.TokenEndpoint, ref fields);
        var response = await SendAsync(provider, request, cancellationToken);
        // GitHub answers application/x-www-form-urlencoded unless it honours Accept: shown and read as the same members.
        var body = ParseObject(response.Body) is null && ParseForm(response.Body) is { } form ? form.GetRawText() : response.Body;
        steps.Add(title, explanation,
            ("Request", $"POST {server.TokenEndpoint}"),
            ("Authorization", request.Headers.Authorization is { } basic ? $"Basic {Mask.Secret(basic.Parameter)} (client id and secret)" : "(none: a public client)"),
            ("Body", Mask.FormFields(fields, "code", "code_verifier", "refresh_token")),
            ("Status", response.Status.ToString()),
            ("Response", Mask.Json(body, "access_token", "refresh_token", "id_token")));
        return ReadTokens(response.Status, body, time.GetUtcNow());
    }

    /// <summary>Reads a token endpoint answer, JSON or form-encoded: RFC 6749 §5.1 tokens, or the §5.2 error (or why
    /// the answer is unusable). An <c>error</c> member is an error whatever the status: GitHub sends its errors with 200.</summary>
    public static TokenOutcome ReadTokens(int status, string body, DateTimeOffset now)
    {
        if ((ParseObject(body) ?? ParseForm(body)) is not { } answer)
        {
            return new TokenOutcome(null, status, "invalid_response", "The token endpoint did not answer with JSON.");
        }

        if (status != StatusCodes.Status200OK || Text(answer, "error") is not null)
        {
            return new TokenOutcome(null, status, Text(answer, "error") ?? "invalid_response", Text(answer, "error_description"));
        }

        // RFC 6750: this client only knows how to present Bearer tokens.
        var accessToken = Text(answer, "access_token");
        if (string.IsNullOrEmpty(accessToken) || !string.Equals(Text(answer, "token_type"), "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return new TokenOutcome(null, status, "invalid_response", "The answer has no Bearer access token.");
        }

        // expires_in is a number of seconds; read leniently, "900" counts too.
        DateTimeOffset? expiresAt = answer.TryGetProperty("expires_in", out var lifetime) && long.TryParse(lifetime.ToString(), out var seconds)
            && seconds > 0 ? now.AddSeconds(seconds) : null;
        return new TokenOutcome(new TokenSet(accessToken, Text(answer, "refresh_token"), now, expiresAt, Text(answer, "scope")), status);
    }

    /// <summary>An access token that will not expire in flight, refreshed first when needed (RFC 6749 §6); null when the session has
    /// none or the refresh was refused, and the session is then signed out. <paramref name="rejectedAccessToken"/> is a token a resource
    /// server has just refused (RFC 6750 §3.1 <c>invalid_token</c>), refreshed even if it looks unexpired. Refreshes of one session wait
    /// for each other: one refresh token presented twice is theft to the server, which ends the grant (RFC 9700 §4.14.2).</summary>
    public async Task<TokenSet?> GetUsableTokensAsync(
        ClientSession session, ServerMetadata server, string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        await session.RefreshLock.WaitAsync(cancellationToken);
        try
        {
            // Another request may have refreshed while this one waited: then its tokens are used.
            var current = session.Tokens;
            if (current is null
                || !(current.NeedsRefresh(time.GetUtcNow()) || string.Equals(current.AccessToken, rejectedAccessToken, StringComparison.Ordinal)))
            {
                return current;
            }

            // Refreshed at the provider that issued them (server is the metadata only for tokens that name none).
            var provider = current.Provider ?? options.Value.FindProvider(null)!;
            var issued = current.RefreshToken is null ? null : (await RequestTokensAsync(
                provider, current.Provider is null ? server : await GetMetadataAsync(provider, cancellationToken),
                [new("grant_type", "refresh_token"), new("refresh_token", current.RefreshToken)],
                session.Steps,
                "Refreshed the access token",
                "The access token was about to expire, so this app traded the refresh token for new tokens. The server "
                    + "rotates the refresh token: the old one is now spent, and only the new one is kept.",
                cancellationToken)).Tokens;
            // RFC 6749 §6: the server may keep the refresh token (then the old one stays in use) or
            // rotate it (then only the new one is kept), and may omit an unchanged scope.
            session.Tokens = issued is null ? null : issued with
            {
                RefreshToken = issued.RefreshToken ?? current.RefreshToken,
                Scope = issued.Scope ?? current.Scope,
                Provider = current.Provider,
            };
            return session.Tokens;
        }
        finally
        {
            session.RefreshLock.Release();
        }
    }

    /// <summary>Sends one request to a provider, asking for JSON: its status, body and ETag. A provider that
    /// cannot be reached or is too slow becomes an <see cref="UpstreamException"/> that names it.</summary>
    public async Task<(int Status, string Body, string? ETag)> SendAsync(Provider provider, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var server = request.RequestUri?.GetLeftPart(UriPartial.Authority);
        request.Headers.Accept.ParseAdd("application/json");
        try
        {
            using var response = await factory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), response.Headers.ETag?.ToString());
        }
        catch (Exception exception) when (exception is HttpRequestException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var what = exception is HttpRequestException ? "could not be reached" : "did not answer in time";
            logger.LogWarning(exception, "{Provider} at {Server} {What}", provider.DisplayName, server, what);
            throw new UpstreamException($"{provider.DisplayName} at {server} {what}.", exception);
        }
    }

    /// <summary>A JSON object from an answer, or null when the answer is not one.</summary>
    public static JsonElement? ParseObject(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A form-encoded token answer as the JSON object it stands for, or null when the body is not one.</summary>
    private static JsonElement? ParseForm(string body) => QueryHelpers.ParseQuery(body) is var fields
        && (fields.ContainsKey("access_token") || fields.ContainsKey("error"))
        ? JsonSerializer.SerializeToElement(fields.ToDictionary(field => field.Key, field => field.Value.ToString()))
        : null;

    /// <summary>A member's text, or null when the answer has no such member or it is not a string.</summary>
    public static string? Text(JsonElement? json, string name) =>
        json is { } value && value.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString() : null;

    /// <summary>RFC 6749 §2.3.1 <c>client_secret_basic</c>: the id and the secret are each form-urlencoded
    /// (Appendix B) before they are joined with a colon and base64-encoded; a colon or space in either would break otherwise.</summary>
    public static AuthenticationHeaderValue ClientSecretBasic(string clientId, string clientSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WebUtility.UrlEncode(clientId)}:{WebUtility.UrlEncode(clientSecret)}")));
}
