using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Rankings;

namespace OpenDvc.Indicators.Dashboard;

/// <summary>A province on the map: its name in the period and its figure (a ratio 0–1, or index points), null without data.</summary>
public sealed record MapEntry(ProvinceTile Tile, string Name, decimal? Value);

/// <summary>
/// The dashboard's map of provinces for a period, coloured by one indicator: the tiles of the layout in force on the
/// period's last day (63 provinces for 2023, 34 from 1/7/2025), each with the figure the rankings already hold.
/// </summary>
public sealed record ProvinceMap(string Indicator, Period Period, IReadOnlyList<MapEntry> Entries)
{
    /// <summary>The index (points over the points with data), or one of the programme's rates.</summary>
    public const string Index = "index";

    public static IReadOnlyList<string> Indicators { get; } = [Index, "RO", "2.1", "HL", "FP"];

    /// <summary>The share a tile's colour stands for: a rate as it is, the index as the part of its covered points obtained.</summary>
    public decimal? Share(MapEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Indicator == Index
            ? entry.Value is { } points && Covered.GetValueOrDefault(entry.Tile.Code) is > 0 and var covered ? points / covered : null
            : entry.Value;
    }

    /// <summary>The covered points of each province, for <see cref="Share"/>.</summary>
    public IReadOnlyDictionary<string, decimal> Covered { get; init; } = new Dictionary<string, decimal>();

    public static ProvinceMap Of(Period period, string? indicator, IReadOnlyList<RankedUnit> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        return Build(period, indicator, ranked.Where(r => r.Group == PeerGroup.Provinces)
            .Select(r => (r.UnitCode, r.Name, r.Rank, r.Indicators.Index, (IReadOnlyDictionary<string, decimal?>)r.Indicators.Values.ToDictionary(v => v.Code, v => v.Value))));
    }

    public static ProvinceMap Of(Period period, string? indicator, IReadOnlyList<RankingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Build(period, indicator, rows.Where(r => r.Group == PeerGroup.Provinces).Select(r => (r.Unit, r.Name, r.Rank, r.Index, r.Values)));
    }

    private static ProvinceMap Build(Period period, string? indicator, IEnumerable<(string Code, string Name, int? Rank, IndexScore Index, IReadOnlyDictionary<string, decimal?> Values)> provinces)
    {
        var chosen = Indicators.FirstOrDefault(i => string.Equals(i, indicator, StringComparison.OrdinalIgnoreCase)) ?? Index;
        var byCode = provinces.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var entries = ProvinceTileMap.LayoutOn(period.LastDay).Select(tile =>
        {
            if (!byCode.TryGetValue(tile.Code, out var p))
            {
                return new MapEntry(tile, tile.Code, null);
            }

            // An unranked province (no procedures or no dossiers) has no index on the map either.
            var value = chosen == Index ? p.Rank is null ? null : p.Index.Points : p.Values.GetValueOrDefault(chosen);
            return new MapEntry(tile, p.Name, value);
        }).ToList();
        return new ProvinceMap(chosen, period, entries)
        {
            Covered = byCode.Values.ToDictionary(p => p.Code, p => p.Index.CoveredPoints, StringComparer.Ordinal),
        };
    }
}
