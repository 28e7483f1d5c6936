using System.Text.Json;

namespace MiniOAuth.Client.Dashboard;

/// <summary>The user as the userinfo endpoint describes them; which members come depends on the scopes.</summary>
internal sealed record Profile(string Sub, string Username, string? Name, string? Email, IReadOnlyList<string> Roles)
{
    public static Profile? FromJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "sub") is not { } sub)
            {
                return null;
            }

            var roles = root.TryGetProperty("roles", out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Where(role => role.ValueKind == JsonValueKind.String).Select(role => role.GetString()!).ToList()
                : [];
            return new Profile(sub, Text(root, "username") ?? sub, Text(root, "name"), Text(root, "email"), roles);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
