using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace OpenDvc.Accounts.Users;

/// <summary>Tells Accounts whether a unit code exists; implemented by the Registry, which comes after Accounts.</summary>
public interface IUnitDirectory
{
    Task<bool> ExistsAsync(string unitCode, CancellationToken cancellationToken);
}

/// <summary>An expected refusal with a stable code, in both languages.</summary>
public sealed record AccountError(string Code, string Vietnamese, string English);

/// <summary>Adding users, changing roles and passwords: shared by the CLI and the admin pages.</summary>
public sealed class UserAdministration(UserManager<User> users, IUnitDirectory units)
{
    public async Task<AccountError?> AddAsync(string userName, string displayName, string role, string? unitCode, string password, CancellationToken cancellationToken)
    {
        var error = await CheckRoleAndUnitAsync(role, unitCode, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            return new AccountError("OD-USER-EXISTS", $"Tài khoản '{userName}' đã tồn tại.", $"User '{userName}' already exists.");
        }

        var user = new User { UserName = userName, DisplayName = displayName, UnitCode = unitCode };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Failed(created);
        }

        return Failed(await users.AddToRoleAsync(user, role));
    }

    public async Task<AccountError?> SetRoleAsync(string userName, string role, string? unitCode, CancellationToken cancellationToken)
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

        user.UnitCode = unitCode;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return Failed(updated);
        }

        var removed = await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        return removed.Succeeded ? Failed(await users.AddToRoleAsync(user, role)) : Failed(removed);
    }

    public async Task<AccountError?> ResetPasswordAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return NotFound(userName);
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (reset.Succeeded)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }

        return Failed(reset);
    }

    public async Task<IReadOnlyList<(User User, string Role)>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var result = new List<(User, string)>(all.Count);
        foreach (var user in all)
        {
            result.Add((user, string.Join(',', await users.GetRolesAsync(user))));
        }

        return result;
    }

    private async Task<AccountError?> CheckRoleAndUnitAsync(string role, string? unitCode, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role))
        {
            return new AccountError("OD-ROLE-UNKNOWN", $"Vai trò '{role}' không tồn tại (admin, reviewer, focal_point, viewer).", $"Unknown role '{role}' (admin, reviewer, focal_point, viewer).");
        }

        if (role == Roles.FocalPoint && string.IsNullOrWhiteSpace(unitCode))
        {
            return new AccountError("OD-FOCAL-POINT-NEEDS-UNIT", "Đầu mối phải gắn với một đơn vị (--unit).", "A focal point must be bound to a unit (--unit).");
        }

        if (role != Roles.FocalPoint && !string.IsNullOrWhiteSpace(unitCode))
        {
            return new AccountError("OD-UNIT-ONLY-FOR-FOCAL-POINT", "Chỉ đầu mối mới gắn với đơn vị.", "Only a focal point is bound to a unit.");
        }

        if (unitCode is not null && !await units.ExistsAsync(unitCode, cancellationToken))
        {
            return new AccountError("OD-UNIT-UNKNOWN", $"Không có đơn vị mã '{unitCode}'.", $"No unit with code '{unitCode}'.");
        }

        return null;
    }

    private static AccountError NotFound(string userName) =>
        new("OD-USER-NOT-FOUND", $"Không có tài khoản '{userName}'.", $"No user '{userName}'.");

    private static AccountError? Failed(IdentityResult result) => result.Succeeded
        ? null
        : new AccountError(
            "OD-USER-INVALID",
            "Không hợp lệ: " + string.Join("; ", result.Errors.Select(e => e.Description)),
            "Invalid: " + string.Join("; ", result.Errors.Select(e => e.Description)));
}
