using System.ComponentModel.DataAnnotations;

namespace MiniOAuth.Server.Options;

/// <summary>The background removal of expired rows, section <c>Cleanup</c>.</summary>
public sealed class CleanupOptions
{
    public const string Section = "Cleanup";

    /// <summary>
    /// Time between two runs, at most 49 days (the longest period a timer takes); zero turns the
    /// background sweep off on this instance (one instance sweeping is enough). Default 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "49.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
