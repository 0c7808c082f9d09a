using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Accounts.Users;

/// <summary>Tells Accounts whether a unit code exists; implemented by the Registry, which comes after Accounts.</summary>
public interface IUnitDirectory
{
    Task<bool> ExistsAsync(string unitCode, CancellationToken cancellationToken);
}

/// <summary>A user as the admin pages, the API and the CLI show it: never a hash or a stamp.</summary>
public sealed record UserView(string UserName, string DisplayName, string Role, string? UnitCode, bool LockedOut, DateTimeOffset? LockoutEnd);

/// <summary>
/// Adding users, changing roles and passwords, unlocking: shared by the CLI, the admin pages and the API.
/// Role memberships and password changes are written to the audit log here, because the interceptor sees
/// neither (user_roles is an Identity table; a password change touches only secrets).
/// </summary>
public sealed class UserAdministration(UserManager<User> users, IUnitDirectory units, OpenDvcDbContext db, AuditTrail audit, TimeProvider time)
{
    public const string RoleEntity = "UserRole";

    public async Task<Refusal?> AddAsync(string userName, string displayName, string role, string? unitCode, string password, CancellationToken cancellationToken)
    {
        var error = await CheckRoleAndUnitAsync(role, unitCode, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            return Refusal.Of(AccountCodes.UserExists, userName);
        }

        var user = new User { UserName = userName, DisplayName = displayName, UnitCode = unitCode };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Failed(created);
        }

        var added = await users.AddToRoleAsync(user, role);
        if (added.Succeeded)
        {
            audit.Record("create", RoleEntity, userName, unitCode, null, new { Role = role, UnitCode = unitCode });
            await db.SaveChangesAsync(cancellationToken);
        }

        return Failed(added);
    }

    public async Task<Refusal?> SetRoleAsync(string userName, string role, string? unitCode, CancellationToken cancellationToken)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return NotFound(userName);
        }

        var error = await CheckRoleAndUnitAsync(role, unitCode, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var before = new { Role = string.Join(',', await users.GetRolesAsync(user)), user.UnitCode };
        user.UnitCode = unitCode;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return Failed(updated);
        }

        var removed = await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        var result = removed.Succeeded ? await users.AddToRoleAsync(user, role) : removed;
        if (result.Succeeded)
        {
            audit.Record("update", RoleEntity, userName, unitCode ?? before.UnitCode, before, new { Role = role, UnitCode = unitCode });

            // A changed role or unit must not live on in a cookie issued before the change.
            await users.UpdateSecurityStampAsync(user);
        }

        return Failed(result);
    }

    public async Task<Refusal?> ResetPasswordAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return NotFound(userName);
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        audit.Record("reset-password", nameof(User), userName, user.UnitCode, null, null);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Failed(reset);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return null;
    }

    /// <summary>A user changes their own password; the current one is required.</summary>
    public async Task<Refusal?> ChangeOwnPasswordAsync(User user, string currentPassword, string newPassword)
    {
        audit.Record("change-password", nameof(User), user.UserName!, user.UnitCode, null, null);
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            db.ChangeTracker.Clear();
            return changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? Refusal.Of(AccountCodes.PasswordWrong)
                : Failed(changed);
        }

        return null;
    }

    public async Task<Refusal?> UnlockAsync(string userName)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return NotFound(userName);
        }

        var unlocked = await users.SetLockoutEndDateAsync(user, null);
        return Failed(unlocked.Succeeded ? await users.ResetAccessFailedCountAsync(user) : unlocked);
    }

    public async Task<UserView?> FindAsync(string userName, CancellationToken cancellationToken) =>
        (await QueryAsync(userName, cancellationToken)).SingleOrDefault();

    /// <summary>Every user with their role, by login name (one query; a user has one role).</summary>
    public Task<List<UserView>> ListAsync(CancellationToken cancellationToken) => QueryAsync(null, cancellationToken);

    private async Task<List<UserView>> QueryAsync(string? userName, CancellationToken cancellationToken)
    {
        var normalized = userName is null ? null : users.NormalizeName(userName);
        var rows = await (
            from u in db.Set<User>().AsNoTracking()
            where normalized == null || u.NormalizedUserName == normalized
            join ur in db.Set<IdentityUserRole<string>>() on u.Id equals ur.UserId into memberships
            from ur in memberships.DefaultIfEmpty()
            join r in db.Set<IdentityRole>() on ur.RoleId equals r.Id into roles
            from r in roles.DefaultIfEmpty()
            orderby u.UserName
            select new { u.UserName, u.DisplayName, Role = r == null ? null : r.Name, u.UnitCode, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return rows
            .GroupBy(r => r.UserName)
            .Select(g => g.First() with { Role = string.Join(',', g.Select(r => r.Role).OfType<string>().Order(StringComparer.Ordinal)) })
            .Select(r => new UserView(r.UserName!, r.DisplayName, r.Role ?? "", r.UnitCode, r.LockoutEnd > now, r.LockoutEnd > now ? r.LockoutEnd : null))
            .ToList();
    }

    private async Task<Refusal?> CheckRoleAndUnitAsync(string role, string? unitCode, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role))
        {
            return Refusal.Of(AccountCodes.RoleUnknown, role);
        }

        if (role == Roles.FocalPoint && string.IsNullOrWhiteSpace(unitCode))
        {
            return Refusal.Of(AccountCodes.FocalPointNeedsUnit);
        }

        // A reviewer may belong to a unit: an appraisal expert from a ministry or province, never given that unit's nominations.
        if (role is not (Roles.FocalPoint or Roles.Reviewer) && !string.IsNullOrWhiteSpace(unitCode))
        {
            return Refusal.Of(AccountCodes.UnitOnlyForFocalPoint);
        }

        if (unitCode is not null && !await units.ExistsAsync(unitCode, cancellationToken))
        {
            return Refusal.Of(PlatformCodes.UnitUnknown, unitCode) with { Status = StatusCodes.Status400BadRequest };
        }

        return null;
    }

    public static Refusal NotFound(string userName) => Refusal.Of(AccountCodes.UserNotFound, userName);

    private static Refusal? Failed(IdentityResult result) => result.Succeeded
        ? null
        : Refusal.Of(AccountCodes.UserInvalid, string.Join("; ", result.Errors.Select(e => e.Description)));
}
