using System.Runtime.InteropServices;
using OpenDvc.Ledger.Contract;

namespace OpenDvc.Ledger.Rollups;

/// <summary>
/// One counter of <see cref="DossierRollup"/>: what one dossier adds to it, in C# for the writers' deltas and in SQL for
/// <c>opendvc verify</c>, which recomputes every rollup from the dossier table. Both are built from the same
/// <see cref="DossierFact"/> (the enums' values and the flag constants, never a number written by hand), and verify and
/// the tests check the two against each other.
/// </summary>
public sealed record RollupCounter(int Index, string Property, string Column, Func<Dossier, long> Of, string Sql);

/// <summary>
/// A yes/no fact about a stored dossier, stated once: its C# test and its SQL twin over the <c>dossiers</c> columns are
/// made from the same enum value or flag, so "refused" cannot mean status 3 in one and something else in the other.
/// </summary>
public sealed record DossierFact(Func<Dossier, bool> Test, string Sql)
{
    public static DossierFact StatusIs(DossierStatus status) => new(d => d.Status == status, $"status = {(int)status}");

    public static DossierFact ClockIs(ClockBucket bucket) => new(d => d.Clock == bucket, $"clock = {(int)bucket}");

    public static DossierFact Has(DossierTraits trait) => new(d => (d.Flags & trait) == trait, $"(flags & {(int)trait}) = {(int)trait}");

    public static DossierFact RatedAs(Satisfaction rating) => new(d => d.Rating == rating, $"rating = {(int)rating}");

    public static DossierFact PaidOnline { get; } =
        new(d => d.PaidOnline != OnlinePayment.None, $"paid_online <> {(int)OnlinePayment.None}");

    /// <summary>NgayTiepNhan present.</summary>
    public static DossierFact Received { get; } = new(d => d.ReceivedAt is not null, "received_at IS NOT NULL");

    public static DossierFact Supplemented { get; } = new(d => d.SupplementCount > 0, "supplement_count > 0");

    /// <summary>A non-zero fee (Decision 766, 3.6's denominator).</summary>
    public static DossierFact FeeBearing { get; } = new(d => d.Fee > 0, "fee > 0");

    /// <summary>Finished, with a processing time.</summary>
    public static DossierFact Timed { get; } = new(d => d.ProcessingMinutes is not null, "processing_minutes IS NOT NULL");

    public DossierFact And(DossierFact other) => new(d => Test(d) && other.Test(d), $"({Sql} AND {other.Sql})");

    public DossierFact Or(DossierFact other) => new(d => Test(d) || other.Test(d), $"({Sql} OR {other.Sql})");

    public DossierFact Not() => new(d => !Test(d), $"NOT ({Sql})");
}

public static class RollupCounters
{
    /// <summary>A counter of the dossiers a fact holds for.</summary>
    private static (string, string, Func<Dossier, long>, string) Counting(string property, string column, DossierFact fact) =>
        (property, column, d => fact.Test(d) ? 1 : 0, $"CASE WHEN {fact.Sql} THEN 1 ELSE 0 END");

    /// <summary>A sum of an amount over the dossiers a fact holds for.</summary>
    private static (string, string, Func<Dossier, long>, string) Summing(string property, string column, Func<Dossier, long> amount, string amountSql, DossierFact fact) =>
        (property, column, d => fact.Test(d) ? amount(d) : 0, $"CASE WHEN {fact.Sql} THEN {amountSql} ELSE 0 END");

    private static readonly DossierFact Everyone = new(_ => true, "1 = 1");

