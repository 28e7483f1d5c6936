namespace MiniOAuth.Server.Data.Entities;

/// <summary>Failed logins for one username or one address in a fixed window that opens at the first failure.</summary>
public sealed class LoginFailureCount
{
    /// <summary><c>user:{username}</c> or <c>addr:{address}</c>.</summary>
    public required string Key { get; init; }

    public DateTime WindowStart { get; set; }
    public int Count { get; set; }
}
