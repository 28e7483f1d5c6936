using System.Buffers.Text;
using System.Security.Cryptography;

namespace MiniOAuth.Client.Protocol;

/// <summary>Unguessable values: session ids, <c>state</c> and PKCE verifiers.</summary>
internal static class RandomToken
{
    /// <summary>256 random bits, base64url without padding: 43 characters.</summary>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
