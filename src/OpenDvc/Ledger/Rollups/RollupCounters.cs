using System.Runtime.InteropServices;
using OpenDvc.Ledger.Contract;

namespace OpenDvc.Ledger.Rollups;

/// <summary>
/// One counter of <see cref="DossierRollup"/>: what one dossier adds to it, written twice on purpose: in C# for
/// the writers' deltas, and in SQL for <c>opendvc verify</c>, which recomputes every rollup from the dossier
/// table. Two independent statements of each rule, checked against each other by verify and by the tests.
/// </summary>
public sealed record RollupCounter(int Index, string Property, string Column, Func<Dossier, long> Of, string Sql);

public static class RollupCounters
{
    private static long Bit(bool value) => value ? 1 : 0;

    private static bool Has(Dossier d, DossierTraits flag) => (d.Flags & flag) != 0;

    private static readonly (string Property, string Column, Func<Dossier, long> Of, string Sql)[] Definitions =
    [
        (nameof(DossierRollup.Dossiers), "dossiers", _ => 1, "1"),
        (nameof(DossierRollup.Received), "received", d => Bit(d.ReceivedAt is not null), "CASE WHEN received_at IS NOT NULL THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.FinishedEarly), "finished_early", d => Bit(d.Clock == ClockBucket.Early), "CASE WHEN clock = 1 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.FinishedOnTime), "finished_on_time", d => Bit(d.Clock == ClockBucket.OnTime), "CASE WHEN clock = 2 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.FinishedLate), "finished_late", d => Bit(d.Clock == ClockBucket.Late), "CASE WHEN clock = 3 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.Pending), "pending", d => Bit(d.Clock == ClockBucket.Pending), "CASE WHEN clock = 4 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.Withdrawn), "withdrawn", d => Bit(d.Status == 7), "CASE WHEN status = 7 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.Refused), "refused", d => Bit(d.Status == 3), "CASE WHEN status = 3 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.Stopped), "stopped", d => Bit(d.Status == 8), "CASE WHEN status = 8 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.Supplemented), "supplemented", d => Bit(d.SupplementCount > 0), "CASE WHEN supplement_count > 0 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.FeeBearing), "fee_bearing", d => Bit(d.Fee > 0), "CASE WHEN fee > 0 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.FeeAmount), "fee_amount", d => d.Fee, "fee"),
        (nameof(DossierRollup.PaidOnline), "paid_online", d => Bit(d.PaidOnline > 0), "CASE WHEN paid_online > 0 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.PaidOnlineAmount), "paid_online_amount", d => d.PaidOnline > 0 ? d.Fee : 0, "CASE WHEN paid_online > 0 THEN fee ELSE 0 END"),
        (nameof(DossierRollup.Digitised), "digitised", d => Bit(Has(d, DossierTraits.Digitised)), "CASE WHEN (flags & 1) <> 0 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.DigitisedComplete), "digitised_complete",
            d => Bit(Has(d, DossierTraits.Digitised) && (!Has(d, DossierTraits.PaperResult) || Has(d, DossierTraits.ElectronicResult))),
            "CASE WHEN (flags & 1) <> 0 AND ((flags & 32) = 0 OR (flags & 16) <> 0) THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.Reused), "reused", d => Bit(Has(d, DossierTraits.Reused)), "CASE WHEN (flags & 2) <> 0 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.DataStore), "data_store", d => Bit(Has(d, DossierTraits.DataStore)), "CASE WHEN (flags & 4) <> 0 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.Vneid), "vneid", d => Bit(Has(d, DossierTraits.Vneid)), "CASE WHEN (flags & 8) <> 0 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.PopulationData), "population_data", d => Bit(Has(d, DossierTraits.Vneid) || Has(d, DossierTraits.DataStore)), "CASE WHEN (flags & 12) <> 0 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.PaperResult), "paper_result", d => Bit(Has(d, DossierTraits.PaperResult)), "CASE WHEN (flags & 32) <> 0 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.ElectronicResult), "electronic_result", d => Bit(Has(d, DossierTraits.ElectronicResult)), "CASE WHEN (flags & 16) <> 0 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.PaperResultWithElectronicResult), "paper_result_with_electronic_result",
            d => Bit(Has(d, DossierTraits.PaperResult) && Has(d, DossierTraits.ElectronicResult)), "CASE WHEN (flags & 48) = 48 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.RatedVerySatisfied), "rated_very_satisfied", d => Bit(d.Rating == 1), "CASE WHEN rating = 1 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.RatedSatisfied), "rated_satisfied", d => Bit(d.Rating == 2), "CASE WHEN rating = 2 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.RatedNotSatisfied), "rated_not_satisfied", d => Bit(d.Rating == 3), "CASE WHEN rating = 3 THEN 1 ELSE 0 END"),
        (nameof(DossierRollup.ProcessingMinutes), "processing_minutes", d => d.ProcessingMinutes ?? 0, "COALESCE(processing_minutes, 0)"),
        (nameof(DossierRollup.ProcessingCount), "processing_count", d => Bit(d.ProcessingMinutes is not null), "CASE WHEN processing_minutes IS NOT NULL THEN 1 ELSE 0 END"),
    ];

    public static IReadOnlyList<RollupCounter> All => Counters;

    /// <summary>The same list as an array: the deltas loop over it for every dossier, without an enumerator.</summary>
    internal static RollupCounter[] Counters { get; } =
        Definitions.Select((c, i) => new RollupCounter(i, c.Property, c.Column, c.Of, c.Sql)).ToArray();

    public static int Count => Definitions.Length;

    /// <summary>The rollup row a dossier counts on; null for an inter-agency copy, which counts nowhere.</summary>
    public static RollupKey? KeyOf(Dossier d) => d.OriginalCode is not null
        ? null
        : new RollupKey(d.UnitCode, d.ProcedureCode, d.ReceivedMonth, d.Channel, d.ApplicantType, d.Clock == ClockBucket.Pending ? d.DueDate : 0);

    /// <summary>The SQL twin of <see cref="KeyOf"/>'s due-date part.</summary>
    public const string PendingDueDateSql = "CASE WHEN clock = 4 THEN due_date ELSE 0 END";

    /// <summary>The SQL twin of <see cref="KeyOf"/>'s filter.</summary>
    public const string CountedSql = "original_code IS NULL";
}

