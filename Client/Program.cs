using MiniOAuth.Client;
using MiniOAuth.Hosting;

var builder = WebApplication.CreateBuilder(args);

// "Urls" in appsettings.json gives the contract's port however the app is started; ASPNETCORE_URLS
// (read before that file) and then --urls must still win over it, as they do in any ASP.NET Core app.
builder.Configuration.AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args);
builder.PrintOwnStartLine();

// Configuration: the demo client by default, more providers in Client:Providers; any key can be overridden (Client__Authority=...)
builder.Services.AddOptions<ClientOptions>().BindConfiguration(ClientOptions.Section).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<ClientOptions>, ClientOptionsValidator>();
builder.Services.AddSingleton(TimeProvider.System);

// Sessions: the browser holds an opaque cookie, everything else stays in this app's memory
builder.Services.AddSingleton<SessionStore>();

// The providers: RFC 8414 discovery, the token endpoint, userinfo, userdata, revocation, logout
builder.Services.AddHttpClient(AuthorizationServer.HttpClientName, client =>
    {
        client.Timeout = TimeSpan.FromSeconds(10);
        client.MaxResponseContentBufferSize = 1024 * 1024;
        // GitHub's API refuses requests that do not name their program.
        client.DefaultRequestHeaders.UserAgent.ParseAdd("MiniOAuth-Client");
    })
    // The token endpoint's answer must come from the token endpoint: redirects are not followed.
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
builder.Services.AddSingleton<AuthorizationServer>();

var app = builder.Build();

// The configuration is checked now: a mistake stops the app with one line that names the key, the process
// ending before the runtime would print the exception and its stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, crash) =>
{
    if (crash.ExceptionObject is OptionsValidationException invalid)
    {
        Console.Error.WriteLine($"The Client cannot start: {string.Join(" ", invalid.Failures)}");
        Environment.Exit(1);
    }
};
_ = app.Services.GetRequiredService<IOptions<ClientOptions>>().Value;

// Every response: security headers, error pages without stack traces, the stylesheet
app.UseSecurityHeaders();
app.UseClientErrorPages();
app.UseStaticFiles();
app.UseRouting(); // after the static files, so that the 404 fallback below never hides them

// Routes: home, the authorization code flow, the dashboard, sign-out
app.MapGet("/", Html.Home);
app.MapGet("/login", Login.StartAsync);
app.MapGet("/callback/{provider?}", Login.FinishAsync);
app.MapGet("/dashboard", Dashboard.ShowAsync);
app.MapPost("/dashboard/userdata", Dashboard.SaveAsync);
app.MapGet("/logout", Logout.SignOutAsync);
app.MapFallback(() => Html.ErrorPage(StatusCodes.Status404NotFound, "Page not found",
    "This app has a home page, /login, /callback, /dashboard and /logout; nothing else."));

// One line once listening; one line and exit code 1 when the port is taken (Shared/ConsoleStart.cs).
return await app.ServeAsync(
    urls => $"MiniOAuth client on {urls} — open it in a browser to sign in",
    url => $"error: {url} is in use by another program (on macOS often AirPlay Receiver). Stop it, or move this client: "
        + "--urls http://localhost:5050 --Client:RedirectUri=http://localhost:5050/callback --Client:PostLogoutRedirectUri=http://localhost:5050/ (README, \"Other ports\")");
