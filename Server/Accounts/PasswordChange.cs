using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;

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

/// <summary>Sets a new password and ends everything the old one gave: sessions, refresh and access tokens.</summary>
internal sealed class PasswordChange(MiniOAuthDb db, Passwords passwords, UserAccess access)
{
    public async Task ChangeAsync(string userId, string newPassword, CancellationToken ct = default)
    {
        var hash = passwords.Hash(newPassword);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.PasswordHash, hash), ct);
        await access.EndAllAsync(userId, ct);
        await transaction.CommitAsync(ct);
    }
}
