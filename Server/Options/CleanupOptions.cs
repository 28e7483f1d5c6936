namespace MiniOAuth.Server.Options;

/// <summary>The background removal of expired rows, section <c>Cleanup</c>.</summary>
public sealed class CleanupOptions
{
    public const string Section = "Cleanup";

    /// <summary>Time between two runs. Default 1 hour.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
