using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Registry.Units;

/// <summary>Filters of the unit list (the day, kind, region), shared by the API, the page and the export.</summary>
/// <param name="On">The day whose units are listed, as they were that day; today (Vietnam) when absent.</param>
public sealed record UnitFilter(DateOnly? On, UnitKind? Kind, string? Region)
{
    public IEnumerable<UnitView> Apply(IEnumerable<UnitView> units) =>
        units.Where(u => (Kind is null || u.Kind == Kind) && (string.IsNullOrWhiteSpace(Region) || u.Region == Region));
}

/// <summary>The focal point of a unit as its focal point or an admin edits it.</summary>
public sealed record UnitContactInput(
    [MaxLength(256)] string? FocalPointAgency,
    [MaxLength(128)] string? ContactName,
    [MaxLength(256), EmailAddress] string? ContactEmail,
    [MaxLength(32)] string? ContactPhone);

public static class UnitQueries
{
    /// <summary>
    /// The units in force on the filter's day as they were that day (under a hundred: no paging needed), by code,
    /// contacts only where the caller may read them.
    /// </summary>
    public static async Task<List<UnitView>> ListAsync(OpenDvcDbContext db, UnitFilter filter, DateOnly today, ClaimsPrincipal user, CancellationToken ct)
    {
        var timeline = await UnitTimeline.LoadAsync(db, ct);
        var units = await db.Set<Unit>().AsNoTracking().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var views = timeline.InForceOn(filter.On ?? today).Select(v => UnitView.From(units[v.Code], v, UnitAccess.CanRead(user, v.Code)));
        return filter.Apply(views).ToList();
    }

    public static Task<List<string>> RegionsAsync(OpenDvcDbContext db, CancellationToken ct) =>
        db.Set<UnitVersion>().Where(v => v.Region != null).Select(v => v.Region!).Distinct().OrderBy(r => r).ToListAsync(ct);

    /// <summary>Replaces a unit's focal point (also of its version in force today) and contact; false when there is no such unit.</summary>
    public static async Task<bool> SaveContactAsync(OpenDvcDbContext db, string code, UnitContactInput input, DateOnly today, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().SingleOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null)
        {
            return false;
        }

        var version = await db.Set<UnitVersion>().Where(v => v.Code == code && v.ValidFrom <= today && (v.ValidTo == null || v.ValidTo >= today)).SingleOrDefaultAsync(ct);
        if (version is not null)
        {
            version.FocalPointAgency = Clean(input.FocalPointAgency);
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
