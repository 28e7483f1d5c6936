using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Server.Discovery;

/// <summary>Authorization server metadata (RFC 8414), the signing keys (RFC 7517), and a health check.</summary>
internal static class DiscoveryEndpoints
{
    public static void MapDiscovery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/oauth-authorization-server", Metadata).RequireCors(Cors.PublicClients);
        app.MapGet("/oauth/jwks", Jwks).RequireCors(Cors.PublicClients);
        app.MapGet("/healthz", Health);
    }

    private static Ok<Dictionary<string, object>> Metadata(IOptions<OAuthOptions> options)
    {
        var issuer = options.Value.Issuer;
        return TypedResults.Ok(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = $"{issuer}/oauth/authorize/",
            ["token_endpoint"] = $"{issuer}/oauth/token/",
            ["userinfo_endpoint"] = $"{issuer}/oauth/userinfo/",
            ["revocation_endpoint"] = $"{issuer}/oauth/revoke/",
            ["introspection_endpoint"] = $"{issuer}/oauth/introspect/",
            ["jwks_uri"] = $"{issuer}/oauth/jwks/",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query" },
            ["grant_types_supported"] = GrantTypes.All,
            ["code_challenge_methods_supported"] = new[] { Pkce.S256 },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
            ["revocation_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
            ["introspection_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post" },
            ["scopes_supported"] = Scopes.All,
            ["prompt_values_supported"] = new[] { "none", "login", "consent" },
            ["authorization_response_iss_parameter_supported"] = true,
            // Not registered by RFC 8414 (§2 allows more members): MiniOAuth's own userdata store (the
            // user's id and "/" are appended), and the browser logout, named as OpenID Connect RP-Initiated
            // Logout names it, so that a client finds both without configuration.
            ["userdata_endpoint"] = $"{issuer}/oauth/userdata/",
            ["end_session_endpoint"] = $"{issuer}/oauth/logout/",
        });
    }

    private static async Task<Ok<Dictionary<string, object>>> Jwks(SigningKeys keys, CancellationToken ct)
    {
        var published = await keys.GetPublishedKeysAsync(ct);
        var jwks = published.Select(key =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key);
            return new Dictionary<string, string>
            {
                ["kty"] = jwk.Kty, ["use"] = "sig", ["alg"] = SigningKeys.Algorithm, ["kid"] = key.KeyId,
                ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y,
            };
        });
        return TypedResults.Ok(new Dictionary<string, object> { ["keys"] = jwks.ToList() });
    }

    private static async Task<Results<Ok<Dictionary<string, string>>, ProblemHttpResult>> Health(HttpContext context, MiniOAuthDb db)
    {
        if (await db.Database.CanConnectAsync(context.RequestAborted))
        {
            return TypedResults.Ok(new Dictionary<string, string> { ["status"] = "ok" });
        }

        // As every other answer while the database is down (Data/DatabaseUnavailable.cs).
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(statusCode: 503, title: "The database does not answer.");
    }
}
