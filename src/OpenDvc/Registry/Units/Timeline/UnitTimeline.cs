using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;

namespace OpenDvc.Registry.Units.Timeline;

/// <summary>
/// The registry over time, read once and held in memory (a few hundred rows): which units are in force on a day,
/// what a code names on a day, and who took over from whom. The query later capabilities use to put a figure
/// under the unit of its day (docs/decisions/009-unit-codes-over-time.md).
/// </summary>
public sealed class UnitTimeline
{
    private readonly Dictionary<string, List<UnitVersion>> versions;
    private readonly List<UnitSuccession> successions;

    public UnitTimeline(IEnumerable<UnitVersion> versions, IEnumerable<UnitSuccession> successions)
    {
        this.versions = versions.GroupBy(v => v.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.ValidFrom).ToList(), StringComparer.Ordinal);
        this.successions = successions.OrderBy(s => s.Day).ThenBy(s => s.PredecessorCode, StringComparer.Ordinal).ToList();
    }

    public static async Task<UnitTimeline> LoadAsync(OpenDvcDbContext db, CancellationToken ct) =>
        new(await db.Set<UnitVersion>().AsNoTracking().ToListAsync(ct), await db.Set<UnitSuccession>().AsNoTracking().ToListAsync(ct));

    public bool Knows(string code) => versions.ContainsKey(code);

    /// <summary>The version of every unit in force on the day, by code.</summary>
    public IReadOnlyList<UnitVersion> InForceOn(DateOnly day) =>
        versions.Values.Select(vs => vs.Find(v => v.IsValidOn(day))).OfType<UnitVersion>().OrderBy(v => v.Code, StringComparer.Ordinal).ToList();

    /// <summary>What the code names on the day; null before its first version or after it ended.</summary>
    public UnitVersion? VersionOn(string code, DateOnly day) => versions.GetValueOrDefault(code)?.Find(v => v.IsValidOn(day));

    /// <summary>
    /// The version to name the code by on the day: the one in force, else its first (not begun yet) or its last (ended);
    /// null for a code the registry never knew. A code's versions follow each other without gaps.
    /// </summary>
    public UnitVersion? VersionAsOf(string code, DateOnly day)
    {
        var all = VersionsOf(code);
        return all.Count == 0 ? null : VersionOn(code, day) ?? (day < all[0].ValidFrom ? all[0] : all[^1]);
    }

    /// <summary>Every version of the code, oldest first.</summary>
    public IReadOnlyList<UnitVersion> VersionsOf(string code) => versions.GetValueOrDefault(code) ?? [];

    /// <summary>The units whose work (all of it, or some functions) this code took over, in order of the day.</summary>
    public IReadOnlyList<UnitSuccession> PredecessorsOf(string code) =>
        successions.Where(s => s.SuccessorCode == code).ToList();

    /// <summary>The units that took over some or all of this code's work, in order of the day.</summary>
    public IReadOnlyList<UnitSuccession> SuccessorsOf(string code) =>
        successions.Where(s => s.PredecessorCode == code).ToList();

    /// <summary>
    /// The unit in force on the day that carries on this code's work: the code itself while it is in force, else
    /// the end of its chain of mergers (10 → 15 on 1/7/2025); null before the code began or when a chain ends nowhere.
    /// </summary>
    public string? SuccessorOn(string code, DateOnly day)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = code; seen.Add(current);)
        {
            if (VersionOn(current, day) is not null)
            {
                return current;
            }

            var merger = successions.Find(s => s.PredecessorCode == current && s.Kind == SuccessionKind.Merger && s.Day <= day);
            if (merger is null)
            {
                return null;
            }

            current = merger.SuccessorCode;
        }

        return null;
    }
}
