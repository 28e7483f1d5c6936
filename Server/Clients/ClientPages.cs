using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Admin;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Protocol;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Clients;

/// <summary>The admin console's client pages, and their form read back as a <see cref="NewClient"/>.</summary>
internal static class ClientPages
{
    private static readonly Dictionary<string, string> Notices = new()
    {
        ["saved"] = "Changes saved.",
        ["deleted"] = "Client deleted: its tokens have ended, and its consents and user data are gone.",
    };

    public static ContentHttpResult List(IReadOnlyList<Client> clients, string? notice)
    {
        var rows = string.Concat(clients.Select(client => $"""
            <tr>
              <td><a href="{E(ClientAdminEndpoints.ClientPath(client.Id))}/">{E(client.Name)}</a></td>
              <td><code>{E(client.Id)}</code></td>
              <td>{TypeName(client)}</td>
              <td>{string.Join("<br>", client.RedirectUris.Select(E))}</td>
            </tr>
            """));
        return Page.Render("Clients", $"""
            {AdminEndpoints.Nav}
            <h1>Clients</h1>
            {PageParts.Notice(Notices, notice)}
            <p><a href="/oauth/admin/clients/new/">Register a client</a></p>
            <table>
              <thead><tr><th>Name</th><th>client_id</th><th>Type</th><th>Redirect URIs</th></tr></thead>
              <tbody>{rows}</tbody>
            </table>
            """);
    }

    public static ContentHttpResult New(HttpContext context, NewClient values, FormErrors errors, int status = StatusCodes.Status200OK) =>
        Page.Render("Register a client", $"""
            {AdminEndpoints.Nav}
            <h1>Register a client</h1>
            <form method="post" action="/oauth/admin/clients/">
              {Forms.AntiforgeryField(context)}
              {Fields(values, errors, typeFixed: false)}
              <button type="submit">Register</button>
            </form>
            """, status);

    public static ContentHttpResult Detail(
        HttpContext context, Client client, NewClient values, NewCredentials? credentials, FormErrors errors, string? notice,
        int status = StatusCodes.Status200OK)
    {
        var antiforgery = Forms.AntiforgeryField(context);
        var path = ClientAdminEndpoints.ClientPath(client.Id);
        var rotateSecret = client.IsConfidential ? $"""
            <form method="post" action="{E(path)}/rotate-secret/" class="inline">{antiforgery}<button type="submit" class="secondary">Rotate secret</button></form>
            """ : "";
        return Page.Render(client.Name, $"""
            {AdminEndpoints.Nav}
            <h1>{E(client.Name)}</h1>
            {PageParts.Notice(Notices, notice)}
            {Credentials(credentials)}
            <p>client_id <code>{E(client.Id)}</code> · {TypeName(client)} · registered {client.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}</p>
            <h2>Settings</h2>
            <form method="post" action="{E(path)}/">
              {antiforgery}
              {Fields(values, errors, typeFixed: true)}
              <button type="submit">Save</button>
            </form>
            <h2>Credentials</h2>
            <p class="muted">Rotating makes a new credential, shown once; the old one stops working at once.</p>
            {rotateSecret}
            <form method="post" action="{E(path)}/rotate-api-key/" class="inline">{antiforgery}<button type="submit" class="secondary">Rotate API key</button></form>
            <h2>Delete</h2>
            <p class="muted">Ends every token of this client, and deletes its consents, codes and stored user data.</p>
            <p><a class="button danger" href="{E(path)}/delete/">Delete client…</a></p>
            """, status);
    }

    /// <summary>The page that asks before deleting: it says everything that ends, with the numbers.</summary>
    public static ContentHttpResult ConfirmDelete(HttpContext context, Client client, ClientFootprint footprint)
    {
        var path = ClientAdminEndpoints.ClientPath(client.Id);
        return Page.Render("Delete " + client.Name, $"""
            {AdminEndpoints.Nav}
            <h1>Delete the client {E(client.Name)}?</h1>
            <p>client_id <code>{E(client.Id)}</code> · {TypeName(client)}. Deleting it ends, at once and for good:</p>
            <ul>
              <li>its client_id, secret and API key: the app behind it can no longer sign anyone in, get a token or reach userdata;</li>
              <li>every token issued to it: {Count(footprint.LiveGrants, "live sign-in")} with their access and refresh tokens, its client-credentials tokens and its pending authorization codes;</li>
              <li>the consents of {Count(footprint.Consents, "user")} who allowed it;</li>
              <li>the userdata it stored for {Count(footprint.UserDataEntries, "user")}.</li>
            </ul>
            <p>Registering it again makes a new client_id, secret and API key, which the app must then be given.</p>
            <form method="post" action="{E(path)}/delete/">
              {Forms.AntiforgeryField(context)}
              <button type="submit" class="danger">Delete client</button>
              <a class="button" href="{E(path)}/">Cancel</a>
            </form>
            """);
    }

