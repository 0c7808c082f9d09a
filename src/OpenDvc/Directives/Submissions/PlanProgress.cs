using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;

namespace OpenDvc.Directives.Submissions;

/// <summary>One target of a plan beside what the platform measures for it; null where it has no source (no data, never 0 %).</summary>
public sealed record TargetProgress(PlanIndicator Indicator, string? SubUnit, string Month, decimal TargetPercent, decimal? ActualPercent, string Source);

/// <summary>
/// An action plan's targets against the live figures: the remote online rate of the target's month as Indicators sums
/// it from the ledger's rollups (issue 19; docs/domain.md: remote online dossiers ÷ dossiers received), full-process and
/// level-4 coverage from the registry as it stands today (services ÷ the unit's procedures eligible for full-process). Civil servants
/// and households have no source in the platform yet. Sub-unit targets are shown without a figure.
/// </summary>
public sealed class PlanProgress(OpenDvcDbContext db, IndicatorCalculator indicators)
{
    public async Task<IReadOnlyList<TargetProgress>> MeasureAsync(string unitCode, IReadOnlyList<PlanTarget> plan, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Code == unitCode, ct);
        if (unit is null)
        {
            return [];
        }

        var eligible = (await db.Set<Procedure>().AsNoTracking().Where(p => p.EligibleForFullProcess).ToListAsync(ct))
            .Where(p => p.IsCarriedOutBy(unit)).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var services = await db.Set<OnlineService>().AsNoTracking().Where(s => s.UnitCode == unitCode).ToListAsync(ct);
        var fullProcess = Ratio(services.Count(s => s.Level == ServiceLevel.FullProcess && eligible.Contains(s.ProcedureCode)), eligible.Count);
        var level4 = Ratio(services.Count(s => s.LegacyLevel == 4 && eligible.Contains(s.ProcedureCode)), eligible.Count);

        var remote = new Dictionary<int, decimal?>();
        foreach (var month in plan.Select(t => MonthKey(t.Month)).Where(m => m > 0).Distinct())
        {
            var totals = (await indicators.ComputeAsync(new IndicatorQuery(new Period(month, month), unitCode), ct)).Totals;
            remote[month] = Ratio(totals.RemoteReceived, totals.Received);
        }

        return plan.Select(t => t.SubUnit is not null
                ? new TargetProgress(t.Indicator, t.SubUnit, t.Month, t.TargetPercent, null, "sub-unit")
                : t.Indicator switch
                {
                    PlanIndicator.RemoteOnlineRate => new TargetProgress(t.Indicator, null, t.Month, t.TargetPercent, remote.GetValueOrDefault(MonthKey(t.Month)), "ledger"),
                    PlanIndicator.FullProcessCoverage => new TargetProgress(t.Indicator, null, t.Month, t.TargetPercent, fullProcess, "registry-today"),
                    PlanIndicator.Level4Coverage => new TargetProgress(t.Indicator, null, t.Month, t.TargetPercent, level4, "registry-today"),
                    _ => new TargetProgress(t.Indicator, null, t.Month, t.TargetPercent, null, "none"),
                })
            .ToList();
    }

    private static decimal? Ratio(long numerator, long denominator) => denominator == 0 ? null : Math.Round(numerator * 100m / denominator, 2);

    private static int MonthKey(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? (d.Year * 100) + d.Month : 0;
}
