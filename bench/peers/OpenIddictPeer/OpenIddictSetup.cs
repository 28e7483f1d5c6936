using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenIddictPeer;

internal static class OpenIddictSetup
{
    public static IServiceCollection AddPeerOpenIddict(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<PeerDb>())
            .AddServer(options =>
            {
                // The contract's paths; each also answers without its trailing slash.
                options.SetConfigurationEndpointUris(".well-known/oauth-authorization-server", ".well-known/openid-configuration")
                    .SetAuthorizationEndpointUris("oauth/authorize/", "oauth/authorize")
                    .SetTokenEndpointUris("oauth/token/", "oauth/token")
                    .SetIntrospectionEndpointUris("oauth/introspect/", "oauth/introspect")
                    .SetRevocationEndpointUris("oauth/revoke/", "oauth/revoke")
                    .SetUserInfoEndpointUris("oauth/userinfo/", "oauth/userinfo")
                    .SetJsonWebKeySetEndpointUris("oauth/jwks/", "oauth/jwks")
                    // OpenID Connect RP-Initiated Logout: published as end_session_endpoint, so that the
                    // MiniOAuth Client app signs the user out here too (not a benchmarked path).
                    .SetEndSessionEndpointUris("oauth/logout/", "oauth/logout");

                if (configuration["OAuth:Issuer"] is { Length: > 0 } issuer)
                {
                    options.SetIssuer(new Uri(issuer));
                }

                options.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                options.RegisterScopes("profile", "email", "roles", "userdata");

                // The contract's lifetimes; rolling refresh tokens are OpenIddict's default, and the
                // contract allows no reuse grace (OpenIddict's own default leeway is 30 seconds).
                options.SetAccessTokenLifetime(TimeSpan.FromMinutes(15))
                    .SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(1))
                    .SetRefreshTokenLifetime(TimeSpan.FromDays(14))
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                // RS256 with an RSA-2048 key, as MiniOAuth's comparison asks; codes and refresh tokens
                // are encrypted with a second RSA-2048 key; access tokens stay plain signed JWTs (RFC 9068).
                options.AddSigningKey(new RsaSecurityKey(RSA.Create(2048)))
                    .AddEncryptionKey(new RsaSecurityKey(RSA.Create(2048)))
                    .DisableAccessTokenEncryption();

                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });
        return services;
    }
}
