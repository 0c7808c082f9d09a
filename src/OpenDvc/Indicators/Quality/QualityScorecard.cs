using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Ledger.Quality;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Time;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Indicators.Quality;

/// <summary>
/// A unit's data-quality scorecard for an arrival period (issue 4; docs/data-quality.md): quarantine rate, missing
/// dates, impossible dates and durations, sync lag. Rates are null without records read; <see cref="Worst"/> is the
/// largest measure ÷ its configured threshold (above 1: flagged), for sorting by worst.
/// </summary>
public sealed record QualityScorecard(
    string UnitCode, string Name, long Read, long Accepted, long Quarantined, decimal? QuarantineRate,
    long MissingDates, decimal? MissingDatesRate, long ImpossibleDates, decimal? ImpossibleRate,
    long LagCount, decimal? MeanLagHours, decimal? LateShare, decimal Worst)
{
    public bool QuarantineFlagged { get; init; }
    public bool MissingDatesFlagged { get; init; }
    public bool ImpossibleFlagged { get; init; }
    public bool LateFlagged { get; init; }
}

/// <summary>Sums <c>ledger_quality</c> (one row per unit and arrival day) for a period: never the dossier table.</summary>
public sealed class QualityQuery(OpenDvcDbContext db, IOptions<IndicatorsOptions> options)
{
    public QualityOptions Thresholds => options.Value.Quality;

    /// <summary>Without a period: the twelve months of arrivals up to this month.</summary>
    public static Period DefaultPeriod(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var today = VietnamTime.DateOf(time.GetUtcNow());
        var first = today.AddMonths(-11);
        return new Period((first.Year * 100) + first.Month, (today.Year * 100) + today.Month);
    }

