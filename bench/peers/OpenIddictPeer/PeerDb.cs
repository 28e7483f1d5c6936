using Microsoft.EntityFrameworkCore;

namespace OpenIddictPeer;

/// <summary>Holds OpenIddict's applications, authorizations, scopes and tokens (added by UseOpenIddict).</summary>
internal sealed class PeerDb(DbContextOptions<PeerDb> options) : DbContext(options);

internal static class PeerDatabase
{
    public static IServiceCollection AddPeerDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Default")
            ?? $"Data Source={Path.Combine(Path.GetTempPath(), $"openiddict-peer-{Environment.ProcessId}.db")}";
        return services.AddDbContext<PeerDb>(options =>
        {
            options.UseSqlite(connectionString);
            options.UseOpenIddict();
        });
    }
}
