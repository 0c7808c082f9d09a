using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Platform.Database;

namespace OpenDvc.Ledger.Verify;

/// <summary>
/// One counter of one rollup row that does not match: on the fine level (<c>dossier_rollups</c>) against the
/// dossiers, on a coarse level against the fine rows summed. <see cref="Key"/> holds the level's key parts; the parts
/// the level does not have are blank.
/// </summary>
public sealed record RollupDifference(RollupKey Key, string Counter, long Stored, long Recomputed, string Level = "dossier_rollups")
{
    public override string ToString()
    {
        var level = RollupLevel.All.First(l => l.Table == Level);
        var parts = level.Parts.Select(p => $"{p.Label} {p.Value(Key)}");
        var against = level == RollupLevel.Fine ? "recomputed" : "fine rollups summed";
        return $"{Level}: {string.Join(", ", parts)}: {Counter} stored {Stored}, {against} {Recomputed}";
    }
}

/// <summary>
/// Proves the rollups (docs/domain.md: "every figure can be recomputed from the dossiers"): recomputes every rollup
/// from the dossier table with the SQL twin of each counter (<see cref="RollupCounter.Sql"/>), and compares with
/// the stored rows in the database in one set-based statement, so only differences cross the wire: the stored and
/// the recomputed rows side by side (UNION ALL), grouped by key. A stored row whose counters are all zero equals an
/// absent one. (A FULL OUTER JOIN of the two was a nested loop on SQLite: minutes for a million dossiers.)
/// Then each coarse level (<see cref="RollupLevel.Coarse"/>) against the fine rows summed by its key, the same way:
/// the fine level proven against the dossiers, each coarse one against the fine one.
/// </summary>
public sealed class RollupVerifier(OpenDvcDbContext db)
{
    /// <summary>The fine level against the dossiers.</summary>
    public static string Sql(int limit)
    {
        var recompute =
            $"SELECT unit_code, procedure_code, received_month AS month, channel, applicant_type, {RollupCounters.PendingDueDateSql} AS pending_due_date, "
            + string.Join(", ", RollupCounters.All.Select(c => $"CAST(0 AS BIGINT), CAST(SUM({c.Sql}) AS BIGINT)"))
            + $" FROM dossiers WHERE {RollupCounters.CountedSql} GROUP BY 1, 2, 3, 4, 5, 6";
        return Compare(RollupLevel.Fine, recompute, limit);
    }

    /// <summary>A coarse level against the fine rows (each fine row counts once in the sums, under its coarse key).</summary>
    public static string Sql(RollupLevel level, int limit)
    {
        ArgumentNullException.ThrowIfNull(level);
        var fine = $"SELECT {level.KeyList}, " + string.Join(", ", level.Counters.Select(c => $"CAST(0 AS BIGINT), {c.Column}")) + $" FROM {RollupLevel.Fine.Table}";
        return Compare(level, fine, limit);
    }

    /// <summary>The level's stored rows and <paramref name="recompute"/> (its keys, then a zero and the recomputed value per counter) side by side, grouped by key: the keys whose sums differ.</summary>
    private static string Compare(RollupLevel level, string recompute, int limit)
    {
        var keys = level.KeyList;
        var counters = level.Counters;
        var stored = $"SELECT {keys}, " + string.Join(", ", counters.Select(c => $"{c.Column} AS s_{c.Column}, CAST(0 AS BIGINT) AS r_{c.Column}")) + $" FROM {level.Table}";
        var pairs = string.Join(", ", counters.Select(c => $"SUM(s_{c.Column}), SUM(r_{c.Column})"));
        var differs = string.Join(" OR ", counters.Select(c => $"SUM(s_{c.Column}) <> SUM(r_{c.Column})"));
        return $"SELECT {keys}, {pairs} FROM ({stored} UNION ALL {recompute}) AS u "
            + $"GROUP BY {keys} HAVING {differs} ORDER BY {keys} LIMIT {limit}";
    }

    /// <summary>
    /// Every difference of every level (up to <paramref name="limit"/> rows' worth per level), fine level first, each
    /// in key order; empty when the rollups are right.
    /// </summary>
    public async Task<IReadOnlyList<RollupDifference>> FindDifferencesAsync(int limit = 1000, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var differences = new List<RollupDifference>();
            foreach (var level in RollupLevel.All)
            {
                var sql = level == RollupLevel.Fine ? Sql(limit) : Sql(level, limit);
                differences.AddRange(await FindAsync(level, sql, cancellationToken));
            }

            return differences;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<List<RollupDifference>> FindAsync(RollupLevel level, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var differences = new List<RollupDifference>();
        var width = level.Keys.Count;
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = KeyOf(reader, level);
            for (var i = 0; i < level.Counters.Count; i++)
            {
                var stored = GetLong(reader, width + (2 * i));
                var recomputed = GetLong(reader, width + (2 * i) + 1);
                if (stored != recomputed)
                {
                    differences.Add(new RollupDifference(key, level.Counters[i].Column, stored, recomputed, level.Table));
                }
            }
        }

        return differences;
    }

    /// <summary>The level's key columns, first in the row, as a <see cref="RollupKey"/> with the parts the level lacks blank.</summary>
    private static RollupKey KeyOf(DbDataReader reader, RollupLevel level)
    {
        var key = new RollupKey("", "", 0, 0, 0, 0);
        for (var k = 0; k < level.Parts.Count; k++)
        {
            key = level.Parts[k].With(key, reader.GetValue(k));
        }

        return key;
    }

    private static long GetLong(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
