using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Units;

namespace OpenDvc.Indicators.Quality;

/// <summary>
/// Data-quality scorecards (issue 4). One unit's scorecard is public, like its indicator page; the list of all
/// units is for signed-in users, and a focal point sees only their own unit in it (docs/data-quality.md).
/// </summary>
public static class QualityApi
{
    public static void MapQualityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/indicators").WithTags("Indicators");
        group.MapGet("/quality", ListQualityScorecards).RequireAuthorization().WithName(nameof(ListQualityScorecards))
            .WithSummary("Data-quality scorecards per unit for an arrival period, worst first, named as on its last day (signed in; a focal point sees their unit only); lineage=successor folds each ended unit into the unit in force on the period's last day.");
        group.MapGet("/quality/export", ExportQualityScorecards).RequireAuthorization().WithName(nameof(ExportQualityScorecards))
            .WithSummary("The data-quality scorecards (same filters) as an Excel or CSV file (format=xlsx|csv).");
        group.MapGet("/units/{unit}/quality", GetUnitQualityScorecard).WithName(nameof(GetUnitQualityScorecard))
            .WithSummary("One unit's data-quality scorecard for an arrival period (public, like the unit's indicator page); lineage=successor to include the records of the units merged into it.");
    }

    public static async Task<Results<Ok<List<QualityScorecard>>, ProblemHttpResult>> ListQualityScorecards(string? period, string? unit, string? lineage, ClaimsPrincipal user, QualityQuery quality, TimeProvider time, CancellationToken ct)
    {
        var (resolved, problem) = Resolve(period, unit, lineage, user, time);
        return resolved is { } p ? TypedResults.Ok((await quality.ScorecardsAsync(p.Period, p.Unit, ct, p.Lineage)).ToList()) : problem!;
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportQualityScorecards(string? period, string? unit, string? lineage, string? format, ClaimsPrincipal user, QualityQuery quality, TimeProvider time, CancellationToken ct)
    {
        var (resolved, problem) = Resolve(period, unit, lineage, user, time);
        if (resolved is not { } p)
        {
            return problem!;
        }

        format ??= "xlsx";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        var rows = await quality.ScorecardsAsync(p.Period, p.Unit, ct, p.Lineage);
        return (FileStreamHttpResult)await TableExport.ToFileAsync(rows.ToAsyncEnumerable(), QualityQuery.Columns, format, $"data-quality-{p.Period}", ct);
    }

    public static async Task<Results<Ok<QualityScorecard>, ProblemHttpResult>> GetUnitQualityScorecard(string unit, string? period, string? lineage, OpenDvcDbContext db, QualityQuery quality, TimeProvider time, CancellationToken ct)
    {
        var resolved = ParsePeriod(period, time);
        if (resolved is not { } p)
        {
            return IndicatorProblems.BadPeriod(period);
        }

        if (!Lineage.TryParse(lineage, out var asked))
        {
            return IndicatorProblems.BadLineage(lineage);
        }

        var found = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Code == unit, ct);
        if (found is null)
        {
            return Refusal.Of(PlatformCodes.UnitUnknown, unit).ToProblem();
        }

        return TypedResults.Ok(await UnitScorecardAsync(quality, found, p, ct, asked));
    }

    /// <summary>A unit's scorecard, all zeros when nothing arrived from it (or, with its lineage, the units merged into it) in the period.</summary>
    public static async Task<QualityScorecard> UnitScorecardAsync(QualityQuery quality, Unit unit, Period period, CancellationToken ct, UnitLineage lineage = UnitLineage.AsItStood)
    {
        ArgumentNullException.ThrowIfNull(quality);
        ArgumentNullException.ThrowIfNull(unit);
        return (await quality.ScorecardsAsync(period, unit.Code, ct, lineage)).SingleOrDefault()
            ?? QualityQuery.Score(new Ledger.Quality.LedgerQualityDay { UnitCode = unit.Code }, unit.Name, quality.Thresholds);
    }

    public static Period? ParsePeriod(string? text, TimeProvider time) =>
        string.IsNullOrEmpty(text) ? QualityQuery.DefaultPeriod(time) : Period.TryParse(text, out var period) ? period : null;

    /// <summary>The period, the unit filter the caller may ask for (staff any unit or all, anyone else only their own unit) and the lineage.</summary>
    public static ((Period Period, string? Unit, UnitLineage Lineage)? Resolved, ProblemHttpResult? Problem) Resolve(string? period, string? unit, string? lineage, ClaimsPrincipal user, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (ParsePeriod(period, time) is not { } p)
        {
            return (null, IndicatorProblems.BadPeriod(period));
        }

        if (!Lineage.TryParse(lineage, out var asked))
        {
            return (null, IndicatorProblems.BadLineage(lineage));
        }

        if (UnitAccess.IsStaff(user))
        {
            return ((p, string.IsNullOrWhiteSpace(unit) ? null : unit, asked), null);
        }

        var own = UnitAccess.UnitOf(user);
        if (own is null || (!string.IsNullOrWhiteSpace(unit) && !string.Equals(unit, own, StringComparison.Ordinal)))
        {
            return (null, Problems.Forbidden());
        }

        return ((p, own, asked), null);
    }
}
