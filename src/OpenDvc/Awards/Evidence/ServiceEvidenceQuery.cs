using Microsoft.EntityFrameworkCore;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Savings;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;

namespace OpenDvc.Awards.Evidence;

/// <summary>
/// The figures a nomination is judged on, asked of Indicators (<see cref="IndicatorCalculator"/>), the only reader of the
/// ledger's rollups (issue 19): so a nominee's evidence and the dashboards give one answer for the same service and period.
/// </summary>
public sealed class ServiceEvidenceQuery(OpenDvcDbContext db, IndicatorCalculator indicators, TimeProvider time)
{
    public async Task<ServiceEvidence?> ForServiceAsync(AwardCampaign campaign, string unitCode, string procedureCode, CancellationToken ct)
    {
        var procedure = await db.Set<Procedure>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == procedureCode, ct);
        if (procedure is null)
        {
            return null;
        }

        var service = await db.Set<OnlineService>().AsNoTracking().SingleOrDefaultAsync(s => s.UnitCode == unitCode && s.ProcedureCode == procedureCode, ct);
        var period = new Period(campaign.FirstYear * 100 + 1, campaign.LastYear * 100 + 12);
        var totals = (await indicators.ComputeAsync(new IndicatorQuery(period, unitCode, procedureCode), ct)).Totals;

        var years = new List<YearFigures>();
        foreach (var year in campaign.Years)
        {
            var perService = (await indicators.ComputeServicesAsync(unitCode, Period.Year(year), AudienceFilter.Both, ct))
                .Where(s => s.Totals.Online > 0)
                .ToDictionary(s => s.ProcedureCode!, s => s.Totals.Online, StringComparer.Ordinal);
            var mine = perService.GetValueOrDefault(procedureCode);
            int? rank = mine > 0 ? 1 + perService.Values.Count(v => v > mine) : null;
            years.Add(new YearFigures(year, mine, rank, perService.Count, perService.Count == 0 ? 0 : perService.Values.Max()));
        }

        var assumptions = campaign.SavingsAssumptions();
        return new ServiceEvidence(
            unitCode,
            procedureCode,
            procedure.Name,
            service?.Level,
            service?.FullProcessSince,
            years,
            totals.Dossiers,
            totals.Online,
            totals.OnlineRemote,
            totals.RatedVerySatisfied,
            totals.RatedSatisfied,
            totals.RatedNotSatisfied,
            totals.FinishedEarly + totals.FinishedOnTime,
            totals.FinishedEarly + totals.FinishedOnTime + totals.FinishedLate,
            totals.FeeBearing,
            totals.PaidOnline,
            totals.PaidOnlineAmount,
            SavingsEstimate.From(totals, assumptions),
            assumptions,
            time.GetUtcNow());
    }
}
