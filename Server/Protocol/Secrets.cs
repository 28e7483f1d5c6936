using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MiniOAuth.Server.Protocol;

/// <summary>Server-made secrets: random, stored only as SHA-256, compared in constant time.</summary>
internal static class Secrets
{
    /// <summary>256 random bits, base64url (RFC 9700 §4.2.4 asks codes and tokens to be unguessable).</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Sha256(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    /// <summary>The form in which codes, refresh tokens and session ids are stored and looked up.</summary>
    public static string HashForLookup(string value) => Base64Url.EncodeToString(Sha256(value));

    /// <summary>Whether <paramref name="presented"/> hashes to <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(string presented, byte[]? storedHash) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(Sha256(presented), storedHash);

    /// <summary>Constant-time equality of two strings (compared as their SHA-256, so lengths leak nothing).</summary>
    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Sha256(a), Sha256(b));
}
