using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Rankings;

namespace OpenDvc.Indicators.Dashboard;

/// <summary>
/// /dashboard: the public national dashboard (no sign-in). Headline figures, the remote online rate against its
/// target, on-time and satisfaction, monthly trends and the rankings of ministries and provinces; rollups only.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class DashboardPage(DashboardFigures figures, IOptions<IndicatorsOptions> options, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true)]
    public AudienceFilter Audience { get; set; }

    public bool BadPeriod { get; private set; }

    public Period Period { get; private set; }

    public ScopeIndicators National { get; private set; } = null!;

    public Headline.HeadlineFigures Headline { get; private set; } = null!;

    public IReadOnlyList<ScopeIndicators> Trend { get; private set; } = [];

    public IReadOnlyList<RankedUnit> Ranked { get; private set; } = [];

    public int MinimumRatings => options.Value.MinimumRatings;

    /// <summary>A published edition to show (<c>?edition=</c>), or live figures for a signed-in user (<c>?live=true</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "edition")]
    public int? EditionId { get; set; }

    [BindProperty(SupportsGet = true, Name = "live")]
    public bool AskLive { get; set; }

    public EditionChoice Editions { get; private set; } = null!;

    /// <summary>The years the period picker offers.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    /// <summary>No dossier in the period: the page says so, leaves out the trends, and ranks no unit (each is "no data").</summary>
    public bool PeriodWithoutData => National.Totals.Dossiers == 0;

    /// <summary>The indicator the map is coloured by (<c>?map=</c>): one of <see cref="ProvinceMap.Indicators"/>.</summary>
    [BindProperty(SupportsGet = true, Name = "map")]
    public string? MapIndicator { get; set; }

    public ProvinceMap Map { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var view = await figures.LoadAsync(PeriodPick.Read(Request.Query).Text, Audience, EditionId, AskLive, User, ct);
        (BadPeriod, Period, National, Headline, Trend, Ranked, Editions) = (view.BadPeriod, view.Period, view.National, view.Headline, view.Trend, view.Ranked, view.Editions);
        PeriodText = Period.ToString();
        Years = PeriodPick.Years(Period, time);
        Map = Editions.Edition is null ? ProvinceMap.Of(Period, MapIndicator, Ranked) : ProvinceMap.Of(Period, MapIndicator, Editions.Rows);
        MapIndicator = Map.Indicator;
    }
}
