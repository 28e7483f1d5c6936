using Microsoft.Extensions.Options;
using MiniOAuth.Server.Options;

namespace MiniOAuth.Server.Accounts;

/// <summary>BCrypt password hashing, for passwords only (server-made secrets use SHA-256).</summary>
internal sealed class Passwords(IOptions<SecurityOptions> options)
{
    private readonly Lazy<string> _dummyHash = new(() => BCrypt.Net.BCrypt.HashPassword(
        "no user has this password", options.Value.BcryptWorkFactor));

    public string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, options.Value.BcryptWorkFactor);

    public static bool Verify(string password, string hash)
    {
        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    /// <summary>
    /// Spends the time of a real check for an unknown user, so that the answer's timing does not tell
    /// whether the username exists.
    /// </summary>
    public void VerifyDummy(string password) => Verify(password, _dummyHash.Value);
}
