using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Clients;

/// <summary>The fields of the admin console's client form, to and from <see cref="NewClient"/>.</summary>
internal static class ClientForm
{
    /// <summary>What a new client form starts with: confidential, every grant and scope, PKCE required.</summary>
    public static NewClient Blank { get; } = new("", [], IsPublic: false, Protocol.GrantTypes.All, Protocol.Scopes.All, RequirePkce: true);

    /// <summary>Reads the posted form. On an edit the client's own type is given, and the form's is ignored.</summary>
    public static NewClient Read(IFormCollection form, bool? isPublic) => new(
        form["name"].ToString().Trim(),
        Lines(form["redirect_uris"].ToString()),
        isPublic ?? form["type"] == "public",
        [.. form["grant"].OfType<string>()],
        [.. form["scope"].OfType<string>()],
        form["require_pkce"] == "true");

    public static NewClient From(Client client) => new(
        client.Name, client.RedirectUris, !client.IsConfidential, client.AllowedGrants, client.AllowedScopes, client.RequirePkce);

    private static string[] Lines(string text) =>
        [.. text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];
}
