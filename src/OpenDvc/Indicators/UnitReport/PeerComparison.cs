using OpenDvc.Indicators.Calculation;

namespace OpenDvc.Indicators.UnitReport;

/// <summary>Where a unit stands: the national median of an indicator and the unit's percentile among its peers.</summary>
public sealed record PeerComparison(IReadOnlyList<ScopeIndicators> Nation, IReadOnlyList<ScopeIndicators> Peers)
{
    /// <summary>Median of the units that have data (the mean of the middle two for an even count); null when none has.</summary>
    public decimal? NationalMedian(string code) => Median(Nation.Select(u => u[code]?.Value));

    /// <summary>Share of peers with data whose value is at most the unit's (0–1); null without data.</summary>
    public decimal? PeerPercentile(string code, decimal? value) => Percentile(Peers.Select(u => u[code]?.Value), value);

    public static decimal? Median(IEnumerable<decimal?> values)
    {
        var sorted = values.Where(v => v is not null).Select(v => v!.Value).Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static decimal? Percentile(IEnumerable<decimal?> peers, decimal? value)
    {
        var known = peers.Where(v => v is not null).Select(v => v!.Value).ToList();
        return value is { } v && known.Count > 0 ? (decimal)known.Count(p => p <= v) / known.Count : null;
    }
}
