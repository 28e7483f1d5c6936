using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Accounts;

/// <summary>No password, client secret, API key or session cookie of the account and admin pages reaches a log line.</summary>
public sealed class SecretsInLogsTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();
    private readonly ConcurrentQueue<string> _lines = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SignUpPasswordChangeAndNewClientCredentialsAreNeverLogged()
    {
        using var logged = _app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddLogging(logging => logging.AddProvider(new QueueLoggerProvider(_lines)).AddFilter<QueueLoggerProvider>(null, LogLevel.Trace))));
        var browser = logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await Pages.SubmitAsync(browser, "/oauth/register/", "/oauth/register/",
            ("username", "carol"), ("email", "carol@example.com"), ("password", "carol's first password"));
        await Pages.SubmitAsync(browser, "/oauth/account/", "/oauth/account/password/", ("current_password", "carol's first password"),
            ("new_password", "carol's second password"), ("confirm_password", "carol's second password"));
        var admin = logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await OAuthFlow.LoginAsync(admin, "admin", "adminpass");

        var created = await Pages.SubmitAsync(admin, "/oauth/admin/clients/new/", "/oauth/admin/clients/",
            ("name", "Shop"), ("type", "confidential"), ("redirect_uris", "https://shop.example/cb"), ("grant", "authorization_code"));
        var page = await admin.GetStringAsync(Pages.Location(created));

        string[] secrets = ["carol's first password", "carol's second password", "adminpass",
            Pages.ElementText(page, "client-secret")!, Pages.ElementText(page, "api-key")!];
        _lines.Should().NotBeEmpty();
        _lines.Should().NotContain(line => secrets.Any(line.Contains));
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + exception);
    }
}
