using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MiniOAuth.Server.UserData;

/// <summary>The client and user whose object a request reaches.</summary>
internal sealed record UserDataOwner(string ClientId, string UserId);

/// <summary>The object one client keeps for one user, as stored, or <c>{}</c> when nothing is.</summary>
internal sealed record StoredObject(string Json, bool Exists)
{
    public static readonly StoredObject Empty = new("{}", Exists: false);

    /// <summary>
    /// A strong entity tag (RFC 9110 §8.8.3): a hash of the exact bytes a GET returns, so every instance
    /// computes the same tag, and equal tags mean equal bytes.
    /// </summary>
    public string ETag { get; } = $"\"{Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(Json))[..16])}\"";
}
