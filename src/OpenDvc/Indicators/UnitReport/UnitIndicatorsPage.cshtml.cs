using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Rankings;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;

namespace OpenDvc.Indicators.UnitReport;

/// <summary>A service row of the unit page: its procedure and indicators.</summary>
public sealed record ServiceRow(string ProcedureCode, string ProcedureName, ScopeIndicators Indicators, decimal HoursSaved);

/// <summary>
/// /indicators/units/{code}: a unit's indicators against targets, the national median and its peers' percentile, its
/// rank, monthly trends, and its services ranked by online dossiers (downloadable), each with a drill-down.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class UnitIndicatorsPage(OpenDvcDbContext db, IndicatorCalculator calculator, RankingQuery rankings, Checks.DeclaredVsObserved checks, Quality.QualityQuery quality, TimeProvider time, IOptions<IndicatorsOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true)]
    public AudienceFilter Audience { get; set; }

    /// <summary><c>successor</c>: the unit's figures include those of the units merged into it; else the unit as it stood in the period.</summary>
    [BindProperty(SupportsGet = true, Name = "lineage")]
    public string? LineageText { get; set; }

    public UnitLineage Lineage { get; private set; }

    public Unit Unit { get; private set; } = null!;

    /// <summary>The unit's name on the period's last day (15 is Yên Bái in 2023, Lào Cai from 1/7/2025); today's name when it had none then.</summary>
    public string UnitName { get; private set; } = "";

    /// <summary>With <see cref="UnitLineage.Successor"/>: the codes merged into the unit whose figures are included, with their names.</summary>
    public IReadOnlyList<(string Code, string Name)> Folded { get; private set; } = [];

    public ScopeIndicators Indicators { get; private set; } = null!;

    public RankedUnit? Ranked { get; private set; }

    public PeerComparison Comparison { get; private set; } = null!;

    public IReadOnlyList<ScopeIndicators> Trend { get; private set; } = [];

    /// <summary>Every service of the unit, most dossiers first (the export).</summary>
    public IReadOnlyList<ServiceRow> Services { get; private set; } = [];

    /// <summary>Words to find in a service's code or name (<c>?q=</c>), accents and case aside: "ho tich" finds "hộ tịch".</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>The page of services shown (<c>?servicesPage=</c>, from 1; "page" is Razor Pages' own route value): a province carries out a thousand procedures or more.</summary>
    [BindProperty(SupportsGet = true, Name = "servicesPage")]
    public int PageNumber { get; set; } = 1;

    public const int PageSize = 25;

    /// <summary>The services matching <see cref="Search"/>, and the page of them shown.</summary>
    public int Matching { get; private set; }

    public IReadOnlyList<ServiceRow> ServicesPage { get; private set; } = [];

    public int PageCount => Math.Max(1, (Matching + PageSize - 1) / PageSize);

    public IReadOnlyList<int> Years { get; private set; } = [];

    public bool BadPeriod { get; private set; }

    public IReadOnlyList<Checks.Finding> Findings { get; private set; } = [];

    /// <summary>The unit's data-quality scorecard over the page's period, read as the records that arrived in it (records arrive when they arrive, not in the dossier period).</summary>
    public Quality.QualityScorecard Quality { get; private set; } = null!;

    public Period QualityPeriod { get; private set; }

    public Quality.QualityOptions QualityThresholds => quality.Thresholds;

    public Savings.SavingsEstimate Savings => OpenDvc.Indicators.Savings.SavingsEstimate.From(Indicators.Totals, SavingsAssumptions);

    public Savings.SavingsOptions SavingsAssumptions => options.Value.Savings;

    public int MinimumRatings => options.Value.MinimumRatings;

    /// <param name="headers">With a format: <c>codes</c> for the machine layout of the services table; by default the reader's.</param>
    public async Task<IActionResult> OnGetAsync(string code, string? format, string? headers, [FromServices] IndicatorExport export, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null)
        {
            return NotFound();
        }

        Unit = unit;
        var (query, problem) = await new IndicatorRequest(PeriodPick.Read(Request.Query).Text, code, null, Audience, LineageText).ResolveAsync(db, time, ct);
        BadPeriod = problem is not null;
        var lineage = Calculation.Lineage.TryParse(LineageText, out var asked) ? asked : UnitLineage.AsItStood;
        query ??= new IndicatorQuery(await IndicatorRequest.DefaultPeriodAsync(db, time, ct), code, Audience: Audience, Lineage: lineage);
        PeriodText = query.Period.ToString();
        Years = PeriodPick.Years(query.Period, time);
        Lineage = query.Lineage;
        LineageText = Lineage == UnitLineage.Successor ? "successor" : null;
        var timeline = await calculator.TimelineAsync(ct);
        UnitName = timeline.VersionAsOf(code, query.Period.LastDay)?.Name ?? unit.Name;
        var fold = Lineage == UnitLineage.Successor ? Calculation.Lineage.FoldOf(timeline, code) : [code];
        Folded = fold.Skip(1).Select(c => (c, timeline.VersionsOf(c) is [.., var last] ? last.Name : c)).ToList();

        var names = await db.Set<Procedure>().AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        Services = (await calculator.ComputeServicesAsync(code, query.Period, query.Audience, ct, query.Lineage))
            .Select(s => new ServiceRow(s.ProcedureCode!, names.GetValueOrDefault(s.ProcedureCode!, s.ProcedureCode!), s,
                OpenDvc.Indicators.Savings.SavingsEstimate.From(s.Totals, options.Value.Savings).HoursSaved))
            .OrderByDescending(s => s.Indicators.Totals.Dossiers).ThenByDescending(s => s.Indicators.Totals.Online).ThenBy(s => s.ProcedureCode, StringComparer.Ordinal)
            .ToList();
        var matching = Services.Where(s => Matches(s, Search)).ToList();
        Matching = matching.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        ServicesPage = matching.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        if (TableExport.IsSupported(format))
        {
            var stem = $"services-{code}-{query.Period}";
            var file = IndicatorExport.ForMachines(headers)
                ? await TableExport.ToFileAsync(Services.ToAsyncEnumerable(), ServiceColumns, format!, stem, ct)
                : await TableExport.ToFileAsync(Services.ToAsyncEnumerable(), ReaderServiceColumns(export, Services), format!, stem, ct,
                    heading: await export.HeadingAsync(string.Format(System.Globalization.CultureInfo.CurrentCulture, export.Text("Export.ServicesTitle"), UnitName), query.Period, ct));
            await file.ExecuteAsync(HttpContext);
            return new EmptyResult();
        }

        // The ranking folds in the units merged into this one by the period's last day: its figures are this page's
        // when both hold the same units among those in force at some time in the period.
        var ranked = await rankings.RankAsync(query.Period, query.Audience, ct);
        Ranked = Ranking.RowOf(ranked, timeline, query.Period, fold);
        Indicators = Ranked?.Indicators ?? await calculator.ComputeAsync(query, ct);
        var group = Ranking.GroupOf(unit.Kind);
        Comparison = new PeerComparison(
            ranked.Select(r => r.Indicators).ToList(),
            ranked.Where(r => r.Group == group).Select(r => r.Indicators).ToList());
        Trend = await calculator.TrendAsync(query, ct);
        Findings = await checks.FindAsync(code, query.Period, ct);
        // The page's period, as the records that arrived in it: the card answers for the period the reader chose.
        QualityPeriod = query.Period;
        Quality = await OpenDvc.Indicators.Quality.QualityApi.UnitScorecardAsync(quality, unit, QualityPeriod, ct, Lineage);
        return Page();
    }

    private static readonly IReadOnlyList<ExportColumn<ServiceRow>> ServiceColumns =
    [
        new("procedure", s => s.ProcedureCode),
        new("name", s => s.ProcedureName),
        new("dossiers", s => s.Indicators.Totals.Dossiers),
        new("online_dossiers", s => s.Indicators.Totals.Online),
        new("remote_online_rate", s => Round(s.Indicators["RO"]?.Value)),
        new("on_time_rate", s => Round(s.Indicators["2.1"]?.Value)),
        new("satisfaction", s => Round(s.Indicators["HL"]?.Value)),
        new("average_processing_days", s => Round(s.Indicators["2.2"]?.Value)),
        new("hours_saved", s => s.HoursSaved),
    ];

    /// <summary>The services table for readers: the same figures under headers in their language, rates as percentages.</summary>
    private static IReadOnlyList<ExportColumn<ServiceRow>> ReaderServiceColumns(IndicatorExport export, IReadOnlyList<ServiceRow> services)
    {
        var sample = services.Count > 0 ? services[0].Indicators : null;
        string[] shown = ["RO", "2.1", "HL", "2.2"];
        var indicators = shown.Select(code => sample?[code]).OfType<IndicatorValue>().Select(IndicatorColumn.From)
            .Select(c => new ExportColumn<ServiceRow>(export.Header(c), s => IndicatorExport.Value(c, s.Indicators[c.Code]?.Value)));
        return
        [
            new(export.Text("Col.Code"), s => s.ProcedureCode),
            new(export.Text("Col.Procedure"), s => s.ProcedureName),
            new(export.Text("Col.Dossiers"), s => s.Indicators.Totals.Dossiers),
            new(export.Text("Col.OnlineDossiers"), s => s.Indicators.Totals.Online),
            .. indicators,
            new(export.Text("Export.HoursSaved"), s => s.HoursSaved),
        ];
    }

    private static bool Matches(ServiceRow service, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return true;
        }

        var text = Fold($"{service.ProcedureCode} {service.ProcedureName}");
        return Fold(search).Split(' ', StringSplitOptions.RemoveEmptyEntries).All(word => text.Contains(word, StringComparison.Ordinal));
    }

    /// <summary>Lower case without accents, đ as d: what a search typed on a keyboard without Vietnamese input matches.</summary>
    private static string Fold(string text) =>
        new string(text.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c)).ToArray());

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 4) : null;
}
