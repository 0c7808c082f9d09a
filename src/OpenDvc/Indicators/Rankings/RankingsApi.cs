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
            .WithSummary("The rankings (same filters) as an Excel or CSV file.");
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

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportRankings(string? period, AudienceFilter? audience, PeerGroup? group, string? format, OpenDvcDbContext db, RankingQuery rankings, TimeProvider time, CancellationToken ct)
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
        return (FileStreamHttpResult)await RankingTable.ToFileAsync(ranked.Select(RankingRow.From).ToList(), format, $"rankings-{query.Period}", ct);
    }
}

/// <summary>The rankings table's file layout (live rankings and published editions alike): stable machine column names, then one column per indicator code.</summary>
public static class RankingTable
{
    public static IReadOnlyList<ExportColumn<RankingRow>> Columns(IReadOnlyList<RankingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var codes = rows.Count > 0 ? rows[0].Values.Keys.ToList() : [];
        return
        [
            new("group", r => r.Group),
            new("rank", r => r.Rank),
            new("previous_rank", r => r.PreviousRank),
            new("change", r => r.Change),
            new("unit", r => r.Unit),
            new("name", r => r.Name),
            new("index_points", r => Math.Round(r.Index.Points, 2)),
            new("covered_points", r => r.Index.CoveredPoints),
            .. codes.Select(code => new ExportColumn<RankingRow>(code, r => r.Values.GetValueOrDefault(code) is { } v ? Math.Round(v, 4) : null)),
        ];
    }

    public static Task<IResult> ToFileAsync(IReadOnlyList<RankingRow> rows, string format, string fileStem, CancellationToken ct) =>
        TableExport.ToFileAsync(rows.ToAsyncEnumerable(), Columns(rows), format, fileStem, ct);
}
