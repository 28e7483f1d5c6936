using FluentValidation;

namespace MiniOAuth.Server.Accounts;

/// <summary>What a password chosen by a person must be, at sign-up and at every change.</summary>
internal static class PasswordRules
{
    public const int MinimumLength = 10;

    /// <summary>At least <see cref="MinimumLength"/> characters, at most what login accepts, and not the username.</summary>
    public static IRuleBuilderOptions<T, string?> ChosenPassword<T>(this IRuleBuilder<T, string?> rule, Func<T, string?> username) =>
        rule.NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(MinimumLength).WithMessage($"The password needs at least {MinimumLength} characters.")
            .MaximumLength(Login.MaxPasswordLength).WithMessage($"The password has at most {Login.MaxPasswordLength} characters.")
            .Must((request, password) => !string.Equals(password, username(request), StringComparison.OrdinalIgnoreCase))
            .WithMessage("The password must not be the username.");
}
