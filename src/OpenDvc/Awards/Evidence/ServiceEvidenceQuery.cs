using Microsoft.EntityFrameworkCore;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;

namespace OpenDvc.Awards.Evidence;

/// <summary>
/// The one place Awards reads the ledger: every figure comes from <see cref="DossierRollup"/> (decision 004),
/// never from the dossier table. One grouped read per unit and campaign; meant to be swapped for the Indicators
/// capability's query types once they exist.
/// </summary>
public sealed class ServiceEvidenceQuery(OpenDvcDbContext db, TimeProvider time)
{
    private sealed record Sums(
        string ProcedureCode, int Year, DossierChannel Channel, long Dossiers, long VerySatisfied, long Satisfied, long NotSatisfied,
        long Early, long OnTime, long Late, long FeeBearing, long FeeAmount, long PaidOnline, long PaidOnlineAmount, long ProcessingMinutes, long ProcessingCount);

    private static bool IsOnline(DossierChannel channel) => channel is DossierChannel.OnlineRemote or DossierChannel.OnlineAssisted;

    public async Task<ServiceEvidence?> ForServiceAsync(AwardCampaign campaign, string unitCode, string procedureCode, CancellationToken ct)
    {
        var procedure = await db.Set<Procedure>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == procedureCode, ct);
        if (procedure is null)
        {
            return null;
        }

        var service = await db.Set<OnlineService>().AsNoTracking().SingleOrDefaultAsync(s => s.UnitCode == unitCode && s.ProcedureCode == procedureCode, ct);
        var sums = await SumsAsync(campaign, unitCode, ct);
        var own = sums.Where(s => s.ProcedureCode == procedureCode).ToList();

        var years = campaign.Years.Select(year =>
        {
            var perService = sums.Where(s => s.Year == year && IsOnline(s.Channel))
                .GroupBy(s => s.ProcedureCode)
                .ToDictionary(g => g.Key, g => g.Sum(s => s.Dossiers), StringComparer.Ordinal);
            var mine = perService.GetValueOrDefault(procedureCode);
            int? rank = mine > 0 ? 1 + perService.Values.Count(v => v > mine) : null;
            return new YearFigures(year, mine, rank, perService.Count, perService.Count == 0 ? 0 : perService.Values.Max());
        }).ToList();

        var online = own.Where(s => IsOnline(s.Channel)).ToList();
        var counter = own.Where(s => s.Channel == DossierChannel.Direct).ToList();
        return new ServiceEvidence(
            unitCode,
            procedureCode,
            procedure.Name,
            service?.Level,
            service?.FullProcessSince,
            years,
            own.Sum(s => s.Dossiers),
            online.Sum(s => s.Dossiers),
            own.Where(s => s.Channel == DossierChannel.OnlineRemote).Sum(s => s.Dossiers),
            own.Sum(s => s.VerySatisfied),
            own.Sum(s => s.Satisfied),
            own.Sum(s => s.NotSatisfied),
            own.Sum(s => s.Early + s.OnTime),
            own.Sum(s => s.Early + s.OnTime + s.Late),
            own.Sum(s => s.FeeBearing),
            own.Sum(s => s.PaidOnline),
            own.Sum(s => s.PaidOnlineAmount),
            Savings(campaign, own.Where(s => s.Channel == DossierChannel.OnlineRemote).Sum(s => s.Dossiers), online, counter),
            time.GetUtcNow());
    }

    /// <summary>docs/domain.md "Time and cost saved", with the campaign's assumptions.</summary>
    private static SavingsEstimate Savings(AwardCampaign campaign, long remoteOnline, IReadOnlyList<Sums> online, IReadOnlyList<Sums> counter)
    {
        var trips = remoteOnline * campaign.TripsPerDossier;
        var counterMean = MeanHours(counter);
        var onlineMean = MeanHours(online);
        var onlineFinished = online.Sum(s => s.ProcessingCount);
        var processing = counterMean is { } c && onlineMean is { } o ? Math.Max(0, c - o) * onlineFinished : 0;
        var counterFee = ServiceEvidence.Ratio(counter.Sum(s => s.FeeAmount), counter.Sum(s => s.Dossiers));
        var onlineFee = ServiceEvidence.Ratio(online.Sum(s => s.FeeAmount), online.Sum(s => s.Dossiers));
        var feeSaved = counterFee is { } cf && onlineFee is { } of ? (long)Math.Round(Math.Max(0, cf - of) * online.Sum(s => s.Dossiers)) : 0;
        return new SavingsEstimate(
            campaign.TripsPerDossier, campaign.HoursPerTrip, campaign.CostPerTrip, campaign.ValueOfHour,
            trips, trips * campaign.HoursPerTrip, counterMean, onlineMean, onlineFinished, Math.Round(processing, 1), counterFee, onlineFee, feeSaved);
    }

    private static decimal? MeanHours(IReadOnlyList<Sums> rows)
    {
        var count = rows.Sum(s => s.ProcessingCount);
        return count == 0 ? null : Math.Round(rows.Sum(s => s.ProcessingMinutes) / 60m / count, 2);
    }

    /// <summary>The unit's rollups over the campaign's years, summed per procedure, year and channel.</summary>
    private async Task<List<Sums>> SumsAsync(AwardCampaign campaign, string unitCode, CancellationToken ct)
    {
        var from = (campaign.FirstYear * 100) + 1;
        var to = (campaign.LastYear * 100) + 12;
        return await db.Set<DossierRollup>().AsNoTracking()
            .Where(r => r.UnitCode == unitCode && r.Month >= from && r.Month <= to)
            .GroupBy(r => new { r.ProcedureCode, Year = r.Month / 100, r.Channel })
            .Select(g => new Sums(
                g.Key.ProcedureCode, g.Key.Year, g.Key.Channel,
                g.Sum(r => r.Dossiers), g.Sum(r => r.RatedVerySatisfied), g.Sum(r => r.RatedSatisfied), g.Sum(r => r.RatedNotSatisfied),
                g.Sum(r => r.FinishedEarly), g.Sum(r => r.FinishedOnTime), g.Sum(r => r.FinishedLate),
                g.Sum(r => r.FeeBearing), g.Sum(r => r.FeeAmount), g.Sum(r => r.PaidOnline), g.Sum(r => r.PaidOnlineAmount),
                g.Sum(r => r.ProcessingMinutes), g.Sum(r => r.ProcessingCount)))
            .ToListAsync(ct);
    }
}
