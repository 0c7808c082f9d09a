using OpenDvc.Platform.Tables;

namespace OpenDvc.Indicators.Rankings;

/// <summary>
/// The rankings table's file layouts (live rankings and published editions alike): for readers, and for machines (stable
/// column names, then one column per indicator code, ratios from 0 to 1).
/// </summary>
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

    /// <summary>The layout for readers: headers in their language, the group's name, indicators as percentages or days.</summary>
    public static IReadOnlyList<ExportColumn<RankingRow>> ReaderColumns(IReadOnlyList<IndicatorColumn> indicators, IndicatorExport export)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(export);
        return
        [
            new(export.Text("Export.Group"), r => export.Text($"Export.Group.{r.Group}")),
            new(export.Text("Col.Rank"), r => r.Rank),
            new(export.Text("Export.PreviousRank"), r => r.PreviousRank),
            new(export.Text("Col.Change"), r => r.Change),
            new(export.Text("Export.UnitCode"), r => r.Unit),
            new(export.Text("Col.Unit"), r => r.Name),
            new(export.Text("Export.IndexPoints"), r => Math.Round(r.Index.Points, 2)),
            new(export.Text("Col.Covered"), r => r.Index.CoveredPoints),
            .. indicators.Select(c => new ExportColumn<RankingRow>(export.Header(c), r => IndicatorExport.Value(c, r.Values.GetValueOrDefault(c.Code)), c.Code)),
        ];
    }

    public static Task<IResult> ToReaderFileAsync(IReadOnlyList<RankingRow> rows, IReadOnlyList<IndicatorColumn> indicators, IndicatorExport export, ExportHeading heading, string format, string fileStem, CancellationToken ct) =>
        TableExport.ToFileAsync(rows.ToAsyncEnumerable(), ReaderColumns(indicators, export), format, fileStem, ct, heading: heading);
}
