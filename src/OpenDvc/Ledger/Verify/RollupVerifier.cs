using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Platform.Database;

namespace OpenDvc.Ledger.Verify;

/// <summary>One counter of one rollup row that does not match the dossiers.</summary>
public sealed record RollupDifference(RollupKey Key, string Counter, long Stored, long Recomputed)
{
    public override string ToString() =>
        $"unit {Key.UnitCode}, procedure {Key.ProcedureCode}, month {Key.Month}, channel {Key.Channel}, applicant {Key.ApplicantType}, "
        + $"pending due {Key.PendingDueDate}: {Counter} stored {Stored}, recomputed {Recomputed}";
}

/// <summary>
/// Proves the rollups (docs/domain.md: "every figure can be recomputed from the dossiers"): recomputes every rollup
/// from the dossier table with the SQL twin of each counter (<see cref="RollupCounter.Sql"/>), and compares with
/// the stored rows in the database in one set-based statement, so only differences cross the wire: the stored and
/// the recomputed rows side by side (UNION ALL), grouped by key. A stored row whose counters are all zero equals an
/// absent one. (A FULL OUTER JOIN of the two was a nested loop on SQLite: minutes for a million dossiers.)
/// </summary>
public sealed class RollupVerifier(OpenDvcDbContext db)
{
    private static readonly string[] KeyColumns = ["unit_code", "procedure_code", "month", "channel", "applicant_type", "pending_due_date"];

    public static string Sql(int limit)
    {
        var counters = RollupCounters.All;
        var keys = string.Join(", ", KeyColumns);
        var recompute =
            $"SELECT unit_code, procedure_code, received_month AS month, channel, applicant_type, {RollupCounters.PendingDueDateSql} AS pending_due_date, "
            + string.Join(", ", counters.Select(c => $"CAST(0 AS BIGINT), CAST(SUM({c.Sql}) AS BIGINT)"))
            + $" FROM dossiers WHERE {RollupCounters.CountedSql} GROUP BY 1, 2, 3, 4, 5, 6";
        var stored = $"SELECT {keys}, " + string.Join(", ", counters.Select(c => $"{c.Column} AS s_{c.Column}, CAST(0 AS BIGINT) AS r_{c.Column}")) + " FROM dossier_rollups";
        var pairs = string.Join(", ", counters.Select(c => $"SUM(s_{c.Column}), SUM(r_{c.Column})"));
        var differs = string.Join(" OR ", counters.Select(c => $"SUM(s_{c.Column}) <> SUM(r_{c.Column})"));
        return $"SELECT {keys}, {pairs} FROM ({stored} UNION ALL {recompute}) AS u "
            + $"GROUP BY {keys} HAVING {differs} ORDER BY {keys} LIMIT {limit}";
    }

    /// <summary>Every difference (up to <paramref name="limit"/> rows' worth), in key order; empty when the rollups are right.</summary>
    public async Task<IReadOnlyList<RollupDifference>> FindDifferencesAsync(int limit = 1000, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = Sql(limit);
            command.CommandTimeout = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var differences = new List<RollupDifference>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new RollupKey(
                    reader.GetString(0), reader.GetString(1), reader.GetInt32(2),
                    (DossierChannel)reader.GetInt16(3), (ApplicantType)(byte)reader.GetInt16(4), reader.GetInt32(5));
                foreach (var counter in RollupCounters.All)
                {
                    var stored = GetLong(reader, 6 + (2 * counter.Index));
                    var recomputed = GetLong(reader, 7 + (2 * counter.Index));
                    if (stored != recomputed)
                    {
                        differences.Add(new RollupDifference(key, counter.Column, stored, recomputed));
                    }
                }
            }

            return differences;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static long GetLong(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
