using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Rollups;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// What one batch does to the ledger, decided in memory from the batch and the stored rows it touches (read
/// under the writer's lock): each record's outcome, the final row per dossier, the rollup deltas (old
/// contribution out, new one in) and the quarantine rows. The writers only carry the plan out, set-based.
/// Rules (docs/sync-contract.md): a known MaHoSo is an update; an identical re-send is unchanged; an older
/// ThoiDiemCapNhat is stale; a record without ThoiDiemCapNhat, or against a stored row without one, is taken as
/// newer; a MaHoSo stored for another unit is refused. Records of the same dossier within a batch apply in order.
/// </summary>
public sealed class BatchPlan
{
    private BatchPlan(EntryResult[] results, List<Dossier> upserts, RollupDeltas deltas, List<QuarantinedRecord> quarantine)
    {
        Results = results;
        Upserts = upserts;
        Deltas = deltas;
        Quarantine = quarantine;
    }

    public IReadOnlyList<EntryResult> Results { get; }

    /// <summary>Final state of every dossier the batch changes, one per code, in code order (see <see cref="CodesOf"/>).</summary>
    public IReadOnlyList<Dossier> Upserts { get; }

    public RollupDeltas Deltas { get; }

    public IReadOnlyList<QuarantinedRecord> Quarantine { get; }

    /// <summary>
    /// The distinct dossier codes the batch names, for reading the stored rows, in ordinal order: MaHoSo keys are
    /// random, and probing or inserting them in key order walks each key B-tree from left to right, so neighbouring
    /// keys find their pages already in the CPU's cache instead of a random page each.
    /// </summary>
    public static IReadOnlyList<string> CodesOf(IReadOnlyList<LedgerEntry> batch) => batch is LedgerBatch prepared ? prepared.Codes : SortedCodes(batch);

    internal static string[] SortedCodes(IReadOnlyList<LedgerEntry> batch)
    {
        var codes = batch.Where(e => e.Dossier is not null).Select(e => e.Dossier!.Code).ToHashSet(StringComparer.Ordinal).ToArray();
        Array.Sort(codes, StringComparer.Ordinal);
        return codes;
    }

    /// <summary>
    /// Decides the batch against the stored rows. The rollup deltas are added to <paramref name="deltas"/> when given
    /// (a writer that commits several batches at once sums theirs and writes them once), else to a new set. A writer
    /// may pass only what the decision reads of each stored row (unit, version, content hash) and
    /// <paramref name="readChanged"/>, which reads the whole stored rows of the codes that change, whose old
    /// contribution leaves the rollups: a re-sent file changes nothing, and reads no whole row.
    /// </summary>
    public static BatchPlan Decide(
        IReadOnlyList<LedgerEntry> batch,
        IReadOnlyDictionary<string, Dossier> stored,
        DateTimeOffset now,
        RollupDeltas? deltas = null,
        Func<IReadOnlyList<string>, IReadOnlyDictionary<string, Dossier>>? readChanged = null)
    {
        var results = new EntryResult[batch.Count];
        var changed = new Dictionary<string, Dossier>(StringComparer.Ordinal);
        var quarantine = new List<QuarantinedRecord>();
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i];
            var reasons = entry.Reasons;
            if (entry.Dossier is { } dossier)
            {
                var previous = changed.GetValueOrDefault(dossier.Code) ?? stored.GetValueOrDefault(dossier.Code);
                if (previous is not null && !string.Equals(previous.UnitCode, dossier.UnitCode, StringComparison.Ordinal))
                {
                    reasons = [LedgerReasons.OwnedByAnotherUnit()];
                }
                else if (previous is not null && previous.ContentHash == dossier.ContentHash)
                {
                    results[i] = new EntryResult(LedgerOutcome.Unchanged, []);
                    continue;
                }
                else if (previous?.UpdatedAt is { } storedVersion && dossier.UpdatedAt is { } version && version < storedVersion)
                {
                    results[i] = new EntryResult(LedgerOutcome.Stale, []);
                    continue;
                }
                else
                {
                    changed[dossier.Code] = dossier;
                    results[i] = new EntryResult(LedgerOutcome.Accepted, []);
                    continue;
                }
            }

            if (batch is LedgerBatch { Quota: { } quota } && !quota.TryTake())
            {
                // Answered as refused, but not kept: the unit's quarantine is full for today.
                reasons = [LedgerReasons.From(new DossierIssue(ReasonCode.QuarantineQuotaExceeded)), .. reasons];
            }
            else
            {
                quarantine.Add(ToQuarantine(entry, reasons, now));
            }

            results[i] = new EntryResult(LedgerOutcome.Quarantined, reasons);
        }

        deltas ??= new RollupDeltas();
        var old = readChanged is null ? stored : readChanged([.. changed.Keys.Where(stored.ContainsKey).Order(StringComparer.Ordinal)]);
        foreach (var (code, dossier) in changed)
        {
            deltas.Subtract(old.GetValueOrDefault(code));
            deltas.Add(dossier);
        }

        var upserts = new List<Dossier>(changed.Count);
        foreach (var code in CodesOf(batch))
        {
            if (changed.TryGetValue(code, out var dossier))
            {
                upserts.Add(dossier);
            }
        }

        return new BatchPlan(results, upserts, deltas, quarantine);
    }

    private static QuarantinedRecord ToQuarantine(LedgerEntry entry, IReadOnlyList<QuarantineReason> reasons, DateTimeOffset now) => new()
    {
        UnitCode = Truncate(entry.UnitCode, 16),
        DossierCode = Truncate(entry.DossierCode, 64),
        Source = Truncate(entry.Source, 512)!,
        Line = entry.Line,
        RawText = QuarantinedRecord.Kept(entry.RawText),
        CsvHeader = entry.CsvHeader,
        Reasons = JsonSerializer.Serialize(reasons),
        RawHash = RawHashOf(entry.RawText),
        ReceivedAt = now,
        Status = QuarantineStatus.Open,
    };

    public static string RawHashOf(string rawText) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawText)));

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
