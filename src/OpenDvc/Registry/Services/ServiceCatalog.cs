using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;

namespace OpenDvc.Registry.Services;

/// <summary>Filters of the online services list, shared by the API, the pages and the export.</summary>
public sealed record ServiceFilter(string? Unit, string? Procedure, ServiceLevel? Level)
{
    public IQueryable<OnlineService> Apply(IQueryable<OnlineService> query)
    {
        if (!string.IsNullOrWhiteSpace(Unit))
        {
            query = query.Where(s => s.UnitCode == Unit);
        }

        if (!string.IsNullOrWhiteSpace(Procedure))
        {
            query = query.Where(s => s.ProcedureCode == Procedure);
        }

        if (Level is not null)
        {
            query = query.Where(s => s.Level == Level);
        }

        return query;
    }
}

/// <summary>An online service with its procedure's name, for lists people read.</summary>
public sealed record ServiceRow(string UnitCode, string ProcedureCode, string ProcedureName, ServiceLevel Level, int? LegacyLevel, DateOnly OnlineSince, DateOnly? FullProcessSince);

/// <summary>Reading and writing online services: one code path for the API, the pages and the import.</summary>
public static class ServiceCatalog
{
    /// <summary>One keyset page by (unit, procedure): both orders are backed by the key and the (procedure, unit) index.</summary>
    public static async Task<Page<OnlineService>> PageAsync(OpenDvcDbContext db, ServiceFilter filter, string? after, int? limit, CancellationToken ct)
    {
        var take = Keyset.Limit(limit);
        var query = filter.Apply(db.Set<OnlineService>().AsNoTracking());
        if (Keyset.Decode(after, 2) is [var afterUnit, var afterProcedure])
        {
            query = query.Where(s => string.Compare(s.UnitCode, afterUnit) > 0
                || (s.UnitCode == afterUnit && string.Compare(s.ProcedureCode, afterProcedure) > 0));
        }

        var rows = await query.OrderBy(s => s.UnitCode).ThenBy(s => s.ProcedureCode).Take(take + 1).ToListAsync(ct);
        return Keyset.ToPage(rows, take, s => [s.UnitCode, s.ProcedureCode]);
    }

    /// <summary>Adds the procedures' names to a page of services (one query for the page).</summary>
    public static async Task<List<ServiceRow>> WithNamesAsync(OpenDvcDbContext db, IReadOnlyList<OnlineService> services, CancellationToken ct)
    {
        var codes = services.Select(s => s.ProcedureCode).Distinct().ToList();
        var names = await db.Set<Procedure>().Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        return services.Select(s => new ServiceRow(s.UnitCode, s.ProcedureCode, names.GetValueOrDefault(s.ProcedureCode, ""), s.Level, s.LegacyLevel, s.OnlineSince, s.FullProcessSince)).ToList();
    }

    /// <summary>Creates or replaces a unit's online service; returns the rules it breaks (and then writes nothing).</summary>
    public static async Task<IReadOnlyList<RuleViolation>> SaveAsync(OpenDvcDbContext db, string unitCode, string procedureCode, ServiceInput input, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Code == unitCode, ct);
        var procedure = await db.Set<Procedure>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == procedureCode, ct);
        var violations = ServiceRules.Check(unitCode, procedureCode, input, unit, procedure).ToList();
        if (violations.Count > 0)
        {
            return violations;
        }

        var service = await db.Set<OnlineService>().SingleOrDefaultAsync(s => s.UnitCode == unitCode && s.ProcedureCode == procedureCode, ct);
        if (service is null)
        {
            service = new OnlineService { UnitCode = unitCode, ProcedureCode = procedureCode };
            db.Set<OnlineService>().Add(service);
        }

        input.ApplyTo(service);
        await db.SaveChangesAsync(ct);
        return [];
    }

    public static async Task<DeleteOutcome> DeleteAsync(OpenDvcDbContext db, string unitCode, string procedureCode, CancellationToken ct)
    {
        var service = await db.Set<OnlineService>().SingleOrDefaultAsync(s => s.UnitCode == unitCode && s.ProcedureCode == procedureCode, ct);
        if (service is null)
        {
            return DeleteOutcome.NotFound;
        }

        db.Remove(service);
        await db.SaveChangesAsync(ct);
        return DeleteOutcome.Deleted;
    }
}
