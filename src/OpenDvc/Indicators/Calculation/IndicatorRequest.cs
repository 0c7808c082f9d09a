using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;
using OpenDvc.Platform.Time;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;

namespace OpenDvc.Indicators.Calculation;

/// <summary>
/// The query string every indicator endpoint and page reads: period, unit, procedure, audience, and lineage
/// (<c>successor</c>: the unit's figures include the dossiers of every unit merged into it).
/// </summary>
public sealed record IndicatorRequest(string? Period, string? Unit, string? Procedure, AudienceFilter? Audience, string? Lineage = null)
{
    /// <summary>The query, or the problem with it (bad period or lineage 400, unknown unit or procedure 404).</summary>
    public async Task<(IndicatorQuery? Query, ProblemHttpResult? Problem)> ResolveAsync(OpenDvcDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Period period;
        if (string.IsNullOrEmpty(Period))
        {
            period = await DefaultPeriodAsync(db, time, ct);
        }
        else if (!Calculation.Period.TryParse(Period, out period))
        {
            return (null, IndicatorProblems.BadPeriod(Period));
        }

        if (!Calculation.Lineage.TryParse(Lineage, out var lineage))
        {
            return (null, IndicatorProblems.BadLineage(Lineage));
        }

        if (Unit is not null && !await db.Set<Unit>().AnyAsync(u => u.Code == Unit, ct))
        {
            return (null, Refusal.Of(PlatformCodes.UnitUnknown, Unit).ToProblem());
        }

        if (Procedure is not null && !await db.Set<Procedure>().AnyAsync(p => p.Code == Procedure, ct)
            && !await db.Set<DossierRollup>().AnyAsync(r => r.ProcedureCode == Procedure, ct))
        {
            return (null, Refusal.Of(RegistryCodes.ProcedureUnknown, Procedure).ToProblem());
        }

        return (new IndicatorQuery(period, Unit, Procedure, Audience ?? AudienceFilter.Both, lineage), null);
    }

    /// <summary>Without a period: the latest year with dossiers (one index lookup), else the current year in Vietnam.</summary>
    public static async Task<Period> DefaultPeriodAsync(OpenDvcDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var latest = await db.Set<DossierRollup>().Where(r => r.Month > 0).MaxAsync(r => (int?)r.Month, ct);
        return Calculation.Period.Year(latest is { } month ? month / 100 : VietnamTime.DateOf(time.GetUtcNow()).Year);
    }
}

public static class IndicatorProblems
{
    public static ProblemHttpResult BadPeriod(string? text) => Refusal.Of(IndicatorCodes.PeriodInvalid, text).ToProblem();

    public static ProblemHttpResult BadLineage(string? text) => Refusal.Of(IndicatorCodes.LineageInvalid, text).ToProblem();
}
