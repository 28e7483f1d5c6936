using System.ComponentModel.DataAnnotations;

namespace MiniOAuth.Server.Options;

/// <summary>The background removal of expired rows, section <c>Cleanup</c>.</summary>
public sealed class CleanupOptions
{
    public const string Section = "Cleanup";

    /// <summary>Time between two runs, from 1 second to 49 days (the longest period a timer takes). Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "49.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
