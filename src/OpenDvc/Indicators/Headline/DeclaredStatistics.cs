using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Indicators.Headline;

/// <summary>One declared figure of a period: the latest month's value for a stock, the months' sum for a flow.</summary>
public sealed record DeclaredFigure(string Metric, long Value, int Months, int MonthsInPeriod, string Source, DateOnly SourceDate);

/// <summary>One row of a declared month as the API takes it.</summary>
public sealed record DeclaredInput(string Metric, long Value, string Source, DateOnly SourceDate);

/// <summary>
/// The declared portal statistics: read for a period, and written a month at a time. A month written again replaces
/// the month whole, so a corrected file never adds to what was there. An import writes every row or, when any row is
/// wrong, nothing, with each wrong cell reported (the registry's import report).
/// </summary>
public sealed class DeclaredStatistics(OpenDvcDbContext db, Platform.Database.DataChanges changes)
{
    public const string Table = "declared_statistics";

    /// <summary>The columns of the import file, in the order the export writes them.</summary>
    public static readonly string[] Columns = ["month", "metric", "value", "source", "source_date"];

    /// <summary>The export, in the import's layout, so a downloaded file can be corrected and sent back.</summary>
    public static readonly IReadOnlyList<Platform.Tables.ExportColumn<DeclaredStatistic>> ExportColumns =
    [
        new("month", r => MonthText(r.Month)),
        new("metric", r => r.Metric.Name()),
        new("value", r => r.Value),
        new("source", r => r.Source),
        new("source_date", r => r.SourceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ];

    public Task<List<DeclaredStatistic>> SeriesAsync(Period period, CancellationToken ct) =>
        db.Set<DeclaredStatistic>().AsNoTracking()
            .Where(d => d.Month >= period.FromMonth && d.Month <= period.ToMonth)
            .OrderBy(d => d.Month).ThenBy(d => d.Metric)
            .ToListAsync(ct);

    /// <summary>Each metric declared for the period; a flow says how many of the period's months it covers.</summary>
    public async Task<IReadOnlyList<DeclaredFigure>> FiguresAsync(Period period, CancellationToken ct)
    {
        var rows = await SeriesAsync(period, ct);
        return rows.GroupBy(r => r.Metric).OrderBy(g => g.Key).Select(g =>
        {
            var latest = g.MaxBy(r => r.Month)!;
            var value = g.Key.IsStock() ? latest.Value : g.Sum(r => r.Value);
            return new DeclaredFigure(g.Key.Name(), value, g.Count(), period.Months, latest.Source, latest.SourceDate);
        }).ToList();
    }

    /// <summary>Replaces <paramref name="month"/> with <paramref name="rows"/>; the errors when any row is wrong (nothing written).</summary>
    public async Task<IReadOnlyList<ImportError>> ReplaceMonthAsync(int month, IReadOnlyList<DeclaredInput> rows, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var parsed = new List<DeclaredStatistic>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var cells = new[] { MonthText(month), row.Metric, row.Value.ToString(CultureInfo.InvariantCulture), row.Source, row.SourceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            if (Parse(i + 1, cells, errors) is { } statistic)
            {
                parsed.Add(statistic);
            }
        }

        Duplicates(parsed, errors);
        if (errors.Count == 0)
        {
            await WriteAsync([month], parsed, ct);
        }

        return errors;
    }

    /// <summary>Imports an .xlsx or .csv file of rows <see cref="Columns"/>: every month in it is replaced, or nothing is written.</summary>
    public async Task<ImportReport> ImportAsync(Stream content, string fileName, bool dryRun, CancellationToken ct)
    {
        var (file, fileError) = TableFile.Read(content, fileName);
        if (file is null)
        {
            return ImportReport.Failed(Table, 0, [fileError!]);
        }

        var errors = new List<ImportError>();
        var missing = Columns.Where(c => !file.Header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            return ImportReport.Failed(Table, file.Rows.Count, [.. missing.Select(c => ImportError.Of(1, c, null, Refusal.Of(IndicatorCodes.ImportColumnMissing, c)))]);
        }

        var index = Columns.Select(c => file.Header.ToList().FindIndex(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase))).ToArray();
        var parsed = new List<DeclaredStatistic>();
        foreach (var (number, cells) in file.Rows)
        {
            var ordered = index.Select(i => i < cells.Length ? cells[i].Trim() : "").ToArray();
            if (Parse(number, ordered, errors) is { } statistic)
            {
                parsed.Add(statistic);
            }
        }

        Duplicates(parsed, errors);
        if (errors.Count > 0)
        {
            return ImportReport.Failed(Table, file.Rows.Count, errors);
        }

        var months = parsed.Select(p => p.Month).Distinct().ToList();
        var existing = await db.Set<DeclaredStatistic>().AsNoTracking().Where(d => months.Contains(d.Month)).ToListAsync(ct);
        var unchanged = parsed.Count(p => existing.Any(e => e.Month == p.Month && e.Metric == p.Metric && e.Value == p.Value && e.Source == p.Source && e.SourceDate == p.SourceDate));
        var updated = parsed.Count(p => existing.Any(e => e.Month == p.Month && e.Metric == p.Metric)) - unchanged;
        if (!dryRun)
        {
            await WriteAsync(months, parsed, ct);
        }

        return new ImportReport(Table, file.Rows.Count, parsed.Count - unchanged - updated, updated, unchanged, dryRun, []);
    }

