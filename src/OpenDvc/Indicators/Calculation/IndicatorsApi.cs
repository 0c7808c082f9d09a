using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Definitions;
using OpenDvc.Platform.Database;

namespace OpenDvc.Indicators.Calculation;

/// <summary>Every indicator of one scope and period, as the API answers it; <paramref name="Lineage"/> says whether a unit's figures include the units merged into it.</summary>
public sealed record IndicatorsView(string Period, string? Unit, string? Procedure, AudienceFilter Audience, IndexScore Index, IReadOnlyList<IndicatorValue> Indicators, Totals Totals, UnitLineage Lineage = UnitLineage.AsItStood)
{
    public static IndicatorsView From(ScopeIndicators s, AudienceFilter audience, UnitLineage lineage = UnitLineage.AsItStood)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Period.ToString(), s.UnitCode, s.ProcedureCode, audience, s.Index, s.Values, s.Totals, lineage);
    }
}

/// <summary>
/// /api/v1/indicators: values, trends and definitions. Public: aggregate figures of the programme, read from rollups
/// (no dossier, no person), the same the public dashboard shows.
/// </summary>
public static class IndicatorsApi
{
    public static void MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/indicators").WithTags("Indicators").CacheOutput(PublicPageCache.Policy);
        group.MapGet("/", GetIndicators).WithName(nameof(GetIndicators))
            .WithSummary("Every indicator, its working, target and score, and the Decision 766 index, for the nation, a unit, a procedure or a service (unit + procedure); period 2023, 2023-Q2, 2023-05 or 2023-01..2023-06; audience Citizens, Businesses or Both; lineage=successor to include the dossiers of the units merged into the unit (transitively), else the unit as it stood in the period.");
        group.MapGet("/trend", GetIndicatorTrend).WithName(nameof(GetIndicatorTrend))
            .WithSummary("The same indicators month by month over the period (3.2 is left out of monthly figures); with lineage=successor one continuous line across mergers.");
        group.MapGet("/units/{unit}/services", GetUnitServiceIndicators).WithName(nameof(GetUnitServiceIndicators))
            .WithSummary("The indicators of each procedure a unit carries out or has dossiers for, in the period.");
        group.MapGet("/definitions", ListIndicatorDefinitions).WithName(nameof(ListIndicatorDefinitions))
            .WithSummary("Every indicator definition, every version: code, names, formula, target, maximum score, source, in force from.");
    }

    public static async Task<Results<Ok<IndicatorsView>, ProblemHttpResult>> GetIndicators([AsParameters] IndicatorRequest request, OpenDvcDbContext db, IndicatorCalculator calculator, TimeProvider time, CancellationToken ct)
    {
        var (query, problem) = await request.ResolveAsync(db, time, ct);
        if (query is null)
        {
            return problem!;
        }

        return TypedResults.Ok(IndicatorsView.From(await calculator.ComputeAsync(query, ct), query.Audience, query.Lineage));
    }

    public static async Task<Results<Ok<List<IndicatorsView>>, ProblemHttpResult>> GetIndicatorTrend([AsParameters] IndicatorRequest request, OpenDvcDbContext db, IndicatorCalculator calculator, TimeProvider time, CancellationToken ct)
    {
        var (query, problem) = await request.ResolveAsync(db, time, ct);
        if (query is null)
        {
            return problem!;
        }

        return TypedResults.Ok((await calculator.TrendAsync(query, ct)).Select(s => IndicatorsView.From(s, query.Audience, query.Lineage)).ToList());
    }

    public static async Task<Results<Ok<List<IndicatorsView>>, ProblemHttpResult>> GetUnitServiceIndicators(string unit, string? period, AudienceFilter? audience, string? lineage, OpenDvcDbContext db, IndicatorCalculator calculator, TimeProvider time, CancellationToken ct)
    {
        var (query, problem) = await new IndicatorRequest(period, unit, null, audience, lineage).ResolveAsync(db, time, ct);
        if (query is null)
        {
            return problem!;
        }

        return TypedResults.Ok((await calculator.ComputeServicesAsync(unit, query.Period, query.Audience, ct, query.Lineage)).Select(s => IndicatorsView.From(s, query.Audience, query.Lineage)).ToList());
    }

    public static async Task<Ok<List<IndicatorDefinition>>> ListIndicatorDefinitions(OpenDvcDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<IndicatorDefinition>().AsNoTracking().OrderBy(d => d.DisplayOrder).ThenBy(d => d.Code).ThenBy(d => d.Version).ToListAsync(ct));
}