    private static readonly (string Property, string Column, Func<Dossier, long> Of, string Sql)[] Definitions =
    [
        Counting(nameof(DossierRollup.Dossiers), "dossiers", Everyone),
        Counting(nameof(DossierRollup.Received), "received", DossierFact.Received),
        Counting(nameof(DossierRollup.FinishedEarly), "finished_early", DossierFact.ClockIs(ClockBucket.Early)),
        Counting(nameof(DossierRollup.FinishedOnTime), "finished_on_time", DossierFact.ClockIs(ClockBucket.OnTime)),
        Counting(nameof(DossierRollup.FinishedLate), "finished_late", DossierFact.ClockIs(ClockBucket.Late)),
        Counting(nameof(DossierRollup.Pending), "pending", DossierFact.ClockIs(ClockBucket.Pending)),
        Counting(nameof(DossierRollup.Withdrawn), "withdrawn", DossierFact.StatusIs(DossierStatus.Withdrawn)),
        Counting(nameof(DossierRollup.Refused), "refused", DossierFact.StatusIs(DossierStatus.Refused)),
        Counting(nameof(DossierRollup.Stopped), "stopped", DossierFact.StatusIs(DossierStatus.Stopped)),
        Counting(nameof(DossierRollup.Supplemented), "supplemented", DossierFact.Supplemented),
        Counting(nameof(DossierRollup.FeeBearing), "fee_bearing", DossierFact.FeeBearing),
        Summing(nameof(DossierRollup.FeeAmount), "fee_amount", d => d.Fee, "fee", Everyone),
        Counting(nameof(DossierRollup.PaidOnline), "paid_online", DossierFact.PaidOnline),
        Summing(nameof(DossierRollup.PaidOnlineAmount), "paid_online_amount", d => d.Fee, "fee", DossierFact.PaidOnline),
        Counting(nameof(DossierRollup.Digitised), "digitised", DossierFact.Has(DossierTraits.Digitised)),
        Counting(nameof(DossierRollup.DigitisedComplete), "digitised_complete",
            DossierFact.Has(DossierTraits.Digitised).And(DossierFact.Has(DossierTraits.PaperResult).Not().Or(DossierFact.Has(DossierTraits.ElectronicResult)))),
        Counting(nameof(DossierRollup.Reused), "reused", DossierFact.Has(DossierTraits.Reused)),
        Counting(nameof(DossierRollup.DataStore), "data_store", DossierFact.Has(DossierTraits.DataStore)),
        Counting(nameof(DossierRollup.Vneid), "vneid", DossierFact.Has(DossierTraits.Vneid)),
        Counting(nameof(DossierRollup.PopulationData), "population_data", DossierFact.Has(DossierTraits.Vneid).Or(DossierFact.Has(DossierTraits.DataStore))),
        Counting(nameof(DossierRollup.PaperResult), "paper_result", DossierFact.Has(DossierTraits.PaperResult)),
        Counting(nameof(DossierRollup.ElectronicResult), "electronic_result", DossierFact.Has(DossierTraits.ElectronicResult)),
        Counting(nameof(DossierRollup.PaperResultWithElectronicResult), "paper_result_with_electronic_result",
            DossierFact.Has(DossierTraits.PaperResult).And(DossierFact.Has(DossierTraits.ElectronicResult))),
        Counting(nameof(DossierRollup.RatedVerySatisfied), "rated_very_satisfied", DossierFact.RatedAs(Satisfaction.VerySatisfied)),
        Counting(nameof(DossierRollup.RatedSatisfied), "rated_satisfied", DossierFact.RatedAs(Satisfaction.Satisfied)),
        Counting(nameof(DossierRollup.RatedNotSatisfied), "rated_not_satisfied", DossierFact.RatedAs(Satisfaction.NotSatisfied)),
        Summing(nameof(DossierRollup.ProcessingMinutes), "processing_minutes", d => d.ProcessingMinutes ?? 0, "processing_minutes", DossierFact.Timed),
        Counting(nameof(DossierRollup.ProcessingCount), "processing_count", DossierFact.Timed),
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
    public static readonly string PendingDueDateSql = $"CASE WHEN {DossierFact.ClockIs(ClockBucket.Pending).Sql} THEN due_date ELSE 0 END";

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
