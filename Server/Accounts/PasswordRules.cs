using System.Text;
using FluentValidation;

namespace MiniOAuth.Server.Accounts;

/// <summary>What a password chosen by a person must be, at sign-up and at every change.</summary>
internal static class PasswordRules
{
    public const int MinimumLength = 10;

    /// <summary>BCrypt reads this many bytes of a password and ignores the rest.</summary>
    public const int MaximumBytes = 72;

    /// <summary>
    /// At least <see cref="MinimumLength"/> characters, at most the <see cref="MaximumBytes"/> that BCrypt
    /// reads (longer ones would match any password that starts the same), and not the username.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> ChosenPassword<T>(this IRuleBuilder<T, string?> rule, Func<T, string?> username) =>
        rule.NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(MinimumLength).WithMessage($"The password needs at least {MinimumLength} characters.")
            .Must(password => Encoding.UTF8.GetByteCount(password!) <= MaximumBytes)
            .WithMessage($"The password is too long: at most {MaximumBytes} plain letters, digits and signs, fewer with accented or other characters.")
            .Must((request, password) => !string.Equals(password, username(request), StringComparison.OrdinalIgnoreCase))
            .WithMessage("The password must not be the username.");
}
