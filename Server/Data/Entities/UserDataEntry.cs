namespace MiniOAuth.Server.Data.Entities;

/// <summary>The JSON object one client keeps for one user.</summary>
public sealed class UserDataEntry
{
    public required string ClientId { get; init; }
    public required string UserId { get; init; }

    /// <summary>The stored JSON object, compact.</summary>
    public required string Json { get; set; }

    /// <summary>Raised by every write; writes are conditional on it, so none is lost.</summary>
    public long Version { get; set; }
}
