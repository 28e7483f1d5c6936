using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Admin;

/// <summary>A user's new set of roles (it replaces the old one).</summary>
public sealed record RoleChange(IReadOnlyList<string> Roles)
{
    /// <summary>Roles as typed in a form: separated by spaces or commas.</summary>
    public static RoleChange Parse(string? text) =>
        new((text ?? "").Split([' ', ',', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray());
}

internal sealed class RoleChangeValidator : AbstractValidator<RoleChange>
{
    public const int MaxRoles = 16;

    public RoleChangeValidator()
    {
        RuleFor(r => r.Roles).NotEmpty().WithMessage("Give at least one role.")
            .Must(roles => roles.Count <= MaxRoles).WithMessage($"At most {MaxRoles} roles.");
        RuleForEach(r => r.Roles).Matches(NewUserValidator.RolePattern).WithMessage(NewUserValidator.RoleRule);
    }
}

/// <summary>What an administrator does to users; the admin pages and the command line both go through here.</summary>
internal sealed class UserAdministration(MiniOAuthDb db, UserAccess access)
{
    public Task<List<User>> ListAsync(CancellationToken ct = default) =>
        db.Users.AsNoTracking().OrderBy(u => u.NormalizedUsername).ToListAsync(ct);

    public Task<User?> FindByUsernameAsync(string username, CancellationToken ct = default) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUsername == username.ToLowerInvariant(), ct);

    /// <summary>Replaces the user's roles; false when there is no such user. The next request sees them.</summary>
    public async Task<bool> SetRolesAsync(string userId, RoleChange change, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return false;
        }

        user.Roles = [.. change.Roles.Distinct()];
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Disables a user: they can no longer log in, and their sessions, refresh tokens and access tokens
    /// end in the same transaction (the contract's rule for disabling).
    /// </summary>
    public async Task<bool> DisableAsync(string userId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsDisabled, true), ct) == 0)
        {
            return false;
        }

        await access.EndAllAsync(userId, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Lets a disabled user log in again; nothing that was ended comes back.</summary>
    public async Task<bool> EnableAsync(string userId, CancellationToken ct = default) =>
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsDisabled, false), ct) > 0;
}
