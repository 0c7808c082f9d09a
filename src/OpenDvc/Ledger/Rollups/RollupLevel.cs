using System.Globalization;
using OpenDvc.Ledger.Contract;

namespace OpenDvc.Ledger.Rollups;

/// <summary>
/// One level of the rollups: its table, its key columns (a subset of the fine level's) and which of
/// <see cref="RollupCounters"/> it keeps. The writers' upserts, the coarse levels' merge from fine rows, and
/// verify's comparisons are generated from it, so a level is described once (docs/decisions/010-coarse-rollups.md).
/// </summary>
public sealed class RollupLevel
{
    private RollupLevel(string table, string[] keys, RollupCounter[] counters, Func<RollupKey, RollupKey> coarsen)
    {
        Table = table;
        Keys = keys;
        Parts = [.. keys.Select(k => RollupKeyPart.All.Single(p => p.Column == k))];
        Counters = counters;
        Coarsen = coarsen;
    }

    /// <summary>unit × procedure × month × channel × applicant type × pending due date, every counter: procedure-level questions.</summary>
    public static RollupLevel Fine { get; } = new(
        "dossier_rollups", ["unit_code", "procedure_code", "month", "channel", "applicant_type", "pending_due_date"], RollupCounters.Counters, k => k);

    /// <summary>unit × month × channel × applicant type × pending due date, every counter: national and unit figures (<see cref="UnitRollup"/>).</summary>
    public static RollupLevel Units { get; } = new(
        "dossier_unit_rollups", ["unit_code", "month", "channel", "applicant_type", "pending_due_date"], RollupCounters.Counters,
        k => k with { ProcedureCode = "" });

    /// <summary>unit × procedure × month × applicant type, the dossier count only: which services had dossiers (<see cref="ServiceMonth"/>).</summary>
    public static RollupLevel ServiceMonths { get; } = new(
        "service_months", ["unit_code", "procedure_code", "month", "applicant_type"],
        [RollupCounters.Counters.Single(c => c.Property == nameof(RollupRow.Dossiers))],
        k => k with { Channel = 0, PendingDueDate = 0 });

    /// <summary>The levels summed from the fine one, in the order they are written and verified.</summary>
    public static IReadOnlyList<RollupLevel> Coarse { get; } = [Units, ServiceMonths];

    /// <summary>Every level, fine first.</summary>
    public static IReadOnlyList<RollupLevel> All { get; } = [Fine, .. Coarse];

    public string Table { get; }

    public IReadOnlyList<string> Keys { get; }

    /// <summary>The key columns as <see cref="RollupKey"/> parts, in <see cref="Keys"/>' order: how each is bound, read back and named.</summary>
    public IReadOnlyList<RollupKeyPart> Parts { get; }

    public IReadOnlyList<RollupCounter> Counters { get; }

    /// <summary>The level's key of a fine key: the parts it drops blanked ("" or 0), so <see cref="RollupKey.Compare"/> orders it as the level's primary key.</summary>
    public Func<RollupKey, RollupKey> Coarsen { get; }

    public string KeyList => string.Join(", ", Keys);

    public string CounterList => string.Join(", ", Counters.Select(c => c.Column));

    /// <summary>Adds each counter of the incoming row to the stored one.</summary>
    private string AddOnConflict => $"ON CONFLICT ({KeyList}) DO UPDATE SET "
        + string.Join(", ", Counters.Select(c => $"{c.Column} = {Table}.{c.Column} + excluded.{c.Column}"));

    /// <summary>An upsert of the deltas in <paramref name="rows"/> (groups of parameters: the key columns, then the counters).</summary>
    public string Upsert(string rows) => $"INSERT INTO {Table} ({KeyList}, {CounterList}) VALUES {rows} {AddOnConflict}";

    /// <summary>Adds the rows of <paramref name="source"/> (the level's own columns, one row per key) as they are.</summary>
    public string AddFrom(string source) =>
        $"INSERT INTO {Table} ({KeyList}, {CounterList}) SELECT {KeyList}, {CounterList} FROM {source} WHERE true {AddOnConflict}";

    /// <summary>
    /// Adds the rows of <paramref name="fineSource"/> (the fine table, or a staging table of fine deltas) summed by
    /// this level's key; sums that are all zero (a dossier moved between two procedures of a unit) write nothing.
    /// <c>WHERE true</c>: SQLite's parser needs it before an upsert's ON CONFLICT in an INSERT … SELECT.
    /// </summary>
    public string MergeFrom(string fineSource) =>
        $"INSERT INTO {Table} ({KeyList}, {CounterList}) SELECT {KeyList}, "
        + string.Join(", ", Counters.Select(c => $"SUM({c.Column})"))
        + $" FROM {fineSource} WHERE true GROUP BY {KeyList} HAVING "
        + string.Join(" OR ", Counters.Select(c => $"SUM({c.Column}) <> 0"))
        + $" {AddOnConflict}";

    public override string ToString() => Table;
}

/// <summary>
/// One column of a rollup key and its part of <see cref="RollupKey"/>: its value as the writers bind it (text, or a
/// number as stored), the key with that part set from a stored value, and its name in verify's messages. Described once
/// here, so writing, reading back and naming a level's key cannot disagree.
/// </summary>
public sealed record RollupKeyPart(string Column, string Label, Func<RollupKey, object> Value, Func<RollupKey, object, RollupKey> With)
{
    private static int Number(object stored) => Convert.ToInt32(stored, CultureInfo.InvariantCulture);

    public static IReadOnlyList<RollupKeyPart> All { get; } =
    [
        new("unit_code", "unit", k => k.UnitCode, (k, v) => k with { UnitCode = (string)v }),
        new("procedure_code", "procedure", k => k.ProcedureCode, (k, v) => k with { ProcedureCode = (string)v }),
        new("month", "month", k => k.Month, (k, v) => k with { Month = Number(v) }),
        new("channel", "channel", k => k.Channel, (k, v) => k with { Channel = (DossierChannel)Number(v) }),
        new("applicant_type", "applicant", k => k.ApplicantType, (k, v) => k with { ApplicantType = (ApplicantType)Number(v) }),
        new("pending_due_date", "pending due", k => k.PendingDueDate, (k, v) => k with { PendingDueDate = Number(v) }),
    ];
}