    private async Task WriteAsync(IReadOnlyList<int> months, List<DeclaredStatistic> rows, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var old = await db.Set<DeclaredStatistic>().Where(d => months.Contains(d.Month)).ToListAsync(ct);
        db.RemoveRange(old);
        await db.SaveChangesAsync(ct);
        db.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        changes.Changed();
    }

    /// <summary>One row, or null with its wrong cells added to <paramref name="errors"/>. Cells in <see cref="Columns"/> order.</summary>
    private static DeclaredStatistic? Parse(int row, string[] cells, List<ImportError> errors)
    {
        var before = errors.Count;
        void Wrong(int column, Refusal refusal) => errors.Add(ImportError.Of(row, Columns[column], cells[column], refusal));

        var monthOk = DateOnly.TryParseExact(cells[0] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) && first.Year is >= 2000 and <= 2100;
        if (!monthOk)
        {
            Wrong(0, Refusal.Of(IndicatorCodes.DeclaredMonthInvalid));
        }

        if (!DeclaredMetrics.ByName.TryGetValue(cells[1], out var metric))
        {
            Wrong(1, Refusal.Of(IndicatorCodes.DeclaredMetricUnknown, string.Join(", ", DeclaredMetrics.ByName.Keys)));
        }

        if (!long.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            Wrong(2, Refusal.Of(IndicatorCodes.DeclaredValueInvalid));
        }

        if (string.IsNullOrWhiteSpace(cells[3]) || cells[3].Length > 256)
        {
            Wrong(3, Refusal.Of(IndicatorCodes.DeclaredSourceMissing));
        }

        if (!DateOnly.TryParseExact(cells[4], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var sourceDate))
        {
            Wrong(4, Refusal.Of(IndicatorCodes.DeclaredDateInvalid));
        }
        else if (monthOk && sourceDate < first)
        {
            Wrong(4, Refusal.Of(IndicatorCodes.DeclaredDateBeforeMonth));
        }

        return errors.Count > before ? null : new DeclaredStatistic
        {
            Month = (first.Year * 100) + first.Month,
            Metric = metric,
            Value = value,
            Source = cells[3].Trim(),
            SourceDate = sourceDate,
        };
    }

    private static void Duplicates(List<DeclaredStatistic> rows, List<ImportError> errors)
    {
        foreach (var twice in rows.GroupBy(r => (r.Month, r.Metric)).Where(g => g.Count() > 1))
        {
            errors.Add(ImportError.Of(0, "metric", twice.Key.Metric.Name(), Refusal.Of(IndicatorCodes.DeclaredDuplicate, MonthText(twice.Key.Month), twice.Key.Metric.Name())));
        }
    }

    public static string MonthText(int month) => string.Create(CultureInfo.InvariantCulture, $"{month / 100:D4}-{month % 100:D2}");
}