/// <summary>The key of a <see cref="DossierRollup"/> row.</summary>
public readonly record struct RollupKey(string UnitCode, string ProcedureCode, int Month, DossierChannel Channel, ApplicantType ApplicantType, int PendingDueDate)
{
    /// <summary>Ordinal order, the order verify reads both sides in (PostgreSQL with COLLATE "C").</summary>
    public static int Compare(RollupKey key, RollupKey other)
    {
        var c = string.CompareOrdinal(key.UnitCode, other.UnitCode);
        if (c == 0)
        {
            c = string.CompareOrdinal(key.ProcedureCode, other.ProcedureCode);
        }

        if (c == 0)
        {
            c = key.Month.CompareTo(other.Month);
        }

        if (c == 0)
        {
            c = ((short)key.Channel).CompareTo((short)other.Channel);
        }

        if (c == 0)
        {
            c = ((short)key.ApplicantType).CompareTo((short)other.ApplicantType);
        }

        return c == 0 ? key.PendingDueDate.CompareTo(other.PendingDueDate) : c;
    }

    public override string ToString() => $"{UnitCode}/{ProcedureCode}/{Month}/{Channel}/{ApplicantType}/{PendingDueDate}";
}

/// <summary>
/// The rollup changes of one batch, summed in memory: each write subtracts the dossier's old contribution and
/// adds its new one, so a dossier moving from pending to late moves between counters (and rows). Written once
/// per batch as one upsert per touched key.
/// </summary>
public sealed class RollupDeltas
{
    private readonly Dictionary<RollupKey, long[]> deltas = [];

    public int Count => deltas.Count;

    public void Subtract(Dossier? old) => Apply(old, -1);

    public void Add(Dossier? updated) => Apply(updated, 1);

    private void Apply(Dossier? dossier, int sign)
    {
        if (dossier is null || RollupCounters.KeyOf(dossier) is not { } key)
        {
            return;
        }

        // One hash of the key (two strings) for the look-up and the insert.
        ref var values = ref CollectionsMarshal.GetValueRefOrAddDefault(deltas, key, out _);
        values ??= new long[RollupCounters.Count];
        var counters = RollupCounters.Counters;
        for (var i = 0; i < counters.Length; i++)
        {
            values[i] += sign * counters[i].Of(dossier);
        }
    }

    /// <summary>
    /// The non-zero deltas (an update that changes nothing countable writes no rollup row), in key order, the
    /// rollup table's key order, so the upserts walk its B-tree from left to right.
    /// </summary>
    public IReadOnlyList<(RollupKey Key, long[] Values)> NonZero() => Sorted(deltas);

    /// <summary>
    /// The same deltas summed by a coarser <paramref name="level"/>'s key (its key parts kept, the others blanked),
    /// that level's counters only: the coarse rows change by exactly what the fine rows under them change by.
    /// </summary>
    public IReadOnlyList<(RollupKey Key, long[] Values)> NonZero(RollupLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (level == RollupLevel.Fine)
        {
            return NonZero();
        }

        var sums = new Dictionary<RollupKey, long[]>();
        var counters = level.Counters;
        foreach (var (key, values) in deltas)
        {
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, level.Coarsen(key), out _);
            sum ??= new long[counters.Count];
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += values[counters[i].Index];
            }
        }

        return Sorted(sums);
    }

    private static List<(RollupKey Key, long[] Values)> Sorted(Dictionary<RollupKey, long[]> rows)
    {
        var list = rows.Where(d => d.Value.Any(v => v != 0)).Select(d => (d.Key, d.Value)).ToList();
        list.Sort((a, b) => RollupKey.Compare(a.Key, b.Key));
        return list;
    }

    public void Clear() => deltas.Clear();
}
