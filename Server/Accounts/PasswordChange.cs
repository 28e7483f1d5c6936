using FluentValidation;

namespace MiniOAuth.Server.Accounts;

/// <summary>The change-password form; the username comes from the session, not from the form.</summary>
public sealed record PasswordChangeRequest(string Username, string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

internal sealed class PasswordChangeRequestValidator : AbstractValidator<PasswordChangeRequest>
{
    public PasswordChangeRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().WithMessage("Enter your current password.")
            .MaximumLength(Login.MaxPasswordLength).WithMessage("The current password is wrong.");
        RuleFor(r => r.NewPassword).Cascade(CascadeMode.Stop).ChosenPassword(r => r.Username);
        RuleFor(r => r.ConfirmPassword).Equal(r => r.NewPassword).WithMessage("The two new passwords differ.");
    }
}
