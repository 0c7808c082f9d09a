using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Checks;
using OpenDvc.Indicators.Definitions;
using OpenDvc.Indicators.Rankings;
using OpenDvc.Indicators.Savings;
using OpenDvc.Indicators.UnitReport;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Localization;
using OpenDvc.Platform.Pdf;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;
using OpenDvc.Resources;

namespace OpenDvc.Indicators.ReportPack;

/// <summary>
/// Writes the monthly report packs (issue 4; the monthly report on online service provision the 2021 letter asks each
/// unit for, docs/domain.md, Directives): a unit's and the nation's. Everything comes from the calculator, rankings, checks
/// and savings model the indicator pages use, so a pack says what the pages say; rollups only, never the dossier table.
/// The text depends only on the data, the month and the language (no clock), so the CLI and the endpoint write the same.
/// </summary>
public sealed class ReportPackComposer(
    OpenDvcDbContext db,
    IndicatorCalculator calculator,
    RankingQuery rankings,
    DeclaredVsObserved checks,
    IOptions<IndicatorsOptions> options,
    IStringLocalizer<IndicatorsText> text)
{
    /// <summary>How many services the pack lists, by online dossiers.</summary>
    public const int TopServices = 10;

    public static string FileName(string? unitCode, Period month) => $"bao-cao-thang-{unitCode ?? "toan-quoc"}-{month}.pdf";

    /// <summary>
    /// A unit's pack, the unit named as on the month's last day; with <see cref="UnitLineage.Successor"/> its figures,
    /// trends and services include the units merged into it, and the pack names them.
    /// </summary>
    public async Task<byte[]> UnitPackAsync(Unit unit, Period month, CultureInfo culture, CancellationToken ct, UnitLineage lineage = UnitLineage.AsItStood)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var timeline = await calculator.TimelineAsync(ct);
        var name = timeline.VersionAsOf(unit.Code, month.LastDay)?.Name ?? unit.Name;
        var fold = lineage == UnitLineage.Successor ? Lineage.FoldOf(timeline, unit.Code) : [unit.Code];
        var folded = fold.Skip(1).Select(c => $"{timeline.VersionAsOf(c, month.LastDay)?.Name ?? c} ({c})").ToList();
        var indicators = await calculator.ComputeAsync(new IndicatorQuery(month, unit.Code, Lineage: lineage), ct);
        var ranked = await rankings.RankAsync(month, AudienceFilter.Both, ct);
        var group = Ranking.GroupOf(timeline.VersionAsOf(unit.Code, month.LastDay)?.Kind ?? unit.Kind);
        var comparison = new PeerComparison(
            ranked.Select(r => r.Indicators).ToList(),
            ranked.Where(r => r.Group == group).Select(r => r.Indicators).ToList());
        var trend = await calculator.TrendAsync(new IndicatorQuery(YearToDate(month), unit.Code, Lineage: lineage), ct);
        var services = (await calculator.ComputeServicesAsync(unit.Code, month, AudienceFilter.Both, ct, lineage))
            .Where(s => s.Totals.Online > 0)
            .OrderByDescending(s => s.Totals.Online).ThenBy(s => s.ProcedureCode, StringComparer.Ordinal)
            .Take(TopServices)
            .ToList();
        var codes = services.Select(s => s.ProcedureCode!).ToList();
        var names = await db.Set<Procedure>().AsNoTracking().Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        var findings = await checks.FindAsync(unit.Code, month, ct);
        var definitions = await calculator.DefinitionsAsync(month, ct);
        var me = Ranking.RowOf(ranked, timeline, month, fold);

        return Write(culture, () => Format("Pack.UnitTitle", MonthText(month), name), $"OpenDVC · {unit.Code} · {month}", pdf =>
        {
            var facts = new List<(string, string)>
            {
                (text["Col.Unit"], $"{name} ({unit.Code})"),
                (text["Pack.Month"], MonthText(month)),
                (text["Col.Points"], IndicatorDisplay.IndexSummary(indicators.Index, text)),
            };
            if (lineage == UnitLineage.Successor)
            {
                facts.Add((text["Filter.Lineage"], folded.Count == 0 ? text["Lineage.NoneMerged"] : Format("Lineage.Included", string.Join(", ", folded))));
            }

            if (me?.Rank is { } rank)
            {
                var (mark, _) = IndicatorDisplay.Change(me, text);
                facts.Add((text["Ranking.Title"], $"{Format("Unit.Rank", rank, text[$"Ranking.{group}"])} {mark}".TrimEnd()));
            }

            facts.Add((text["Headline.Dossiers"], IndicatorDisplay.Count(indicators.Totals.Dossiers)));
            facts.Add((text["Headline.OnlineDossiers"], IndicatorDisplay.Count(indicators.Totals.Online)));
            pdf.Facts(facts);

            pdf.Heading(text["Pack.Index"]);
            IndicatorTable(pdf, indicators.Values.Where(v => v.InIndex), comparison);
            pdf.Paragraph(text["Index.Note"]);
            pdf.Heading(text["Methodology.Programme"]);
            IndicatorTable(pdf, indicators.Values.Where(v => !v.InIndex), comparison);
            pdf.Paragraph(Format("Unit.IndicatorsCaption", month, text[$"Ranking.{group}"]));

            Trends(pdf, month, trend);

            pdf.Heading(Format("Pack.TopServices", TopServices));
            pdf.Table(
                [new(text["Col.Code"]), new(text["Col.Procedure"]), new(text["Col.Dossiers"], true), new(text["Col.OnlineDossiers"], true), new(text["Headline.RemoteOnline"], true), new(text["Savings.Hours.Col"], true)],
                services.Select(s => (IReadOnlyList<string>)
                [
                    s.ProcedureCode!,
                    names.GetValueOrDefault(s.ProcedureCode!, s.ProcedureCode!),
                    IndicatorDisplay.Count(s.Totals.Dossiers),
                    IndicatorDisplay.Count(s.Totals.Online),
                    IndicatorDisplay.Value(s["RO"], text, options.Value.MinimumRatings),
                    SavingsEstimate.From(s.Totals, options.Value.Savings).HoursSaved.ToString("N0", CultureInfo.CurrentCulture),
                ]));

            pdf.Heading(text["Savings.Title"]);
            var savings = SavingsEstimate.From(indicators.Totals, options.Value.Savings);
            foreach (var step in IndicatorDisplay.SavingsWorking(savings, options.Value.Savings, text))
            {
                pdf.Paragraph("• " + step);
            }

            pdf.Paragraph(IndicatorDisplay.SavingsTotal(savings, text));
            pdf.Paragraph(text["Savings.Note"]);

            pdf.Heading(text["Checks.Title"]);
            pdf.Paragraph(text["Checks.Intro"]);
            if (findings.Count == 0)
            {
                pdf.Paragraph(text["Checks.None"]);
            }

            foreach (var finding in findings)
            {
                pdf.Paragraph($"• {finding.ProcedureCode} {finding.ProcedureName}: {IndicatorDisplay.Finding(finding, text)}");
            }

            HowComputed(pdf, month, definitions);
        });
    }

    public async Task<byte[]> NationalPackAsync(Period month, CultureInfo culture, CancellationToken ct)
    {
        var national = await calculator.ComputeAsync(new IndicatorQuery(month), ct);
        var trend = await calculator.TrendAsync(new IndicatorQuery(YearToDate(month)), ct);
        var ranked = await rankings.RankAsync(month, AudienceFilter.Both, ct);
        var definitions = await calculator.DefinitionsAsync(month, ct);

        return Write(culture, () => Format("Pack.NationalTitle", MonthText(month)), $"OpenDVC · {month}", pdf =>
        {
            string Value(string code) => IndicatorDisplay.Value(national[code], text, options.Value.MinimumRatings);
            string WithTarget(string code) => national[code] is { Target: not null } v ? $"{Value(code)} ({Format("Target", IndicatorDisplay.Target(v))})" : Value(code);
            pdf.Heading(Format("Headline.Caption", month));
            pdf.Facts(
            [
                (text["Headline.OnlineServices"], IndicatorDisplay.Count(national.Totals.OnlineServices)),
                (text["Headline.FullProcess"], WithTarget("FP")),
                (text["Headline.Dossiers"], IndicatorDisplay.Count(national.Totals.Dossiers)),
                (text["Headline.OnlineDossiers"], IndicatorDisplay.Count(national.Totals.Online)),
                (text["Headline.Payments"], IndicatorDisplay.Count(national.Totals.PaidOnline)),
                (text["Headline.Amount"], IndicatorDisplay.Count(national.Totals.PaidOnlineAmount)),
                (text["Headline.RemoteOnline"], WithTarget("RO")),
                (text["Headline.OnTime"], Value("2.1")),
                (text["Headline.Satisfaction"], WithTarget("HL")),
            ]);

            Trends(pdf, month, trend);

            pdf.Heading(text["Ranking.Title"]);
            pdf.Paragraph($"{text["Ranking.Note"]} {text["Index.Note"]}");
            foreach (var group in new[] { PeerGroup.Provinces, PeerGroup.Ministries })
            {
                pdf.Heading(Format("Ranking.Caption", text[$"Ranking.{group}"], month, month.Previous()));
                pdf.Table(
                    [
                        new(text["Col.Rank"], true), new(text["Col.Change"]), new(text["Col.Unit"]), new(text["Col.Points"], true), new(text["Col.Covered"], true),
                        new(text["Headline.RemoteOnline"], true), new(text["Headline.OnTime"], true), new(text["Headline.Satisfaction"], true), new(text["Headline.FullProcess"], true),
                    ],
                    ranked.Where(r => r.Group == group).Select(r => (IReadOnlyList<string>)
                    [
                        r.Rank?.ToString(CultureInfo.CurrentCulture) ?? "",
                        IndicatorDisplay.Change(r, text).Mark,
                        r.Name,
                        IndicatorDisplay.Points(r.Indicators.Index.Points),
                        IndicatorDisplay.Points(r.Indicators.Index.CoveredPoints),
                        IndicatorDisplay.Value(r.Indicators["RO"], text, options.Value.MinimumRatings),
                        IndicatorDisplay.Value(r.Indicators["2.1"], text, options.Value.MinimumRatings),
                        IndicatorDisplay.Value(r.Indicators["HL"], text, options.Value.MinimumRatings),
                        IndicatorDisplay.Value(r.Indicators["FP"], text, options.Value.MinimumRatings),
                    ]));
            }

            HowComputed(pdf, month, definitions);
        }, landscape: true);
    }

    /// <summary>January to the month: the trend charts' span.</summary>
    public static Period YearToDate(Period month) => new((month.ToMonth / 100 * 100) + 1, month.ToMonth);

    private static byte[] Write(CultureInfo culture, Func<string> title, string footer, Action<PdfReport> body, bool landscape = false)
    {
        // The pack is written in one language whatever the thread's culture: Vietnamese unless English is asked for.
        var chosen = culture?.TwoLetterISOLanguageName == "en" ? LocalizationModule.Cultures[1] : LocalizationModule.Cultures[0];
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = chosen;
            using var pdf = new PdfReport(title(), footer, landscape);
            body(pdf);
            using var output = new MemoryStream();
            pdf.Save(output);
            return output.ToArray();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }

    private string Format(string key, params object[] arguments) => string.Format(CultureInfo.CurrentCulture, text[key], arguments);

    /// <summary>"06/2023": how a month is written in the packs' titles.</summary>
    private static string MonthText(Period month) => month.FirstDay.ToString("MM/yyyy", CultureInfo.InvariantCulture);

    private void IndicatorTable(PdfReport pdf, IEnumerable<IndicatorValue> values, PeerComparison comparison)
    {
        var vi = IndicatorDisplay.IsVietnamese;
        pdf.Table(
            [new(text["Col.Code"]), new(text["Col.Indicator"]), new(text["Col.Value"], true), new(text["Col.Target"], true), new(text["Col.Score"], true), new(text["Col.National"], true), new(text["Col.Percentile"], true)],
            values.Select(v => (IReadOnlyList<string>)
            [
                v.Code,
                v.Name(vi),
                IndicatorDisplay.Value(v, text, options.Value.MinimumRatings),
                IndicatorDisplay.Target(v),
                IndicatorDisplay.Score(v),
                IndicatorDisplay.Median(v, comparison, text),
                IndicatorDisplay.Percentile(v, comparison, text),
            ]));
    }

    /// <summary>The year-to-date charts: the remote online rate against its target, the on-time rate, dossiers received.</summary>
    private void Trends(PdfReport pdf, Period month, IReadOnlyList<ScopeIndicators> trend)
    {
        var labels = trend.Select(m => m.Period.ToString()).ToList();
        List<double?> Of(string code) => trend.Select(m => m[code]?.Value is { } v ? (double?)v : null).ToList();
        var target = trend.Count > 0 && trend[^1]["RO"]?.Target is { } t ? (double?)t : null;
        pdf.Heading(Format("Pack.Trends", YearToDate(month)));
        var remoteCaption = target is { } tl ? $"{text["Chart.RemoteOnline"]} ({Format("Chart.TargetLine", SvgChart.Format(tl, ChartScale.Percent))})" : text["Chart.RemoteOnline"];
        pdf.LineChart(remoteCaption, labels, [new ChartSeries(text["Headline.RemoteOnline"], Of("RO"))], ChartScale.Percent, target);
        pdf.LineChart(text["Chart.OnTime"], labels, [new ChartSeries(text["Headline.OnTime"], Of("2.1"))], ChartScale.Percent);
        pdf.BarChart(text["Chart.Dossiers"], labels, new ChartSeries(text["Headline.Dossiers"], trend.Select(m => (double?)m.Totals.Dossiers).ToList()), ChartScale.Count);
    }

    /// <summary>How the figures are computed: from monthly rollups, with the definition versions in force on the month's last day.</summary>
    private void HowComputed(PdfReport pdf, Period month, IReadOnlyList<IndicatorDefinition> definitions)
    {
        pdf.Heading(text["Pack.HowComputed"]);
        pdf.Paragraph(Format("Pack.HowComputedText", month.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            string.Join(", ", definitions.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Code} v{d.Version} ({d.EffectiveFrom:yyyy-MM-dd})")))));
        pdf.Paragraph(text["Methodology.Rule"]);
        pdf.Paragraph(text["Methodology.Period"]);
        pdf.Paragraph(Format("Methodology.Ratings", options.Value.MinimumRatings));
        pdf.Paragraph(text["Methodology.RankingRule"]);
    }
}
