namespace MiniOAuth.Server.Data.Entities;

/// <summary>
/// Failed logins for one username or one address, or sign-ups from one address, in a fixed window
/// that opens at the first of them (<c>LoginThrottle</c>).
/// </summary>
public sealed class LoginFailureCount
{
    /// <summary><c>user:{username}</c>, <c>addr:{address}</c> or <c>signup:{address}</c>.</summary>
    public required string Key { get; init; }

    public DateTime WindowStart { get; set; }
    public int Count { get; set; }
}
