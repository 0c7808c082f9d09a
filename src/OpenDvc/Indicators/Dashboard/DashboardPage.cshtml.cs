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
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPageCache.Policy)]
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

    /// <summary>A published edition to show (<c>?edition=</c>), or live figures for a signed-in user (<c>?live=true</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "edition")]
    public int? EditionId { get; set; }

    [BindProperty(SupportsGet = true, Name = "live")]
    public bool AskLive { get; set; }

    public EditionChoice Editions { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (query, problem) = await new IndicatorRequest(PeriodText, null, null, Audience).ResolveAsync(db, time, ct);
        BadPeriod = problem is not null;
        query ??= new IndicatorQuery(await IndicatorRequest.DefaultPeriodAsync(db, time, ct), Audience: Audience);
        var askedPeriod = string.IsNullOrEmpty(PeriodText) || BadPeriod ? (Period?)null : query.Period;
        Editions = await DashboardEditions.ChooseAsync(db, User, EditionId, AskLive, askedPeriod, Audience, ct);
        if (Editions.Edition is { } edition && Period.TryParse(edition.Period, out var editionPeriod))
        {
            query = query with { Period = editionPeriod };
        }

        Period = query.Period;
        PeriodText = Period.ToString();
        National = await calculator.ComputeAsync(query, ct);
        Trend = await calculator.TrendAsync(query, ct);
        Ranked = Editions.Live ? await rankings.RankAsync(query.Period, query.Audience, ct) : [];
    }
}