    /// <summary>
    /// The scorecards of every unit with records in the period (or of <paramref name="unitCode"/> only), worst first,
    /// each named as on the period's last day. With <see cref="UnitLineage.Successor"/> a unit's card holds the records
    /// of the units merged into it too: the asked unit's fold, or in the list each code folded into the unit in force
    /// on the period's last day, as the rankings do.
    /// </summary>
    public async Task<IReadOnlyList<QualityScorecard>> ScorecardsAsync(Period period, string? unitCode, CancellationToken ct, UnitLineage lineage = UnitLineage.AsItStood)
    {
        var timeline = await UnitTimeline.LoadAsync(db, ct);
        IReadOnlyList<string>? codes = unitCode is null ? null : lineage == UnitLineage.Successor ? Lineage.FoldOf(timeline, unitCode) : [unitCode];
        int from = DayKey(period.FirstDay), to = DayKey(period.LastDay);
        var rows = db.Set<LedgerQualityDay>().AsNoTracking().Where(d => d.Day >= from && d.Day <= to);
        if (codes is not null)
        {
            rows = rows.Where(d => codes.Contains(d.UnitCode));
        }

        var sums = await rows.GroupBy(d => d.UnitCode).Select(g => new LedgerQualityDay
        {
            UnitCode = g.Key,
            Read = g.Sum(d => d.Read),
            Accepted = g.Sum(d => d.Accepted),
            Quarantined = g.Sum(d => d.Quarantined),
            MissingDates = g.Sum(d => d.MissingDates),
            ImpossibleDates = g.Sum(d => d.ImpossibleDates),
            LagCount = g.Sum(d => d.LagCount),
            LagSeconds = g.Sum(d => d.LagSeconds),
            LagOver1Hour = g.Sum(d => d.LagOver1Hour),
            LagOver1Day = g.Sum(d => d.LagOver1Day),
            LagOver7Days = g.Sum(d => d.LagOver7Days),
            LagOver30Days = g.Sum(d => d.LagOver30Days),
        }).ToListAsync(ct);
        Func<string, string> into = lineage != UnitLineage.Successor ? c => c : unitCode is not null ? _ => unitCode : Lineage.IntoUnitsOn(timeline, period.LastDay);
        var folded = sums.GroupBy(s => into(s.UnitCode), StringComparer.Ordinal).Select(g =>
        {
            var sum = new LedgerQualityDay { UnitCode = g.Key };
            foreach (var part in g)
            {
                sum.Add(part);
            }

            return sum;
        }).ToList();
        var keys = folded.Select(s => s.UnitCode).ToList();
        var known = await db.Set<Unit>().AsNoTracking().Where(u => keys.Contains(u.Code)).Select(u => u.Code).ToListAsync(ct);
        // Only the registry's units: a record refused for an unknown unit still counts in quarantine, but "ZZ9" is no unit to score.
        return folded.Where(s => known.Contains(s.UnitCode, StringComparer.Ordinal))
            .Select(s => Score(s, timeline.VersionAsOf(s.UnitCode, period.LastDay)?.Name ?? s.UnitCode, Thresholds))
            .OrderByDescending(s => s.Worst).ThenBy(s => s.UnitCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>The measures of summed counters against the thresholds.</summary>
    public static QualityScorecard Score(LedgerQualityDay sum, string name, QualityOptions thresholds)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(thresholds);
        decimal? Rate(long part, long whole) => whole > 0 ? (decimal)part / whole : null;
        var late = thresholds.LagThresholdHours switch
        {
            1 => sum.LagOver1Hour,
            24 => sum.LagOver1Day,
            168 => sum.LagOver7Days,
            _ => sum.LagOver30Days,
        };
        var quarantine = Rate(sum.Quarantined, sum.Read);
        var missing = Rate(sum.MissingDates, sum.Read);
        var impossible = Rate(sum.ImpossibleDates, sum.Read);
        var lateShare = Rate(late, sum.LagCount);
        decimal Ratio(decimal? value, double threshold) => value is { } v ? (threshold > 0 ? v / (decimal)threshold : (v > 0 ? decimal.MaxValue / 2 : 0)) : 0;
        var worst = new[]
        {
            Ratio(quarantine, thresholds.MaxQuarantineRate), Ratio(missing, thresholds.MaxMissingDatesRate),
            Ratio(impossible, thresholds.MaxImpossibleRate), Ratio(lateShare, thresholds.MaxLateShare),
        }.Max();
        return new QualityScorecard(
            sum.UnitCode, name, sum.Read, sum.Accepted, sum.Quarantined, quarantine, sum.MissingDates, missing, sum.ImpossibleDates, impossible,
            sum.LagCount, sum.LagCount > 0 ? Math.Round(sum.LagSeconds / 3600m / sum.LagCount, 2) : null, lateShare, Math.Round(worst, 4))
        {
            QuarantineFlagged = quarantine > (decimal)thresholds.MaxQuarantineRate,
            MissingDatesFlagged = missing > (decimal)thresholds.MaxMissingDatesRate,
            ImpossibleFlagged = impossible > (decimal)thresholds.MaxImpossibleRate,
            LateFlagged = lateShare > (decimal)thresholds.MaxLateShare,
        };
    }

    public static int DayKey(DateOnly day) => (day.Year * 10000) + (day.Month * 100) + day.Day;

    /// <summary>The scorecard table's file layout (stable machine column names).</summary>
    public static IReadOnlyList<ExportColumn<QualityScorecard>> Columns { get; } =
    [
        new("unit", s => s.UnitCode),
        new("name", s => s.Name),
        new("read", s => s.Read),
        new("accepted", s => s.Accepted),
        new("quarantined", s => s.Quarantined),
        new("quarantine_rate", s => Round(s.QuarantineRate)),
        new("missing_dates", s => s.MissingDates),
        new("missing_dates_rate", s => Round(s.MissingDatesRate)),
        new("impossible_dates", s => s.ImpossibleDates),
        new("impossible_rate", s => Round(s.ImpossibleRate)),
        new("lag_records", s => s.LagCount),
        new("mean_lag_hours", s => s.MeanLagHours),
        new("late_share", s => Round(s.LateShare)),
        new("worst", s => s.Worst),
    ];

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 4) : null;
}
