using System.Text.Json.Nodes;

namespace MiniOAuth.Server.UserData;

/// <summary>JSON Merge Patch, RFC 7396.</summary>
internal static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";

    /// <summary>
    /// RFC 7396 §2 MergePatch(Target, Patch): a patch object merges member by member, where null removes
    /// the member; any other patch replaces the target. Neither input is changed.
    /// </summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject members)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject original ? original.DeepClone().AsObject() : [];
        foreach (var (name, value) in members)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }

        return result;
    }

    /// <summary>The store's case: an object patch applied to an object always yields an object.</summary>
    public static JsonObject Apply(JsonObject target, JsonObject patch) => Apply((JsonNode)target, patch)!.AsObject();
}