    private static string Count(int n, string thing) => n == 1 ? $"1 {thing}" : $"{n} {thing}s";

    private static string Credentials(NewCredentials? credentials)
    {
        if (credentials is null)
        {
            return "";
        }

        var secret = credentials.Secret is null ? "" : $"""<dt>client_secret</dt><dd><code id="client-secret">{E(credentials.Secret)}</code></dd>""";
        var apiKey = credentials.ApiKey is null ? "" : $"""<dt>API key</dt><dd><code id="api-key">{E(credentials.ApiKey)}</code></dd>""";
        return $"""
            <div class="credentials" role="status">
              <p><strong>Copy now: shown only this once.</strong> Only a hash is stored.</p>
              <dl>{secret}{apiKey}</dl>
            </div>
            """;
    }

    /// <summary>What a new client form starts with: confidential, every grant and scope, PKCE required.</summary>
    public static NewClient BlankForm { get; } = new("", [], IsPublic: false, GrantTypes.All, Scopes.All, RequirePkce: true);

    /// <summary>
    /// Reads the posted form. On an edit the client itself is given, and its type and resource-server box
    /// are taken from it, not from the form. The grant boxes start all ticked; for a resource server only
    /// <c>client_credentials</c> of them counts, since it has no user grants.
    /// </summary>
    public static NewClient ReadForm(IFormCollection form, Client? existing)
    {
        var isResourceServer = existing?.IsResourceServer ?? form["resource_server"] == "true";
        var grants = form["grant"].OfType<string>().Where(g => !isResourceServer || g == GrantTypes.ClientCredentials);
        return new(
            form["name"].ToString().Trim(),
            [.. form["redirect_uris"].ToString().Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)],
            existing is null ? form["type"] == "public" : !existing.IsConfidential,
            [.. grants],
            [.. form["scope"].OfType<string>()],
            form["require_pkce"] == "true",
            isResourceServer);
    }

    public static NewClient FormOf(Client client) => new(
        client.Name, client.RedirectUris, !client.IsConfidential, client.AllowedGrants, client.AllowedScopes, client.RequirePkce,
        client.IsResourceServer);

    private static string Fields(NewClient values, FormErrors errors, bool typeFixed)
    {
        var type = typeFixed
            ? $"""<p>Type: <strong>{TypeName(!values.IsPublic, values.IsResourceServer)}</strong> <span class="muted">(to change it, register a new client)</span></p>"""
            : $"""
              <fieldset><legend>Type</legend>
                <label class="check"><input type="radio" name="type" value="confidential"{Checked(!values.IsPublic)}> Confidential: a server that keeps a secret</label>
                <label class="check"><input type="radio" name="type" value="public"{Checked(values.IsPublic)}> Public: a browser or mobile app; no secret, PKCE required</label>
                <label class="check"><input type="checkbox" name="resource_server" value="true"{Checked(values.IsResourceServer)}> Resource server: a protected API (confidential) that may introspect every token of this server; no redirect URIs, and of the grants only client_credentials</label>
              </fieldset>
              {errors.For(nameof(NewClient.IsPublic))}
              """;
        return $"""
            <label for="name">Name</label>
            <input type="text" id="name" name="name" value="{E(values.Name)}" required maxlength="{NewClientValidator.MaxNameLength}">
            {errors.For(nameof(NewClient.Name))}
            {type}
            <label for="redirect_uris">Redirect URIs, one per line (compared exactly; none for a resource server)</label>
            <textarea id="redirect_uris" name="redirect_uris" rows="3">{E(string.Join('\n', values.RedirectUris))}</textarea>
            {errors.For(nameof(NewClient.RedirectUris))}
            <fieldset><legend>Grants</legend>{Checkboxes("grant", GrantTypes.All, values.Grants)}</fieldset>
            {errors.For(nameof(NewClient.Grants))}
            <fieldset><legend>Scopes</legend>{Checkboxes("scope", Scopes.All, values.Scopes)}</fieldset>
            {errors.For(nameof(NewClient.Scopes))}
            <label class="check"><input type="checkbox" name="require_pkce" value="true"{Checked(values.RequirePkce != false)}> Require PKCE (RFC 7636); public clients always do</label>
            {errors.For(nameof(NewClient.RequirePkce))}
            """;
    }

    private static string Checkboxes(string name, IEnumerable<string> all, IReadOnlyList<string>? chosen) =>
        string.Concat(all.Select(value =>
            $"""<label class="check"><input type="checkbox" name="{name}" value="{E(value)}"{Checked(chosen?.Contains(value) ?? true)}> <code>{E(value)}</code></label>"""));

    private static string Checked(bool on) => on ? " checked" : "";

    private static string TypeName(Client client) => TypeName(client.IsConfidential, client.IsResourceServer);

    private static string TypeName(bool isConfidential, bool isResourceServer) =>
        isResourceServer ? "confidential, resource server" : isConfidential ? "confidential" : "public";
}
