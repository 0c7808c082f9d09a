namespace OpenDvc.Ledger.Storage;

/// <summary>
/// A batch as the ingest's producer hands it to the writer. Its distinct dossier codes in ordinal order (what the
/// writers probe and insert by, see <see cref="BatchPlan.CodesOf"/>) are sorted by <see cref="Prepare"/> on the
/// producer's thread, which has time to spare, rather than on the writer's, which sets the ingest's pace.
/// </summary>
public sealed class LedgerBatch(int capacity) : List<LedgerEntry>(capacity)
{
    private string[]? codes;

    /// <summary>The sending unit's quarantine quota, shared by the batches of one run (the sync API's).</summary>
    public Quarantine.QuarantineQuota? Quota { get; init; }

    public IReadOnlyList<string> Codes => codes ??= BatchPlan.SortedCodes(this);

    /// <summary>Sorts the codes now; the batch is not to change afterwards.</summary>
    public LedgerBatch Prepare()
    {
        codes = BatchPlan.SortedCodes(this);
        return this;
    }
}
