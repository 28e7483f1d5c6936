using System.Text.Json.Serialization;
using FluentValidation;

namespace MiniOAuth.Server.Accounts;

/// <summary>The body of a JSON login, or the fields of the login form.</summary>
public sealed record LoginRequest(
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("password")] string? Password);

internal sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().MaximumLength(Login.MaxUsernameLength);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(Login.MaxPasswordLength);
    }
}
