using FluentValidation;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Clients;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Server.Cli;

/// <summary>The commands of <see cref="CommandLine"/>.</summary>
internal static class AdminCommands
{
    public static readonly Command[] All =
    [
        new("create-client", "Registers a client and prints its id, secret and API key (shown once).",
            "create-client --name N --redirect-uri U [--redirect-uri U2 …] [--public] [--json]",
            ["--name", "--redirect-uri"], ["--public"], CreateClientAsync),
        new("create-user", "Creates a user.",
            "create-user --username U --password P [--role R …] [--email E] [--display-name N] [--json]",
            ["--username", "--password", "--role", "--email", "--display-name"], [], CreateUserAsync),
        new("seed-demo", "Adds the demo clients and users of the contract where missing (safe to run twice).",
            "seed-demo [--json]", [], [], SeedDemoAsync),
        new("rotate-signing-key", "Adds a new signing key; the old one stays published until its tokens expire.",
            "rotate-signing-key [--json]", [], [], RotateSigningKeyAsync),
    ];

    private static async Task<int> CreateClientAsync(CommandContext context)
    {
        var args = context.Arguments;
        var request = new NewClient(args.Value("--name"), args.Values("--redirect-uri"), args.Has("--public"));
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
            ["redirect_uris"] = registered.Client.RedirectUris,
        });
        if (!context.Json)
        {
            context.Out.WriteLine("The secret and API key are shown only now: store them safely.");
        }

        return 0;
    }

    private static async Task<int> CreateUserAsync(CommandContext context)
    {
        var args = context.Arguments;
        var request = new NewUser(args.Value("--username"), args.Value("--password"), args.Value("--email"),
            args.Value("--display-name"), args.Values("--role"));
        if (await Invalid(context, request) is { } error)
        {
            return error;
        }

        var registration = Get<UserRegistration>(context);
        if (await registration.ExistsAsync(request.Username!))
        {
            return context.Fail($"A user named '{request.Username}' already exists.");
        }

        var user = await registration.CreateAsync(request);
        context.Write(new Dictionary<string, object?> { ["id"] = user.Id, ["username"] = user.Username, ["roles"] = user.Roles });
        return 0;
    }

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
        var kid = await SigningKeys.RotateAsync(Get<MiniOAuthDb>(context), now);
        context.Write(new Dictionary<string, object?> { ["kid"] = kid });
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
}
