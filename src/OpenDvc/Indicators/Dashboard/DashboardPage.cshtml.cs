using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Rankings;
using OpenDvc.Platform.Database;

namespace OpenDvc.Indicators.Dashboard;

/// <summary>
/// /dashboard: the public national dashboard (no sign-in). Headline figures, the remote online rate against its
/// target, on-time and satisfaction, monthly trends and the rankings of ministries and provinces; rollups only.
/// </summary>
public sealed class DashboardPage(OpenDvcDbContext db, IndicatorCalculator calculator, RankingQuery rankings, TimeProvider time, IOptions<IndicatorsOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true)]
    public AudienceFilter Audience { get; set; }

    public bool BadPeriod { get; private set; }

    public Period Period { get; private set; }

    public ScopeIndicators National { get; private set; } = null!;

    public IReadOnlyList<ScopeIndicators> Trend { get; private set; } = [];

    public IReadOnlyList<RankedUnit> Ranked { get; private set; } = [];

    public int MinimumRatings => options.Value.MinimumRatings;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (query, problem) = await new IndicatorRequest(PeriodText, null, null, Audience).ResolveAsync(db, time, ct);
        BadPeriod = problem is not null;
        query ??= new IndicatorQuery(await IndicatorRequest.DefaultPeriodAsync(db, time, ct), Audience: Audience);
        Period = query.Period;
        PeriodText = Period.ToString();
        National = await calculator.ComputeAsync(query, ct);
        Trend = await calculator.TrendAsync(query, ct);
        Ranked = await rankings.RankAsync(query.Period, query.Audience, ct);
    }
}
