using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Accounts;

/// <summary>What is needed to create a user.</summary>
public sealed record NewUser(string? Username, string? Password, string? Email, string? Name, IReadOnlyList<string> Roles);

internal sealed class NewUserValidator : AbstractValidator<NewUser>
{
    public const string UsernamePattern = "^[A-Za-z0-9_.-]{3,64}$";
    public const string UsernameRule = "Username: 3 to 64 letters, digits, '.', '_' or '-'.";
    public const string RolePattern = "^[a-z][a-z0-9_-]{0,31}$";
    public const string RoleRule = "Role '{PropertyValue}': lower-case letters, digits, '_' or '-', at most 32.";

    public NewUserValidator()
    {
        RuleFor(u => u.Username).NotEmpty().Matches(UsernamePattern).WithMessage(UsernameRule);
        RuleFor(u => u.Password).Cascade(CascadeMode.Stop).ChosenPassword(u => u.Username);
        RuleFor(u => u.Email).EmailAddress().MaximumLength(254).When(u => !string.IsNullOrEmpty(u.Email));
        RuleFor(u => u.Name).MaximumLength(100);
        RuleForEach(u => u.Roles).Matches(RolePattern).WithMessage(RoleRule);
    }
}

/// <summary>Creates users, with BCrypt password hashes.</summary>
internal sealed class UserRegistration(MiniOAuthDb db, Passwords passwords, TimeProvider clock)
{
    public Task<bool> ExistsAsync(string username, CancellationToken ct = default) =>
        db.Users.AnyAsync(u => u.NormalizedUsername == username.ToLowerInvariant(), ct);

    public async Task<User> CreateAsync(NewUser request, CancellationToken ct = default)
    {
        var user = new User
        {
            Id = Guid.NewGuid().ToString("N"),
            Username = request.Username!,
            NormalizedUsername = request.Username!.ToLowerInvariant(),
            Name = string.IsNullOrEmpty(request.Name) ? request.Username! : request.Name,
            Email = request.Email ?? "",
            PasswordHash = passwords.Hash(request.Password!),
            Roles = request.Roles.Count > 0 ? [.. request.Roles.Distinct()] : [UserRoles.User],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }
}
