using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;

namespace OpenDvc.Indicators.Rankings;

/// <summary>
/// One row of a ranking as the API and the exports give it. <paramref name="UnitsOn"/>: the day whose units are
/// ranked (the period's last day; the name is the unit's name then); <paramref name="Predecessors"/>: the codes merged
/// into the unit by then, whose dossiers its figures include. Both null in editions published before they existed.
/// </summary>
public sealed record RankingRow(PeerGroup Group, int? Rank, int? PreviousRank, int? Change, string Unit, string Name, IndexScore Index, IReadOnlyDictionary<string, decimal?> Values,
    DateOnly? UnitsOn = null, IReadOnlyList<string>? Predecessors = null)
{
    public static RankingRow From(RankedUnit u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new(u.Group, u.Rank, u.PreviousRank, u.Change, u.UnitCode, u.Name, u.Indicators.Index, u.Indicators.Values.ToDictionary(v => v.Code, v => v.Value), u.UnitsOn, u.Predecessors);
    }
}

/// <summary>/api/v1/indicators/rankings: public, like the national portal's published index.</summary>
public static class RankingsApi
{
    public static void MapRankingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/indicators/rankings").WithTags("Indicators").CacheOutput(PublicPageCache.Policy);
        group.MapGet("/", ListRankings).WithName(nameof(ListRankings))
            .WithSummary("Ministries and provinces ranked within their group by Decision 766 index points (ties share a rank), with the rank in the previous period of the same length: the units in force on the period's last day (unitsOn), named as then, each with the units merged into it by then folded in (predecessors).");
        group.MapGet("/export", ExportRankings).WithName(nameof(ExportRankings))
            .WithSummary("The rankings (same filters) as an Excel, CSV or PDF file to publish from: headers in the reader's language (culture=en for English), percentages, a heading with the period, the data date and the source; headers=codes for the machine layout (code headers, ratios 0–1, no heading).");
    }

    public static async Task<Results<Ok<List<RankingRow>>, ProblemHttpResult>> ListRankings(string? period, AudienceFilter? audience, PeerGroup? group, OpenDvcDbContext db, RankingQuery rankings, TimeProvider time, CancellationToken ct)
    {
        var (query, problem) = await new IndicatorRequest(period, null, null, audience).ResolveAsync(db, time, ct);
        if (query is null)
        {
            return problem!;
        }

        var ranked = await rankings.RankAsync(query.Period, query.Audience, ct);
        return TypedResults.Ok(ranked.Where(r => group is null || r.Group == group).Select(RankingRow.From).ToList());
    }

    /// <param name="headers"><c>codes</c> for the machine layout; by default the reader's (see <see cref="IndicatorExport"/>).</param>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportRankings(string? period, AudienceFilter? audience, PeerGroup? group, string? format, string? headers,
        OpenDvcDbContext db, RankingQuery rankings, IndicatorExport export, TimeProvider time, CancellationToken ct)
    {
        var (query, problem) = await new IndicatorRequest(period, null, null, audience).ResolveAsync(db, time, ct);
        if (query is null)
        {
            return problem!;
        }

        format ??= "xlsx";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        var ranked = (await rankings.RankAsync(query.Period, query.Audience, ct)).Where(r => group is null || r.Group == group).ToList();
        var rows = ranked.Select(RankingRow.From).ToList();
        var stem = $"rankings-{query.Period}";
        if (IndicatorExport.ForMachines(headers))
        {
            return (FileStreamHttpResult)await RankingTable.ToFileAsync(rows, format, stem, ct);
        }

        var indicators = ranked.FirstOrDefault()?.Indicators.Values.Select(IndicatorColumn.From).ToList() ?? [];
        var heading = await export.HeadingAsync(export.Text("Export.RankingsTitle"), query.Period, ct);
        return (FileStreamHttpResult)await RankingTable.ToReaderFileAsync(rows, indicators, export, heading, format, stem, ct);
    }
}
