using MiniOAuth.Hosting;
using MiniOAuth.Server;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Admin;
using MiniOAuth.Server.Authorize;
using MiniOAuth.Server.Cli;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Discovery;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Introspection;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Revocation;
using MiniOAuth.Server.Token;
using MiniOAuth.Server.UserData;
using MiniOAuth.Server.UserInfo;

// The same binary is the admin command line: `dotnet run --project Server -- create-client …`. A first
// argument that is neither a command nor a host setting (such as --urls) is a mistake: nothing starts.
var isCommand = CommandLine.IsCommand(args);
if (!isCommand && !CommandLine.StartsTheServer(args))
{
    return CommandLine.UnknownCommand(args[0], Console.Error);
}

// appsettings*.json are read from beside the binary, whatever the current directory: started from
// elsewhere, the server would otherwise run on code defaults alone (and log every request). The slim
// builder leaves out IIS and HTTP/3, which this server never uses, so their code is never loaded (peak
// memory, bench/README.md); Kestrel's HTTPS settings are added back below.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// "Urls" in appsettings.json gives the contract's port however the server is started; ASPNETCORE_URLS
// (read before that file) and then --urls must still win over it, as they do in any ASP.NET Core app.
builder.Configuration.AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args);

// Console: one line once listening, or one line (exit code 1) when the port is taken.
builder.PrintOwnStartLine();
if (isCommand)
{
    // A command's stdout is its result (with --json, one JSON document for a pipe): log lines go to stderr.
    builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
}

// Settings: one options class per concern, validated at start-up.
builder.Services.AddMiniOAuthOptions();

// Persistence: EF Core (SQLite by default), data-protection keys in the same database.
builder.Services.AddMiniOAuthDatabase(builder.Configuration);

// The protocol: sessions, authorization, grants, tokens, validators.
builder.Services.AddMiniOAuthProtocol();

// The web: antiforgery, CORS for public clients, size limits, problem details, rate limits.
builder.Services.AddMiniOAuthWeb(builder.Environment);
builder.Services.AddMiniOAuthTransportSecurity(builder.Configuration);
builder.Services.AddMiniOAuthRateLimiting(builder.Configuration);
builder.WebHost.UseKestrelHttpsConfiguration();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();

if (isCommand)
{
    return await CommandLine.RunAsync(app.Services, args);
}

await app.InitializeAsync();

// Pipeline: errors as problem details, proxies and HTTPS, trailing slashes, security headers, CORS, rate limits.
app.UseExceptionHandler();
app.UseMiniOAuthTransportSecurity();
app.UseStatusCodePages();
app.UseTrailingSlashes();
app.UseSecurityHeaders();
app.UseRouting();
app.UseCors();
app.UseRateLimiter();

// Endpoints, one feature folder each.
app.MapHome();
app.MapDiscovery();
app.MapLogin();
app.MapSignUp();
app.MapAccount();
app.MapAdmin();
app.MapAuthorize();
app.MapToken();
app.MapRevocation();
app.MapIntrospection();
app.MapUserInfo();
app.MapRoles();
app.MapUserData();
app.MapPageAssets();

return await app.ServeAsync(urls => StartLines.Listening(app, urls), StartLines.PortTaken);
