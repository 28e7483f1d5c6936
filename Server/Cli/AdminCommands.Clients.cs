using System.Text.Json;
using MiniOAuth.Server.Clients;

namespace MiniOAuth.Server.Cli;

/// <summary>The client commands: register, list, rotate credentials, delete.</summary>
internal static partial class AdminCommands
{
    private static async Task<int> CreateClientAsync(CommandContext context)
    {
        var args = context.Arguments;
        var request = new NewClient(args.Value("--name"), args.Values("--redirect-uri"), args.Has("--public"),
            args.Values("--grant") is { Count: > 0 } grants ? grants : null,
            args.Values("--scope") is { Count: > 0 } scopes ? scopes : null,
            args.Has("--pkce-optional") ? false : null,
            args.Has("--resource-server"));
        if (await Invalid(context, request) is { } error)
        {
            return error;
        }

        var registered = await Get<ClientRegistration>(context).CreateAsync(request);
        context.Write(new Dictionary<string, object?>
        {
            ["client_id"] = registered.Client.Id,
            ["client_secret"] = registered.Secret,
            ["api_key"] = registered.ApiKey,
            ["type"] = registered.Client.IsConfidential ? "confidential" : "public",
            ["resource_server"] = registered.Client.IsResourceServer,
            ["redirect_uris"] = registered.Client.RedirectUris,
            ["grants"] = registered.Client.AllowedGrants,
            ["scopes"] = registered.Client.AllowedScopes,
            ["require_pkce"] = registered.Client.RequirePkce,
        });
        if (!context.Json)
        {
            context.Out.WriteLine("The secret and API key are shown only now: store them safely.");
        }

        return 0;
    }

    private static async Task<int> ListClientsAsync(CommandContext context)
    {
        var clients = await Get<ClientRegistration>(context).ListAsync();
        if (context.Json)
        {
            // A JSON array, one object per client, for scripts: `… list-clients --json | jq -r '.[].client_id'`.
            context.Out.WriteLine(JsonSerializer.Serialize(clients.Select(c => new Dictionary<string, object?>
            {
                ["client_id"] = c.Id,
                ["name"] = c.Name,
                ["type"] = c.IsConfidential ? "confidential" : "public",
                ["resource_server"] = c.IsResourceServer,
                ["redirect_uris"] = c.RedirectUris,
                ["grants"] = c.AllowedGrants,
                ["scopes"] = c.AllowedScopes,
                ["require_pkce"] = c.RequirePkce,
            })));
            return 0;
        }

        foreach (var client in clients)
        {
            var type = client.IsResourceServer ? "confidential, resource server" : client.IsConfidential ? "confidential" : "public";
            context.Out.WriteLine($"{client.Id}\t{type}\t{client.Name}");
        }

        return 0;
    }

    private static async Task<int> RotateAsync(
        CommandContext context, string name, Func<ClientRegistration, string, Task<Rotation>> rotate)
    {
        if (Required(context, "--client-id") is not { } clientId)
        {
            return CommandLine.UsageError;
        }

        var rotation = await rotate(Get<ClientRegistration>(context), clientId);
        if (rotation.Credential is null)
        {
            return context.Fail(rotation.Error!);
        }

        context.Write(new Dictionary<string, object?> { ["client_id"] = clientId, [name] = rotation.Credential });
        return 0;
    }

    private static async Task<int> DeleteClientAsync(CommandContext context)
    {
        if (Required(context, "--client-id") is not { } clientId)
        {
            return CommandLine.UsageError;
        }

        if (!await Get<ClientRegistration>(context).DeleteAsync(clientId))
        {
            return context.Fail(Rotation.UnknownClient(clientId).Error!);
        }

        context.Write(new Dictionary<string, object?> { ["client_id"] = clientId, ["deleted"] = true });
        return 0;
    }
}
