using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Indicators.Calculation;

/// <summary>Which dossiers a unit's figures hold (<c>lineage=</c> on every indicator endpoint and page).</summary>
public enum UnitLineage
{
    /// <summary>The unit as it stood in the period: its own code's dossiers only.</summary>
    AsItStood = 0,

    /// <summary>The unit with every unit merged into it, directly or through a chain (<c>lineage=successor</c>).</summary>
    Successor = 1,
}

public static class Lineage
{
    /// <summary>
    /// The code and the codes of every unit merged into it, transitively, the code first: the rollups to sum for its
    /// figures with <see cref="UnitLineage.Successor"/>. Only mergers count: a move of functions brings no dossiers.
    /// </summary>
    public static IReadOnlyList<string> FoldOf(UnitTimeline timeline, string code)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var codes = new List<string> { code };
        for (var i = 0; i < codes.Count; i++)
        {
            foreach (var merger in timeline.PredecessorsOf(codes[i]).Where(s => s.Kind == SuccessionKind.Merger))
            {
                if (!codes.Contains(merger.PredecessorCode, StringComparer.Ordinal))
                {
                    codes.Add(merger.PredecessorCode);
                }
            }
        }

        return codes;
    }

    /// <summary>
    /// For a list of every unit (rankings, scorecards): the unit in force on <paramref name="day"/> each code's figures
    /// are folded into, the code itself while it is in force, else the end of its chain of mergers; looked up once per code.
    /// </summary>
    public static Func<string, string> IntoUnitsOn(UnitTimeline timeline, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var into = new Dictionary<string, string>(StringComparer.Ordinal);
        return code => into.TryGetValue(code, out var unit) ? unit : into[code] = timeline.SuccessorOn(code, day) ?? code;
    }

    /// <summary>The <c>lineage</c> query value: empty for <see cref="UnitLineage.AsItStood"/>, <c>successor</c>; anything else is not valid.</summary>
    public static bool TryParse(string? text, out UnitLineage lineage)
    {
        lineage = string.Equals(text, "successor", StringComparison.OrdinalIgnoreCase) ? UnitLineage.Successor : UnitLineage.AsItStood;
        return string.IsNullOrEmpty(text) || lineage == UnitLineage.Successor;
    }
}
