using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MiniOAuth.Server.Protocol;

/// <summary>Proof Key for Code Exchange, RFC 7636, with S256 only (RFC 9700 §2.1.1).</summary>
internal static class Pkce
{
    public const string S256 = "S256";

    /// <summary>RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))).</summary>
    public static string Challenge(string verifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>RFC 7636 §4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".</summary>
    public static bool IsValidVerifier(string verifier) =>
        verifier.Length is >= 43 and <= 128 && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>An S256 challenge is the base64url form of 32 bytes: exactly 43 characters.</summary>
    public static bool IsValidChallenge(string challenge) =>
        challenge.Length == 43 && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>RFC 7636 §4.6, compared in constant time.</summary>
    public static bool Verify(string verifier, string challenge) =>
        IsValidVerifier(verifier) && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Challenge(verifier)), Encoding.ASCII.GetBytes(challenge));
}
