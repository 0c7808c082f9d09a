using System.Security.Claims;
using OpenDvc.Accounts.Users;

namespace OpenDvc.Accounts;

/// <summary>
/// The one place that decides which unit's data a caller may see or change. A focal point or an API key is
/// bound to one unit; agency staff see every unit; only admins and the unit's own focal point change a unit's data.
/// </summary>
public static class UnitAccess
{
    /// <summary>Claim holding the unit a focal point or API key is bound to.</summary>
    public const string UnitClaim = "opendvc:unit";

    public static string? UnitOf(ClaimsPrincipal user) => user.FindFirstValue(UnitClaim);

    public static bool IsStaff(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Reviewer) || user.IsInRole(Roles.Viewer);

    /// <summary>May read a unit's non-public data (drafts, contacts, quarantine...).</summary>
    public static bool CanRead(ClaimsPrincipal user, string unitCode) =>
        IsStaff(user) || string.Equals(UnitOf(user), unitCode, StringComparison.Ordinal);

    /// <summary>May change a unit's data.</summary>
    public static bool CanEdit(ClaimsPrincipal user, string unitCode) =>
        user.IsInRole(Roles.Admin)
        || (user.IsInRole(Roles.FocalPoint) && string.Equals(UnitOf(user), unitCode, StringComparison.Ordinal));
}
