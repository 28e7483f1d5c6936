using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MiniOAuth.Client.Protocol;

/// <summary>Proof Key for Code Exchange (RFC 7636), with the S256 method only.</summary>
internal static class Pkce
{
    /// <summary>The only method this client sends; RFC 9700 §2.1.1 advises against <c>plain</c>.</summary>
    public const string Method = "S256";

    /// <summary>
    /// RFC 7636 §4.1: 43 to 128 unreserved characters; 32 random bytes in base64url give 43
    /// characters with 256 bits of entropy, as §7.1 recommends.
    /// </summary>
    public static string CreateVerifier() => RandomToken.Create();

    /// <summary>RFC 7636 §4.2: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))).</summary>
    public static string Challenge(string verifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
