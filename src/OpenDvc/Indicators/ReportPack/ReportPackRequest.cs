using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Units;

namespace OpenDvc.Indicators.ReportPack;

/// <summary>
/// What a report pack is asked for: a month (yyyy-MM), optionally a unit, and its lineage (<c>successor</c>: the unit's
/// figures include the units merged into it); the endpoint and the CLI read it alike.
/// </summary>
public sealed record ReportPackRequest(string? Month, string? Unit, string? Lineage = null)
{
    /// <summary>
    /// The pack's query (the month, the unit or null for the national pack, the lineage) and the unit, or the problem:
    /// a bad month or lineage 400, an unknown unit 404.
    /// </summary>
    public async Task<(IndicatorQuery? Query, Unit? Unit, ProblemHttpResult? Problem)> ResolveAsync(OpenDvcDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Period.TryParse(Month, out var month) || month.Months != 1)
        {
            return (null, null, BadMonth(Month));
        }

        var (query, problem) = await new IndicatorRequest(month.ToString(), Unit, null, null, Lineage).ResolveAsync(db, time, ct);
        if (query is null)
        {
            return (null, null, problem);
        }

        return (query, Unit is null ? null : await db.Set<Unit>().AsNoTracking().SingleAsync(u => u.Code == Unit, ct), null);
    }

    public static ProblemHttpResult BadMonth(string? text) => Refusal.Of(IndicatorCodes.ReportMonthInvalid, text).ToProblem();
}
