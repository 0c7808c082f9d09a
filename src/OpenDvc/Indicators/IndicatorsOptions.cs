using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Indicators;

/// <summary>The "Indicators" configuration section: choices of ours, not of the law (docs/domain.md), validated at start.</summary>
public sealed class IndicatorsOptions
{
    public const string Section = "Indicators";

    /// <summary>Satisfaction is shown only with at least this many rated dossiers (docs/domain.md: configurable, default 30).</summary>
    [Range(1, 1_000_000)]
    public int MinimumRatings { get; set; } = 30;

    /// <summary>
    /// How often, at most, the public dashboard's default figures are computed ahead of its visitors when no change
    /// signals it sooner (<c>Indicators:WarmDashboardEvery</c>, default one minute; <c>00:00:00</c> turns it off).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan WarmDashboardEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The assumptions of the time and cost saved.</summary>
    public Savings.SavingsOptions Savings { get; set; } = new();

    /// <summary>When a unit's data-quality measures are flagged (docs/data-quality.md).</summary>
    public Quality.QualityOptions Quality { get; set; } = new();
}
