using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Clients;

/// <summary>The fields of the admin console's client form, to and from <see cref="NewClient"/>.</summary>
internal static class ClientForm
{
    /// <summary>What a new client form starts with: confidential, every grant and scope, PKCE required.</summary>
    public static NewClient Blank { get; } = new("", [], IsPublic: false, GrantTypes.All, Scopes.All, RequirePkce: true);

    /// <summary>
    /// Reads the posted form. On an edit the client itself is given, and its type and resource-server box
    /// are taken from it, not from the form. The grant boxes start all ticked; for a resource server only
    /// <c>client_credentials</c> of them counts, since it has no user grants.
    /// </summary>
    public static NewClient Read(IFormCollection form, Client? existing)
    {
        var isResourceServer = existing?.IsResourceServer ?? form["resource_server"] == "true";
        var grants = form["grant"].OfType<string>().Where(g => !isResourceServer || g == GrantTypes.ClientCredentials);
        return new(
            form["name"].ToString().Trim(),
            Lines(form["redirect_uris"].ToString()),
            existing is null ? form["type"] == "public" : !existing.IsConfidential,
            [.. grants],
            [.. form["scope"].OfType<string>()],
            form["require_pkce"] == "true",
            isResourceServer);
    }

    public static NewClient From(Client client) => new(
        client.Name, client.RedirectUris, !client.IsConfidential, client.AllowedGrants, client.AllowedScopes, client.RequirePkce,
        client.IsResourceServer);

    private static string[] Lines(string text) =>
        [.. text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];
}
