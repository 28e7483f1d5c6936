using MiniOAuth.Client.Configuration;
using MiniOAuth.Client.Dashboard;
using MiniOAuth.Client.Home;
using MiniOAuth.Client.Login;
using MiniOAuth.Client.Logout;
using MiniOAuth.Client.Pages;

var builder = WebApplication.CreateBuilder(args);

// "Urls" in appsettings.json gives the contract's port however the app is started; ASPNETCORE_URLS
// (read before that file) and then --urls must still win over it, as they do in any ASP.NET Core app.
builder.Configuration.AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args);

// Configuration: the demo client by default; any key can be overridden (Client__Authority=...)
builder.Services.AddClientOptions();

// Sessions: the browser holds an opaque cookie, everything else stays in this app's memory
builder.Services.AddClientSessions();

// The authorization server: RFC 8414 discovery, the token endpoint, userinfo, userdata, logout
builder.Services.AddAuthorizationServerClient();

// Pages: antiforgery for the userdata form
builder.Services.AddClientPages();

var app = builder.Build();

// Every response: security headers, error pages without stack traces, the stylesheet
app.UseSecurityHeaders();
app.UseClientErrorPages();
app.UseStaticFiles();

// Routes: home, the authorization code flow, the dashboard, sign-out
app.MapHome();
app.MapLogin();
app.MapDashboard();
app.MapLogout();

app.Run();
