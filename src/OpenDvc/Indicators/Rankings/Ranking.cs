using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Indicators.Rankings;

/// <summary>Ministries and ministry-level agencies are ranked among themselves, provinces and cities among themselves.</summary>
public enum PeerGroup
{
    Ministries = 1,
    Provinces = 2,
}

/// <summary>
/// A unit's place: its index score, rank in its peer group, and rank in the previous period of the same length; its
/// name on <paramref name="UnitsOn"/> (the period's last day) and the units merged into it by then whose figures it holds.
/// </summary>
public sealed record RankedUnit(string UnitCode, string Name, string ShortName, PeerGroup Group, ScopeIndicators Indicators, int? Rank, int? PreviousRank, DateOnly UnitsOn, IReadOnlyList<string> Predecessors)
{
    /// <summary>Places gained since the previous period (positive = up); null when either period is unranked.</summary>
    public int? Change => Rank is { } now && PreviousRank is { } before ? before - now : null;
}

/// <summary>
/// The ranking rule: by Decision 766 index points, rounded to two decimals, highest first; equal points share a rank
/// and the next rank skips (1, 2, 2, 4: standard competition ranking). A unit with no procedures or no dossiers in the
/// period is not ranked (issue 17): its catalog indicators alone would rank it with points that say nothing of its service.
/// </summary>
public static class Ranking
{
    public static PeerGroup GroupOf(UnitKind kind) => kind is UnitKind.Province or UnitKind.City ? PeerGroup.Provinces : PeerGroup.Ministries;

    /// <summary>Ranks for the scores in the order given; null score → null rank.</summary>
    public static IReadOnlyList<int?> CompetitionRanks(IReadOnlyList<decimal?> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var rounded = scores.Select(s => s is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : (decimal?)null).ToList();
        return rounded.Select(s => s is { } v ? 1 + rounded.Count(o => o > v) : (int?)null).ToList();
    }

    /// <summary>
    /// A unit's row of a ranking of <paramref name="period"/> when it holds the same units as the unit's figures
    /// (<paramref name="fold"/>: the code, then with its lineage the codes merged into it), counting only units in force
    /// at some time in the period: that row's figures are then the unit's own (unit page, report pack).
    /// </summary>
    public static RankedUnit? RowOf(IReadOnlyList<RankedUnit> ranked, UnitTimeline timeline, Period period, IReadOnlyList<string> fold)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(fold);
        var (firstDay, lastDay) = (period.FirstDay, period.LastDay);
        HashSet<string> InPeriod(IEnumerable<string> codes) =>
            codes.Where(c => timeline.VersionsOf(c).Any(v => v.ValidFrom <= lastDay && (v.ValidTo is null || firstDay <= v.ValidTo))).ToHashSet(StringComparer.Ordinal);
        return ranked.SingleOrDefault(r => r.UnitCode == fold[0] && InPeriod(r.Predecessors).SetEquals(InPeriod(fold.Skip(1))));
    }

    /// <summary>The index points a unit is ranked by; null ("no data") without procedures, dossiers or any index indicator with data.</summary>
    public static decimal? RankingPoints(ScopeIndicators indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var hasData = indicators.Totals.Procedures > 0 && indicators.Totals.Dossiers > 0 && indicators.Index.CoveredPoints > 0;
        return hasData ? indicators.Index.Points : null;
    }
}

/// <summary>
/// Ranks every unit in its peer group for a period, with the change since the previous period: the units in force on
/// the period's last day, named as they were then, each with the units merged into it by then folded in (so the
/// rankings of 2023 list the 63 provinces, those of 2026 the 34), and the previous period folded the same way.
/// </summary>
public sealed class RankingQuery(IndicatorCalculator calculator)
{
    public async Task<IReadOnlyList<RankedUnit>> RankAsync(Period period, AudienceFilter audience, CancellationToken ct)
    {
        var day = period.LastDay;
        var timeline = await calculator.TimelineAsync(ct);
        var units = timeline.InForceOn(day);
        var current = Ranks(units, await calculator.ComputeUnitsAsync(period, audience, day, ct));
        var previous = Ranks(units, await calculator.ComputeUnitsAsync(period.Previous(), audience, day, ct));
        return units
            .Select(u => (Unit: u, Now: current[u.Code]))
            .OrderBy(x => Ranking.GroupOf(x.Unit.Kind)).ThenBy(x => x.Now.Rank ?? int.MaxValue).ThenBy(x => x.Unit.Code, StringComparer.Ordinal)
            .Select(x => new RankedUnit(x.Unit.Code, x.Unit.Name, x.Unit.ShortName, Ranking.GroupOf(x.Unit.Kind), x.Now.Indicators, x.Now.Rank, previous[x.Unit.Code].Rank,
                day, Lineage.FoldOf(timeline, x.Unit.Code).Skip(1).Where(c => timeline.SuccessorOn(c, day) == x.Unit.Code).ToList()))
            .ToList();
    }

    private static Dictionary<string, (ScopeIndicators Indicators, int? Rank)> Ranks(IReadOnlyList<UnitVersion> units, IReadOnlyList<ScopeIndicators> computed)
    {
        var byCode = computed.ToDictionary(c => c.UnitCode!, StringComparer.Ordinal);
        var result = new Dictionary<string, (ScopeIndicators, int?)>(StringComparer.Ordinal);
        foreach (var group in units.GroupBy(u => Ranking.GroupOf(u.Kind)))
        {
            var members = group.ToList();
            var ranks = Ranking.CompetitionRanks(members.Select(u => Ranking.RankingPoints(byCode[u.Code])).ToList());
            for (var i = 0; i < members.Count; i++)
            {
                result[members[i].Code] = (byCode[members[i].Code], ranks[i]);
            }
        }

        return result;
    }
}
