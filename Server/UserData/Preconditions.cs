using Microsoft.Net.Http.Headers;

namespace MiniOAuth.Server.UserData;

/// <summary>
/// The conditional headers of RFC 9110 §13.1, evaluated against the stored object. Nothing stored reads
/// as <c>{}</c> with that object's tag, but <c>*</c> matches only when something is stored.
/// </summary>
internal sealed class Preconditions(IList<EntityTagHeaderValue> ifMatch, IList<EntityTagHeaderValue> ifNoneMatch)
{
    /// <summary>Reads If-Match and If-None-Match; null when either is present but not a list of entity tags.</summary>
    public static Preconditions? Read(HttpRequest request) =>
        TryParse(request.Headers.IfMatch, out var ifMatch) && TryParse(request.Headers.IfNoneMatch, out var ifNoneMatch)
            ? new Preconditions(ifMatch, ifNoneMatch)
            : null;

    /// <summary>RFC 9110 §13.1.1: holds when absent, or when a listed tag is strongly equal to the current one.</summary>
    public bool IfMatchHolds(StoredObject current) =>
        ifMatch.Count == 0 || ifMatch.Any(tag => IsAny(tag) ? current.Exists : !tag.IsWeak && tag.Tag.Equals(current.ETag));

    /// <summary>RFC 9110 §13.1.2: holds when absent, or when no listed tag is weakly equal to the current one.</summary>
    public bool IfNoneMatchHolds(StoredObject current) =>
        ifNoneMatch.Count == 0 || !ifNoneMatch.Any(tag => IsAny(tag) ? current.Exists : tag.Tag.Equals(current.ETag));

    /// <summary>RFC 9110 §13.2.2: a write goes ahead only when both hold; otherwise it is 412.</summary>
    public bool AllowWrite(StoredObject current) => IfMatchHolds(current) && IfNoneMatchHolds(current);

    private static bool IsAny(EntityTagHeaderValue tag) => tag.Tag.Equals("*");

    private static bool TryParse(Microsoft.Extensions.Primitives.StringValues header, out IList<EntityTagHeaderValue> tags)
    {
        tags = [];
        if (header.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList([.. header.OfType<string>()], out var parsed) || parsed.Count == 0)
        {
            return false;
        }

        tags = parsed;
        return true;
    }
}
