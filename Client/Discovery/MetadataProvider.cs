using System.Text.Json;
using Microsoft.Extensions.Options;
using MiniOAuth.Client.Configuration;
using MiniOAuth.Client.Http;

namespace MiniOAuth.Client.Discovery;

/// <summary>
/// Finds the server's endpoints: from RFC 8414 discovery (cached for an hour), with any endpoint
/// given in configuration taking precedence, or from configuration alone when it names them all.
/// </summary>
internal sealed class MetadataProvider(AuthorizationServerHttp http, IOptions<ClientOptions> options, TimeProvider time)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(1);

    private sealed record CacheEntry(AuthorizationServerMetadata Metadata, DateTimeOffset FetchedAt);

    private CacheEntry? cached;

    public async Task<AuthorizationServerMetadata> GetAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.HasExplicitEndpoints)
        {
            return FromConfiguration(settings);
        }

        var entry = cached;
        if (entry is not null && time.GetUtcNow() - entry.FetchedAt < CacheLifetime)
        {
            return entry.Metadata;
        }

        var metadata = await DiscoverAsync(settings, cancellationToken);
        cached = new CacheEntry(metadata, time.GetUtcNow());
        return metadata;
    }

    /// <summary>RFC 8414 §3.1: the well-known segment goes between the host and the issuer's path.</summary>
    public static string DiscoveryUrl(string authority)
    {
        var issuer = new Uri(authority);
        var path = issuer.AbsolutePath.TrimEnd('/');
        return $"{issuer.GetLeftPart(UriPartial.Authority)}/.well-known/oauth-authorization-server{path}";
    }

    private async Task<AuthorizationServerMetadata> DiscoverAsync(ClientOptions settings, CancellationToken cancellationToken)
    {
        var url = DiscoveryUrl(settings.Authority);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        var response = await http.SendAsync(request, cancellationToken);
        if (response.Status != StatusCodes.Status200OK)
        {
            throw new UpstreamException($"The server's metadata at {url} answered {response.Status}.");
        }

        var document = Parse(response.Body, url);
        // RFC 8414 §3.3: the issuer in the document must be the one the URL was made from.
        if (document.Issuer is null || !SameIssuer(document.Issuer, settings.Authority))
        {
            throw new UpstreamException($"The server's metadata names the issuer '{document.Issuer}', not {settings.Authority}.");
        }

        return new AuthorizationServerMetadata(
            document.Issuer,
            Require(settings.AuthorizationEndpoint ?? document.AuthorizationEndpoint, "authorization_endpoint", url),
            Require(settings.TokenEndpoint ?? document.TokenEndpoint, "token_endpoint", url),
            Require(settings.UserInfoEndpoint ?? document.UserInfoEndpoint, "userinfo_endpoint", url),
            settings.RevocationEndpoint ?? document.RevocationEndpoint,
            LogoutEndpoint(settings),
            UserDataEndpoint(settings),
            document.IssParameterSupported ?? false,
            url);
    }

    private static AuthorizationServerMetadata FromConfiguration(ClientOptions settings) => new(
        settings.Issuer ?? settings.Authority,
        settings.AuthorizationEndpoint!,
        settings.TokenEndpoint!,
        settings.UserInfoEndpoint!,
        settings.RevocationEndpoint,
        LogoutEndpoint(settings),
        UserDataEndpoint(settings),
        IssParameterSupported: false,
        Source: "configuration");

    public static string LogoutEndpoint(ClientOptions settings) =>
        settings.LogoutEndpoint ?? $"{settings.Authority.TrimEnd('/')}/oauth/logout/";

    private static string UserDataEndpoint(ClientOptions settings) =>
        settings.UserDataEndpoint ?? $"{settings.Authority.TrimEnd('/')}/oauth/userdata/";

    private static bool SameIssuer(string issuer, string authority) =>
        string.Equals(issuer.TrimEnd('/'), authority.TrimEnd('/'), StringComparison.Ordinal);

    private static MetadataDocument Parse(string body, string url)
    {
        try
        {
            return JsonSerializer.Deserialize<MetadataDocument>(body)
                ?? throw new UpstreamException($"The server's metadata at {url} is empty.");
        }
        catch (JsonException exception)
        {
            throw new UpstreamException($"The server's metadata at {url} is not a JSON object.", exception);
        }
    }

    private static string Require(string? endpoint, string member, string url) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out _)
            ? endpoint!
            : throw new UpstreamException($"The server's metadata at {url} has no usable {member}.");
}
