using OpenDvc.Ledger.Quality;
using OpenDvc.Ledger.Rollups;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// What a writer's open transaction holds besides its rows: how many records were written in it, and the rollup
/// deltas and quality counters summed over its batches, which the writer upserts once, just before it commits.
/// </summary>
internal sealed class CommitGroup(bool grouped)
{
    public int Records { get; private set; }

    public RollupDeltas Rollups { get; } = new();

    public LedgerQualitySums Quality { get; } = new();

    /// <summary>Whether to commit now: after every batch unless grouping, else once <see cref="DossierWriter.GroupRecords"/> are written.</summary>
    public bool IsComplete => !grouped || Records >= DossierWriter.GroupRecords;

    public void Written(IReadOnlyList<LedgerEntry> batch, IReadOnlyList<EntryResult> results, DateTimeOffset now)
    {
        Records += batch.Count;
        Quality.Add(batch, results, now);
    }

    public void Clear()
    {
        Records = 0;
        Rollups.Clear();
        Quality.Clear();
    }
}
