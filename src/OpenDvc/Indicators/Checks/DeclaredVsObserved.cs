using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;

namespace OpenDvc.Indicators.Checks;

/// <summary>What a unit declares in the registry that its dossiers contradict.</summary>
public enum FindingKind
{
    /// <summary>A full-process service whose dossiers mostly did not come online.</summary>
    FullProcessMostlyOffline = 1,

    /// <summary>A procedure declared without a fee whose dossiers carry fees or online payments.</summary>
    NoFeeWithPayments = 2,

    /// <summary>Mean observed processing time more than twice the statutory time.</summary>
    SlowerThanStatutory = 3,
}

/// <summary>One contradiction: the service, what is declared and what is observed.</summary>
public sealed record Finding(FindingKind Kind, string ProcedureCode, string ProcedureName, decimal Declared, decimal Observed, long Dossiers);

/// <summary>
/// Declared-vs-observed checks (issue 4) for a unit and period, from the unit's per-service rollup sums and the
/// registry: a full-process service receiving mostly counter dossiers, a no-fee procedure with payments, an observed
/// mean processing time far beyond the statutory one. Only services with at least <see cref="MinimumDossiers"/>.
/// </summary>
public sealed class DeclaredVsObserved(OpenDvcDbContext db, IndicatorCalculator calculator)
{
    /// <summary>Below this many dossiers (or finished dossiers) a service is not judged: too few to say.</summary>
    public const int MinimumDossiers = 10;

    /// <summary>"Mostly": more than this share not submitted online.</summary>
    public const decimal OfflineShare = 0.5m;

    /// <summary>"Far": the mean beyond this multiple of the statutory time.</summary>
    public const decimal SlowFactor = 2m;

    public async Task<IReadOnlyList<Finding>> FindAsync(string unitCode, Period period, CancellationToken ct)
    {
        var services = await calculator.ComputeServicesAsync(unitCode, period, AudienceFilter.Both, ct);
        var levels = await db.Set<OnlineService>().AsNoTracking().Where(s => s.UnitCode == unitCode).ToDictionaryAsync(s => s.ProcedureCode, s => s.Level, ct);
        var codes = services.Select(s => s.ProcedureCode!).ToList();
        var procedures = await db.Set<Procedure>().AsNoTracking().Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, ct);
        var findings = new List<Finding>();
        foreach (var service in services)
        {
            var t = service.Totals;
            if (!procedures.TryGetValue(service.ProcedureCode!, out var procedure) || t.Dossiers < MinimumDossiers)
            {
                continue;
            }

            var offline = (decimal)(t.Dossiers - t.Online) / t.Dossiers;
            if (levels.GetValueOrDefault(procedure.Code) == ServiceLevel.FullProcess && offline > OfflineShare)
            {
                findings.Add(new Finding(FindingKind.FullProcessMostlyOffline, procedure.Code, procedure.Name, OfflineShare, offline, t.Dossiers));
            }

            if (procedure.Fee == 0 && (t.FeeBearing > 0 || t.PaidOnline > 0))
            {
                findings.Add(new Finding(FindingKind.NoFeeWithPayments, procedure.Code, procedure.Name, 0, Math.Max(t.FeeBearing, t.PaidOnline), t.Dossiers));
            }

            var statutory = StatutoryDays(procedure);
            if (t.ProcessingCount >= MinimumDossiers && statutory > 0 && t.ProcessingMinutes / 1440m / t.ProcessingCount > SlowFactor * statutory)
            {
                findings.Add(new Finding(FindingKind.SlowerThanStatutory, procedure.Code, procedure.Name, statutory, t.ProcessingMinutes / 1440m / t.ProcessingCount, t.ProcessingCount));
            }
        }

        return findings.OrderBy(f => f.Kind).ThenBy(f => f.ProcedureCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>The statutory time in calendar days: working days × 7 ÷ 5, months × 30 (a yardstick, not the clock).</summary>
    public static decimal StatutoryDays(Procedure procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return procedure.TimeUnit switch
        {
            ProcessingTimeUnit.Hours => procedure.StatutoryTime / 24m,
            ProcessingTimeUnit.WorkingDays => procedure.StatutoryTime * 7m / 5m,
            ProcessingTimeUnit.Months => procedure.StatutoryTime * 30m,
            _ => procedure.StatutoryTime,
        };
    }
}
