using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Services;

namespace OpenDvc.Registry.Procedures;

/// <summary>Search filters of the procedure catalog, shared by the API, the page and the export.</summary>
public sealed record ProcedureFilter(string? Q, string? Field, Audience? Audience, ProcedureTier? Tier, bool? Eligible)
{
    public IQueryable<Procedure> Apply(IQueryable<Procedure> query)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var lower = q.ToLower(System.Globalization.CultureInfo.InvariantCulture);
            // Runs as SQL lower(): EF translates only the parameterless ToLower, so the culture rules do not apply here.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(p => p.Code.StartsWith(q) || p.Name.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (!string.IsNullOrWhiteSpace(Field))
        {
            query = query.Where(p => p.Field == Field);
        }

        if (Audience is not null)
        {
            query = query.Where(p => p.Audience == Audience);
        }

        if (Tier is not null)
        {
            query = query.Where(p => p.Tier == Tier);
        }

        if (Eligible is not null)
        {
            query = query.Where(p => p.EligibleForFullProcess == Eligible);
        }

        return query;
    }
}

/// <summary>Reading and writing the procedure catalog: one code path for the API, the pages and the CLI.</summary>
public static class ProcedureCatalog
{
    /// <summary>One keyset page in code order: an index seek whatever the catalog's size, never an offset.</summary>
    public static async Task<Page<Procedure>> PageAsync(OpenDvcDbContext db, ProcedureFilter filter, string? after, int? limit, CancellationToken ct)
    {
        var take = Keyset.Limit(limit);
        var rows = await PageQuery(db, filter, after, take).ToListAsync(ct);
        return Keyset.ToPage(rows, take, p => [p.Code]);
    }

    /// <summary>The query behind a page: rows after the cursor in code order, one more than the page holds.</summary>
    public static IQueryable<Procedure> PageQuery(OpenDvcDbContext db, ProcedureFilter filter, string? after, int take)
    {
        var query = filter.Apply(db.Set<Procedure>().AsNoTracking());
        if (Keyset.Decode(after, 1)?[0] is { } afterCode)
        {
            query = query.Where(p => string.Compare(p.Code, afterCode) > 0);
        }

        return query.OrderBy(p => p.Code).Take(take + 1);
    }

    /// <summary>The fields in use, for the filter's list (the (field, code) index answers it).</summary>
    public static Task<List<string>> FieldsAsync(OpenDvcDbContext db, CancellationToken ct) =>
        db.Set<Procedure>().Select(p => p.Field).Distinct().OrderBy(f => f).ToListAsync(ct);

    /// <summary>Creates or replaces a procedure; returns the rules it breaks (and then writes nothing).</summary>
    public static async Task<IReadOnlyList<RuleViolation>> SaveAsync(OpenDvcDbContext db, string code, ProcedureInput input, CancellationToken ct)
    {
        var unitExists = await db.Set<Units.Unit>().AnyAsync(u => u.Code == input.ManagingUnitCode, ct);
        var offeredFullProcess = await db.Set<OnlineService>().AnyAsync(s => s.ProcedureCode == code && s.Level == ServiceLevel.FullProcess, ct);
        var violations = ProcedureRules.Check(code, input, _ => unitExists, offeredFullProcess).ToList();
        if (violations.Count > 0)
        {
            return violations;
        }

        var procedure = await db.Set<Procedure>().SingleOrDefaultAsync(p => p.Code == code, ct);
        if (procedure is null)
        {
            db.Set<Procedure>().Add(input.ToProcedure(code));
        }
        else
        {
            input.ApplyTo(procedure);
        }

        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Deletes a procedure no unit offers online.</summary>
    public static async Task<DeleteOutcome> DeleteAsync(OpenDvcDbContext db, string code, CancellationToken ct)
    {
        var procedure = await db.Set<Procedure>().SingleOrDefaultAsync(p => p.Code == code, ct);
        if (procedure is null)
        {
            return DeleteOutcome.NotFound;
        }

        if (await db.Set<OnlineService>().AnyAsync(s => s.ProcedureCode == code, ct))
        {
            return DeleteOutcome.InUse;
        }

        db.Remove(procedure);
        await db.SaveChangesAsync(ct);
        return DeleteOutcome.Deleted;
    }

    /// <summary>
    /// Sets the eligibility for full-process of the given procedures (a unit's accepted catalog, Directives): eligible
    /// clears the reason, not eligible keeps the unit's. Unknown codes are skipped. The changes are tracked, not saved:
    /// the caller saves them with its own change (the acceptance), and the audit log records each procedure changed.
    /// </summary>
    /// <returns>How many procedures changed.</returns>
    public static async Task<int> SetEligibilityAsync(OpenDvcDbContext db, IReadOnlyList<EligibilityDecision> decisions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(decisions);
        var codes = decisions.Select(d => d.Procedure).ToList();
        var procedures = await db.Set<Procedure>().Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var changed = 0;
        foreach (var decision in decisions)
        {
            if (!procedures.TryGetValue(decision.Procedure, out var procedure))
            {
                continue;
            }

            var reason = decision.Eligible ? null : decision.Reason?.Trim();
            if (procedure.EligibleForFullProcess != decision.Eligible || procedure.IneligibleReason != reason)
            {
                procedure.EligibleForFullProcess = decision.Eligible;
                procedure.IneligibleReason = reason;
                changed++;
            }
        }

        return changed;
    }
}

/// <summary>Whether a procedure is eligible for full-process, and if not why (the unit's reason).</summary>
public sealed record EligibilityDecision(string Procedure, bool Eligible, string? Reason);
