using FluentValidation;

namespace MiniOAuth.Server.Accounts;

/// <summary>The sign-up form.</summary>
public sealed record SignUpRequest(string? Username, string? Email, string? Password);

internal sealed class SignUpRequestValidator : AbstractValidator<SignUpRequest>
{
    public const int MaxEmailLength = 254;

    public SignUpRequestValidator(UserRegistration registration)
    {
        RuleFor(r => r.Username).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Choose a username.")
            .Matches(NewUserValidator.UsernamePattern).WithMessage(NewUserValidator.UsernameRule)
            .MustAsync(async (username, ct) => !await registration.ExistsAsync(username!, ct))
            .WithMessage("This username is taken.");
        RuleFor(r => r.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your email address.")
            .MaximumLength(MaxEmailLength).WithMessage($"The email address has at most {MaxEmailLength} characters.")
            .EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(r => r.Password).Cascade(CascadeMode.Stop).ChosenPassword(r => r.Username);
    }
}
