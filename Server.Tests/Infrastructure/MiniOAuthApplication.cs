using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MiniOAuth.Server.Data;

namespace MiniOAuth.Tests.Infrastructure;

/// <summary>
/// The server under test: its own database (SQLite, or PostgreSQL with
/// <c>MINIOAUTH_TEST_PROVIDER=Postgres</c>, see <see cref="TestDatabase"/>), the demo data, a fake
/// clock, and BCrypt at its lowest work factor so that seeding users does not dominate the suite.
/// </summary>
public sealed class MiniOAuthApplication : WebApplicationFactory<Program>
{
    public const string Issuer = "http://localhost";

    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly Dictionary<string, string?> _settings;

    private readonly string _environment;

    /// <summary>A server on a database of its own, deleted with it.</summary>
    public MiniOAuthApplication(IDictionary<string, string?>? settings = null, string environment = "Development")
        : this(TestDatabase.Create(), ownsDatabase: true, settings, environment)
    {
    }

    /// <summary>One of several server instances on one database, which the caller disposes after them.</summary>
    public MiniOAuthApplication(
        TestDatabase sharedDatabase, IDictionary<string, string?>? settings = null, string environment = "Development")
        : this(sharedDatabase, ownsDatabase: false, settings, environment)
    {
    }

    private MiniOAuthApplication(TestDatabase database, bool ownsDatabase, IDictionary<string, string?>? settings, string environment)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _environment = environment;
        _settings = new Dictionary<string, string?>(database.Settings)
        {
            ["OAuth:Issuer"] = Issuer,
            ["Security:BcryptWorkFactor"] = "4",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>
    /// The server's clock; tests move it forward to expire codes and tokens. It starts on a whole second:
    /// PostgreSQL keeps microseconds and JWTs whole seconds, so times made by whole-second moves come back
    /// from either exactly, and a test on a boundary gives the same answer on SQLite and PostgreSQL.
    /// A test may start it elsewhere (<c>Clock = new(…)</c>), e.g. in the past for a checker that reads
    /// the machine's clock.
    /// </summary>
    public FakeTimeProvider Clock { get; init; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>Every log line of the server, at every level.</summary>
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// Options for database contexts of the server's database on its provider, with the given interceptors,
    /// for rule tests that build their own contexts (the suite also runs on PostgreSQL).
    /// </summary>
    public DbContextOptions<MiniOAuthDb> CreateDbOptions(params IInterceptor[] interceptors) =>
        _database.Configure(new DbContextOptionsBuilder<MiniOAuthDb>()).AddInterceptors(interceptors).Options;

    /// <summary>Runs <paramref name="work"/> with a fresh database context of the server.</summary>
    public async Task<T> WithDbAsync<T>(Func<MiniOAuthDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<MiniOAuthDb>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase)
        {
            _database.Dispose();
        }
    }
}
