// README begin
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
// README end
// What a web project (Microsoft.NET.Sdk.Web) imports without being asked:
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MiniOAuth.Tests.Snippets;

/// <summary>
/// The README's ASP.NET Core web app, as written there (<see cref="ReadmeSnippetTests"/> compares the
/// two): it signs its users in at MiniOAuth with the <c>AddOAuth</c> handler.
/// </summary>
internal static class WebAppSnippet
{
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        // README begin
        // Registered once with: create-client --name "My app" --redirect-uri http://localhost:5001/signin-minioauth
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = "MiniOAuth";
            })
            // Browsers share cookies across the ports of localhost, so this app names its own.
            .AddCookie(options => options.Cookie.Name = "myapp")
            .AddOAuth("MiniOAuth", options =>
            {
                options.ClientId = builder.Configuration["MiniOAuth:ClientId"]!;
                options.ClientSecret = builder.Configuration["MiniOAuth:ClientSecret"]!;
                options.AuthorizationEndpoint = "http://localhost:8000/oauth/authorize/";
                options.TokenEndpoint = "http://localhost:8000/oauth/token/";
                options.UserInformationEndpoint = "http://localhost:8000/oauth/userinfo/";
                options.CallbackPath = "/signin-minioauth";
                options.Scope.Add("profile");
                options.Scope.Add("email");
                options.UsePkce = true;    // RFC 7636, which RFC 9700 §2.1.1 asks of every client
                options.SaveTokens = true; // HttpContext.GetTokenAsync("access_token"), also refresh_token and expires_at

                // The correlation cookie is Secure and SameSite=None by default, which a browser may drop
                // on plain HTTP ("Correlation failed"). Lax is enough: the server sends the browser back
                // with a top-level GET.
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;

                options.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "sub");
                options.ClaimActions.MapJsonKey(ClaimTypes.Name, "username");
                options.ClaimActions.MapJsonKey(ClaimTypes.Email, "email");
                options.Events.OnCreatingTicket = async context =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
                    request.Headers.Authorization = new("Bearer", context.AccessToken);
                    using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
                    response.EnsureSuccessStatusCode();
                    context.RunClaimActions(await response.Content.ReadFromJsonAsync<JsonElement>());
                };
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.MapGet("/", (ClaimsPrincipal user) => $"Hello {user.Identity!.Name}").RequireAuthorization();
        // README end
        return app;
    }
}
