using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Definitions;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Resources;

namespace OpenDvc.Indicators;

/// <summary>An indicator's column in a published table: its code, names and kind (a ratio prints as a percentage, days as days).</summary>
public sealed record IndicatorColumn(string Code, string NameVi, string NameEn, ValueKind Kind)
{
    public static IndicatorColumn From(IndicatorValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value.Code, value.NameVi, value.NameEn, value.Kind);
    }
}

/// <summary>
/// Indicator tables as files a reader can publish from (README, Exports): headers in
/// the reader's language, percentages as percentages rounded like the pages (22/24 = 91.7), and a heading with the
/// title, the period, up to when the data runs (the ledger's last commit, or an edition's publication) and the source.
/// <c>headers=codes</c> keeps the layout scripts read: code headers, ratios from 0 to 1, no heading.
/// </summary>
public sealed class IndicatorExport(OpenDvcDbContext db, DataDate dataDate, IStringLocalizer<IndicatorsText> text)
{
    /// <summary>Whether the caller asked for the machine layout (<c>headers=codes</c>).</summary>
    public static bool ForMachines(string? headers) => string.Equals(headers, "codes", StringComparison.OrdinalIgnoreCase);

    /// <summary>The heading of a table computed live: dated by the ledger's last committed batch.</summary>
    public async Task<ExportHeading> HeadingAsync(string title, Period period, CancellationToken ct)
    {
        var asOf = await dataDate.LatestAsync(ct);
        return Heading(title, period, asOf is { } at ? Format("Export.Live", IndicatorDisplay.VietnamDateTime(at)) : text["Headline.NoData"]);
    }

    /// <summary>The heading of a published edition: dated by its publication, after which its figures never change.</summary>
    public ExportHeading EditionHeading(string title, Period period, int edition, DateTimeOffset publishedAt) =>
        Heading(title, period, Format("Export.Edition", edition, IndicatorDisplay.VietnamDateTime(publishedAt)));

    private ExportHeading Heading(string title, Period period, string dated) =>
        new(title, [Format("Export.Period", PeriodLabel(period)), dated, text["Export.Source"]]);

    /// <summary>"năm 2023", "quý 2/2023", "tháng 5/2023", "từ tháng 1/2023 đến tháng 6/2023" (English alike).</summary>
    public string PeriodLabel(Period period)
    {
        var (first, last) = (period.FirstDay, period.LastDay);
        string MonthOf(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Month}/{d.Year}");
        return period.Months switch
        {
            1 => Format("Period.Month", first.Month, first.Year),
            3 when first.Month % 3 == 1 => Format("Period.Quarter", (first.Month + 2) / 3, first.Year),
            12 when first.Month == 1 => Format("Period.Year", first.Year),
            _ => Format("Period.Range", MonthOf(first), MonthOf(last)),
        };
    }

    public string Text(string key) => text[key];

    /// <summary>An indicator's header: "2.1 Tỷ lệ hồ sơ đúng hạn (%)", or "(ngày)" for a number of days.</summary>
    public string Header(IndicatorColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var name = $"{column.Code} {(IndicatorDisplay.IsVietnamese ? column.NameVi : column.NameEn)}";
        return Format(column.Kind == ValueKind.Days ? "Export.Days" : "Export.Percent", name);
    }

    /// <summary>A value as its header reads it: a ratio as a percentage to one decimal, days to one decimal, half away from zero.</summary>
    public static decimal? Value(IndicatorColumn column, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        return value is { } v ? Math.Round(column.Kind == ValueKind.Days ? v : v * 100, 1, MidpointRounding.AwayFromZero) : null;
    }

    /// <summary>The columns of an edition, from the definition versions it was published with ("2.1 v1, 2.2 v1, …"), in that order.</summary>
    public async Task<IReadOnlyList<IndicatorColumn>> ColumnsOfAsync(string definitionVersions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(definitionVersions);
        var wanted = definitionVersions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split(" v", 2))
            .Where(p => p.Length == 2 && int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(p => (Code: p[0], Version: int.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
        var codes = wanted.Select(w => w.Code).ToList();
        var definitions = await db.Set<IndicatorDefinition>().AsNoTracking().Where(d => codes.Contains(d.Code)).ToListAsync(ct);
        return wanted
            .Select(w => definitions.SingleOrDefault(d => d.Code == w.Code && d.Version == w.Version))
            .OfType<IndicatorDefinition>()
            .Select(d => new IndicatorColumn(d.Code, d.NameVi, d.NameEn, Formulas.All.TryGetValue(d.FormulaKey, out var f) ? f.Kind : ValueKind.Ratio))
            .ToList();
    }

    private string Format(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, text[key], args);
}
