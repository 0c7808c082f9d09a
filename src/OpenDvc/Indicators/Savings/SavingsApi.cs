using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;

namespace OpenDvc.Indicators.Savings;

/// <summary>An estimate with the assumptions it used; <paramref name="Lineage"/> says whether a unit's figures include the units merged into it.</summary>
public sealed record SavingsView(string Period, string? Unit, string? Procedure, SavingsEstimate Estimate, SavingsOptions Assumptions, UnitLineage Lineage = UnitLineage.AsItStood);

/// <summary>/api/v1/indicators/savings: public, like the other aggregate figures.</summary>
public static class SavingsApi
{
    public static void MapSavingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/indicators/savings").WithTags("Indicators").CacheOutput(PublicPageCache.Policy)
            .MapGet("/", GetSavings).WithName(nameof(GetSavings))
            .WithSummary("Time and cost saved by remote online dossiers against counter dossiers, with the working and the assumptions used (same filters as /api/v1/indicators, lineage=successor included).");
    }

    public static async Task<Results<Ok<SavingsView>, ProblemHttpResult>> GetSavings([AsParameters] IndicatorRequest request, OpenDvcDbContext db, IndicatorCalculator calculator, TimeProvider time, IOptions<IndicatorsOptions> options, CancellationToken ct)
    {
        var (query, problem) = await request.ResolveAsync(db, time, ct);
        if (query is null)
        {
            return problem!;
        }

        var scope = await calculator.ComputeAsync(query, ct);
        var assumptions = options.Value.Savings;
        return TypedResults.Ok(new SavingsView(query.Period.ToString(), query.UnitCode, query.ProcedureCode, SavingsEstimate.From(scope.Totals, assumptions), assumptions, query.Lineage));
    }
}
