using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Accounts;

/// <summary>The outcome of a login attempt.</summary>
internal sealed record LoginResult(User? User, TimeSpan? RetryAfter);

/// <summary>
/// Checks a username and password. Unknown users and wrong passwords get the same answer in about
/// the same time (a BCrypt check against a dummy hash), and failures are throttled.
/// </summary>
internal sealed class Login(MiniOAuthDb db, Passwords passwords, LoginThrottle throttle)
{
    public const int MaxUsernameLength = 64;
    public const int MaxPasswordLength = 128;

    public async Task<LoginResult> AttemptAsync(string username, string password, string address, CancellationToken ct)
    {
        var userKey = LoginThrottle.UserKey(username);
        var addressKey = LoginThrottle.AddressKey(address);
        if (await throttle.BeginAttemptAsync(userKey, addressKey, ct) is { } wait)
        {
            return new LoginResult(null, wait);
        }

        var user = username.Length is > 0 and <= MaxUsernameLength
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUsername == username.ToLowerInvariant(), ct)
            : null;
        var passwordFits = password.Length is > 0 and <= MaxPasswordLength;
        if (user is null || !passwordFits)
        {
            passwords.VerifyDummy(password.Length <= MaxPasswordLength ? password : "");
        }
        else if (Passwords.Verify(password, user.PasswordHash) && !user.IsDisabled)
        {
            await throttle.ForgiveAsync(userKey, addressKey, ct);
            return new LoginResult(user, null);
        }

        return new LoginResult(null, null);
    }
}
