using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;

namespace OpenDvc.Registry.Units;

/// <summary>Filters of the unit list (kind, region), shared by the API, the page and the export.</summary>
public sealed record UnitFilter(UnitKind? Kind, string? Region)
{
    public IQueryable<Unit> Apply(IQueryable<Unit> query)
    {
        if (Kind is not null)
        {
            query = query.Where(u => u.Kind == Kind);
        }

        if (!string.IsNullOrWhiteSpace(Region))
        {
            query = query.Where(u => u.Region == Region);
        }

        return query;
    }
}

/// <summary>The focal point of a unit as its focal point or an admin edits it.</summary>
public sealed record UnitContactInput(
    [MaxLength(256)] string? FocalPointAgency,
    [MaxLength(128)] string? ContactName,
    [MaxLength(256), EmailAddress] string? ContactEmail,
    [MaxLength(32)] string? ContactPhone);

public static class UnitQueries
{
    /// <summary>All units matching the filter (86 of them: no paging needed), contacts only where the caller may read them.</summary>
    public static async Task<List<UnitView>> ListAsync(OpenDvcDbContext db, UnitFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        var units = await filter.Apply(db.Set<Unit>().AsNoTracking()).OrderBy(u => u.Code).ToListAsync(ct);
        return units.Select(u => UnitView.From(u, UnitAccess.CanRead(user, u.Code))).ToList();
    }

    public static Task<List<string>> RegionsAsync(OpenDvcDbContext db, CancellationToken ct) =>
        db.Set<Unit>().Where(u => u.Region != null).Select(u => u.Region!).Distinct().OrderBy(r => r).ToListAsync(ct);

    /// <summary>Replaces a unit's focal point and contact; false when there is no such unit.</summary>
    public static async Task<bool> SaveContactAsync(OpenDvcDbContext db, string code, UnitContactInput input, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().SingleOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null)
        {
            return false;
        }

        unit.FocalPointAgency = Clean(input.FocalPointAgency);
        unit.ContactName = Clean(input.ContactName);
        unit.ContactEmail = Clean(input.ContactEmail);
        unit.ContactPhone = Clean(input.ContactPhone);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
