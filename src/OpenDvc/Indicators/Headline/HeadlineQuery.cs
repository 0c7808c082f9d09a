using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Definitions;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Services;

namespace OpenDvc.Indicators.Headline;

/// <summary>
/// The programme at a glance, as the press quotes it: online public services counted by national procedure code and
/// as unit × procedure offerings (each split full-process / partial), synced and online dossiers, online payments, the
/// full-process rate, and the figures only the national portal knows, marked as declared. Dated by the ledger's
/// last commit.
/// </summary>
public sealed record HeadlineFigures(
    string Period,
    DateTimeOffset? DataAsOf,
    long Services,
    long ServicesFullProcess,
    long ServicesPartial,
    long Offerings,
    long OfferingsFullProcess,
    long OfferingsPartial,
    long SyncedDossiers,
    long OnlineDossiers,
    long OnlinePayments,
    long OnlinePaymentsAmount,
    IndicatorValue? FullProcessRate,
    IReadOnlyList<DeclaredFigure> Declared);

public sealed class HeadlineQuery(OpenDvcDbContext db, IndicatorCalculator calculator, DeclaredStatistics declared, DataDate dataDate, IMemoryCache cache, DataChanges changes)
{
    /// <summary>Kept like the indicators: until the data behind them changes, and at most 10 minutes.</summary>
    public async Task<HeadlineFigures> LoadAsync(Period period, CancellationToken ct) =>
        (await cache.GetOrCreateAsync((typeof(HeadlineQuery), period), entry =>
        {
            entry.AddExpirationToken(changes.Token);
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return LoadUncachedAsync(period, ct);
        }))!;

    private async Task<HeadlineFigures> LoadUncachedAsync(Period period, CancellationToken ct)
    {
        var national = await calculator.ComputeAsync(new IndicatorQuery(period), ct);
        var day = period.LastDay;
        var offerings = await db.Set<OnlineService>().AsNoTracking()
            .Where(s => s.OnlineSince <= day)
            .Select(s => new { s.ProcedureCode, s.Level, s.FullProcessSince })
            .ToListAsync(ct);

        // An offering is full-process once its full-process day has come; a service (a national procedure code) is
        // full-process where at least one unit offers it so.
        bool FullProcess(ServiceLevel level, DateOnly? since) => level == ServiceLevel.FullProcess && (since is null || since <= day);
        var offeringsFullProcess = offerings.Count(o => FullProcess(o.Level, o.FullProcessSince));
        var services = offerings.GroupBy(o => o.ProcedureCode, StringComparer.Ordinal).ToList();
        var servicesFullProcess = services.Count(g => g.Any(o => FullProcess(o.Level, o.FullProcessSince)));
        var totals = national.Totals;
        return new HeadlineFigures(
            period.ToString(),
            await dataDate.LatestAsync(ct),
            services.Count,
            servicesFullProcess,
            services.Count - servicesFullProcess,
            offerings.Count,
            offeringsFullProcess,
            offerings.Count - offeringsFullProcess,
            totals.Dossiers,
            totals.Online,
            totals.PaidOnline,
            totals.PaidOnlineAmount,
            national["FP"],
            await declared.FiguresAsync(period, ct));
    }
}
