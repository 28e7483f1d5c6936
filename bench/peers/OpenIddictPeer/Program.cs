// An OpenIddict 7.8 authorization server with EF Core SQLite, shaped like MiniOAuth's contract on
// the benchmarked paths, so that bench/run can compare the two on equal requests. It is a typical
// OpenIddict setup (the openiddict-samples pattern: passthrough endpoints, permanent
// authorizations for remembered consent, token storage on), not a tuned one.
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddictPeer;

var builder = WebApplication.CreateBuilder(args);

// Storage: EF Core SQLite with OpenIddict's entity sets (ConnectionStrings:Default, a temp file by default)
builder.Services.AddPeerDatabase(builder.Configuration);

// People: demo users, a cookie login session, anti-forgery on every form
builder.Services.AddSingleton<DemoUsers>();
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.Cookie.Name = "openiddict_peer_session";
        options.LoginPath = "/oauth/login/";
        options.ReturnUrlParameter = "returnUrl";
    });
builder.Services.AddAuthorization();
builder.Services.AddAntiforgery(options => options.Cookie.Name = "openiddict_peer_af");

// OAuth: the OpenIddict server (endpoints, flows, RSA-2048 signing key, JWT access tokens)
builder.Services.AddPeerOpenIddict(builder.Configuration);

var app = builder.Build();
await app.Services.SeedDemoDataAsync();

app.UseAuthentication();
app.UseAuthorization();

app.MapLogin();
app.MapAuthorize();
app.MapToken();
app.MapUserInfo();
app.MapGet("/healthz", () => TypedResults.Ok("ok"));

app.Run();
