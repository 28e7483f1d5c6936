namespace MiniOAuth.Server.Data.Entities;

/// <summary>A person who signs in at the server.</summary>
public sealed class User
{
    public required string Id { get; init; }
    public required string Username { get; set; }

    /// <summary>The username in lower case: usernames are unique without regard to case.</summary>
    public required string NormalizedUsername { get; set; }

    public required string Name { get; set; }
    public required string Email { get; set; }

    /// <summary>BCrypt hash of the password.</summary>
    public required string PasswordHash { get; set; }

    public List<string> Roles { get; set; } = [];
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; init; }
}
