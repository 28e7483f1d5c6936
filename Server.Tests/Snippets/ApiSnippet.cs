// README begin
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
// README end
// What a web project (Microsoft.NET.Sdk.Web) imports without being asked:
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MiniOAuth.Tests.Snippets;

/// <summary>
/// The README's ASP.NET Core API, as written there (<see cref="ReadmeSnippetTests"/> compares the two):
/// it accepts MiniOAuth's access tokens with the <c>JwtBearer</c> handler, and asks MiniOAuth, as a
/// resource server, whether each one is still live.
/// </summary>
internal static class ApiSnippet
{
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        // README begin
        // Registered once with: create-client --name "My API" --resource-server
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                // RFC 8414 metadata: the handler takes the issuer and the signing keys (jwks_uri) from it.
                options.MetadataAddress = "http://localhost:8000/.well-known/oauth-authorization-server";
                options.RequireHttpsMetadata = false; // plain HTTP on localhost only
                options.MapInboundClaims = false;     // "sub" and "scope" as MiniOAuth names them
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = "http://localhost:8000", // MiniOAuth's tokens name its issuer as their audience
                    ValidTypes = ["at+jwt"],                // RFC 9068 §4: an access token, no other JWT
                    ValidAlgorithms = ["ES256"],            // the one algorithm MiniOAuth signs with
                    ClockSkew = TimeSpan.Zero,              // the default, 5 minutes, accepts a token that long after it expired
                };

                // A JWT stays valid until it expires; only introspection tells that it was revoked (RFC 7662 §2.1).
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var form = new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["token"] = ((JsonWebToken)context.SecurityToken).EncodedToken,
                            ["client_id"] = builder.Configuration["MiniOAuth:ClientId"]!,
                            ["client_secret"] = builder.Configuration["MiniOAuth:ClientSecret"]!,
                        });
                        using var response = await context.Options.Backchannel.PostAsync(
                            "http://localhost:8000/oauth/introspect/", form, context.HttpContext.RequestAborted);
                        response.EnsureSuccessStatusCode();
                        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
                        if (!answer.GetProperty("active").GetBoolean())
                        {
                            context.Fail("The token is no longer active.");
                        }
                    },
                };
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.MapGet("/orders", (ClaimsPrincipal user) => $"Orders of {user.FindFirstValue("sub")}").RequireAuthorization();
        // README end
        return app;
    }
}
