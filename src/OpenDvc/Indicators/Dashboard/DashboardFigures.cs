using System.Security.Claims;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Rankings;
using OpenDvc.Platform.Database;

namespace OpenDvc.Indicators.Dashboard;

/// <summary>What the dashboard shows for one request: its period, the nation's figures, their trend, the rankings.</summary>
public sealed record DashboardView(bool BadPeriod, Period Period, ScopeIndicators National, Headline.HeadlineFigures Headline, IReadOnlyList<ScopeIndicators> Trend, IReadOnlyList<RankedUnit> Ranked, EditionChoice Editions);

/// <summary>
/// The dashboard's figures for a request: the page asks for them, and <see cref="DashboardWarmer"/> asks for the
/// public's default view ahead of the first visitor, so both take the same path and fill the same cache entries.
/// </summary>
public sealed class DashboardFigures(OpenDvcDbContext db, IndicatorCalculator calculator, Headline.HeadlineQuery headline, RankingQuery rankings, TimeProvider time)
{
    public async Task<DashboardView> LoadAsync(string? periodText, AudienceFilter audience, int? editionId, bool askLive, ClaimsPrincipal user, CancellationToken ct)
    {
        var (query, problem) = await new IndicatorRequest(periodText, null, null, audience).ResolveAsync(db, time, ct);
        var badPeriod = problem is not null;
        query ??= new IndicatorQuery(await IndicatorRequest.DefaultPeriodAsync(db, time, ct), Audience: audience);
        var askedPeriod = string.IsNullOrEmpty(periodText) || badPeriod ? (Period?)null : query.Period;
        var editions = await DashboardEditions.ChooseAsync(db, user, editionId, askLive, askedPeriod, audience, ct);
        if (editions.Edition is { } edition && Period.TryParse(edition.Period, out var editionPeriod))
        {
            query = query with { Period = editionPeriod };
        }

        var national = await calculator.ComputeAsync(query, ct);
        var trend = await calculator.TrendAsync(query, ct);
        var ranked = editions.Live ? await rankings.RankAsync(query.Period, query.Audience, ct) : [];
        return new DashboardView(badPeriod, query.Period, national, await headline.LoadAsync(query.Period, ct), trend, ranked, editions);
    }
}
