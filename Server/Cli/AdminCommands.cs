using FluentValidation;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Server.Cli;

/// <summary>
/// The commands of <see cref="CommandLine"/>. Each one only translates arguments to the same services
/// the admin pages use (<c>ClientRegistration</c>, <c>UserRegistration</c>, <c>UserAdministration</c>).
/// </summary>
internal static partial class AdminCommands
{
    public static readonly Command[] All =
    [
        new("create-client", "Registers a client and prints its id, secret and API key (shown once).",
            "create-client --name N --redirect-uri U [--redirect-uri U2 …] [--public] [--grant G …] [--scope S …] [--pkce-optional] [--json]\n"
            + "       create-client --name N --resource-server [--grant client_credentials] [--scope S …] [--json]  (a protected API: no redirect URI; may introspect every token)",
            ["--name", "--redirect-uri", "--grant", "--scope"], ["--public", "--pkce-optional", "--resource-server"], CreateClientAsync),
        new("list-clients", "Lists the registered clients (never their secrets).",
            "list-clients [--json]", [], [], ListClientsAsync),
        new("rotate-client-secret", "Gives a confidential client a new secret (shown once); the old one stops working at once.",
            "rotate-client-secret --client-id ID [--json]", ["--client-id"], [],
            context => RotateAsync(context, "client_secret", (clients, id) => clients.RotateSecretAsync(id))),
        new("rotate-api-key", "Gives a client a new userdata API key (shown once); the old one stops working at once.",
            "rotate-api-key --client-id ID [--json]", ["--client-id"], [],
            context => RotateAsync(context, "api_key", (clients, id) => clients.RotateApiKeyAsync(id))),
        new("delete-client", "Deletes a client: ends its tokens, deletes its consents, codes, refresh tokens and userdata.",
            "delete-client --client-id ID [--json]", ["--client-id"], [], DeleteClientAsync),
        new("create-user", "Creates a user.",
            "create-user --username U --password P|- [--role R …] [--email E] [--display-name N] [--json]  (- reads the password from standard input, out of the command line and shell history)",
            ["--username", "--password", "--role", "--email", "--display-name"], [], CreateUserAsync),
        new("set-role", "Replaces a user's roles with the ones given.",
            "set-role --username U --role R [--role R2 …] [--json]", ["--username", "--role"], [], SetRoleAsync),
        new("disable-user", "Disables a user: ends their sessions and tokens; they can no longer log in.",
            "disable-user --username U [--json]", ["--username"], [],
            context => SetDisabledAsync(context, disabled: true, (users, id) => users.DisableAsync(id))),
        new("enable-user", "Lets a disabled user log in again.",
            "enable-user --username U [--json]", ["--username"], [],
            context => SetDisabledAsync(context, disabled: false, (users, id) => users.EnableAsync(id))),
        new("seed-demo", "Adds the demo clients and users of the contract where missing (safe to run twice).",
            "seed-demo [--json]", [], [], SeedDemoAsync),
        new("rotate-signing-key", "Adds a new signing key; the old one stays published until its tokens expire.",
            "rotate-signing-key [--json]", [], [], RotateSigningKeyAsync),
    ];

    private static async Task<int> SeedDemoAsync(CommandContext context)
    {
        var now = Get<TimeProvider>(context).GetUtcNow().UtcDateTime;
        var added = await DemoData.SeedAsync(Get<MiniOAuthDb>(context), Get<Passwords>(context), now);
        context.Write(new Dictionary<string, object?> { ["added"] = added });
        return 0;
    }

    private static async Task<int> RotateSigningKeyAsync(CommandContext context)
    {
        var now = Get<TimeProvider>(context).GetUtcNow().UtcDateTime;
        var (kid, signsFrom) = await SigningKeys.RotateAsync(Get<MiniOAuthDb>(context), now);
        // Publish before sign: every instance lists the new key in its JWKS before any signs with it.
        context.Write(new Dictionary<string, object?>
        {
            ["kid"] = kid, ["published"] = "now, on every instance within a minute", ["signs_from"] = signsFrom.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        });
        return 0;
    }

    private static T Get<T>(CommandContext context) where T : notnull => context.Services.GetRequiredService<T>();

    /// <summary>Runs the request's validator; on failure prints every message and returns the usage exit code.</summary>
    private static async Task<int?> Invalid<T>(CommandContext context, T request)
    {
        var result = await Get<IValidator<T>>(context).ValidateAsync(request);
        foreach (var failure in result.Errors)
        {
            context.Error.WriteLine($"error: {failure.ErrorMessage}");
        }

        return result.IsValid ? null : CommandLine.UsageError;
    }

    /// <summary>The value of an option the command cannot do without; null (and a message) when it is missing.</summary>
    private static string? Required(CommandContext context, string option)
    {
        if (context.Arguments.Value(option) is { Length: > 0 } value)
        {
            return value;
        }

        context.Error.WriteLine($"error: {option} is required.");
        return null;
    }
}
