using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Admin;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Cli;

/// <summary>The user commands: create, set roles, disable and enable.</summary>
internal static partial class AdminCommands
{
    private static async Task<int> CreateUserAsync(CommandContext context)
    {
        var args = context.Arguments;
        // "-": the first line of standard input, so that the password is in no process list or shell history.
        var password = args.Value("--password") is "-" ? await context.In.ReadLineAsync() : args.Value("--password");
        var request = new NewUser(args.Value("--username"), password, args.Value("--email"),
            args.Value("--display-name"), args.Values("--role"));
        if (await Invalid(context, request) is { } error)
        {
            return error;
        }

        if (args.Value("--password") is not "-")
        {
            context.Error.WriteLine("warning: a password on the command line shows in the process list and the shell history; "
                + "--password - reads it from standard input, which is safer.");
        }

        var registration = Get<UserRegistration>(context);
        if (await registration.ExistsAsync(request.Username!))
        {
            return context.Fail($"A user named '{request.Username}' already exists.");
        }

        var user = await registration.CreateAsync(request);
        WriteUser(context, user, user.Roles);
        return 0;
    }

    private static async Task<int> SetRoleAsync(CommandContext context)
    {
        if (Required(context, "--username") is not { } username)
        {
            return CommandLine.UsageError;
        }

        var change = new RoleChange([.. context.Arguments.Values("--role").Distinct()]);
        if (await Invalid(context, change) is { } error)
        {
            return error;
        }

        var users = Get<UserAdministration>(context);
        if (await users.FindByUsernameAsync(username) is not { } user)
        {
            return NoSuchUser(context, username);
        }

        await users.SetRolesAsync(user.Id, change);
        WriteUser(context, user, change.Roles);
        return 0;
    }

    private static async Task<int> SetDisabledAsync(
        CommandContext context, bool disabled, Func<UserAdministration, string, Task<bool>> change)
    {
        if (Required(context, "--username") is not { } username)
        {
            return CommandLine.UsageError;
        }

        var users = Get<UserAdministration>(context);
        if (await users.FindByUsernameAsync(username) is not { } user || !await change(users, user.Id))
        {
            return NoSuchUser(context, username);
        }

        context.Write(new Dictionary<string, object?> { ["id"] = user.Id, ["username"] = user.Username, ["disabled"] = disabled });
        return 0;
    }

    private static void WriteUser(CommandContext context, User user, IReadOnlyList<string> roles) =>
        context.Write(new Dictionary<string, object?> { ["id"] = user.Id, ["username"] = user.Username, ["roles"] = roles });

    private static int NoSuchUser(CommandContext context, string username) => context.Fail($"No user is named '{username}'.");
}
