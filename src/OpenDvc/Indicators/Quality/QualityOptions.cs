using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Indicators.Quality;

/// <summary>
/// The "Indicators:Quality" section: when a unit's data-quality measure is flagged (docs/data-quality.md). Choices
/// of ours, not of the law; validated at start.
/// </summary>
public sealed class QualityOptions
{
    /// <summary>A record is late when its sync lag exceeds this many hours: 1, 24, 168 or 720 (the lags counted at ingest).</summary>
    [Range(1, 720)]
    public int LagThresholdHours { get; set; } = 24;

    /// <summary>Flag a unit when more than this share of its accepted records arrived late.</summary>
    [Range(0.0, 1.0)]
    public double MaxLateShare { get; set; } = 0.10;

    /// <summary>Flag a unit when more than this share of the records read was quarantined.</summary>
    [Range(0.0, 1.0)]
    public double MaxQuarantineRate { get; set; } = 0.01;

    /// <summary>Flag a unit when more than this share of the records read lacked a date their status requires.</summary>
    [Range(0.0, 1.0)]
    public double MaxMissingDatesRate { get; set; } = 0.005;

    /// <summary>Flag a unit when more than this share of the records read had impossible dates or durations.</summary>
    [Range(0.0, 1.0)]
    public double MaxImpossibleRate { get; set; } = 0.005;

    public bool HasCountedLagThreshold => Ledger.Quality.LedgerQuality.LagThresholds.Any(t => t == TimeSpan.FromHours(LagThresholdHours));
}
