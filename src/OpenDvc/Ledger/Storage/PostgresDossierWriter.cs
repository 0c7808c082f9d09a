using Npgsql;
using NpgsqlTypes;
using OpenDvc.Ledger.Rollups;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// PostgreSQL: per batch, one transaction that (1) takes the ledger's advisory lock and reads the stored rows of
/// the batch's codes in one <c>= ANY(array)</c> query, (2) binary-COPYs the final dossier rows and the summed
/// rollup deltas into temporary staging tables, (3) merges both with one set-based <c>INSERT … ON CONFLICT</c>
/// each, and inserts the quarantined records from arrays. A handful of round trips per 50,000 records.
/// The advisory lock serialises the read-decide-merge step of concurrent writers (two ingests, or an ingest and
/// the sync API), so each decides against committed state; parsing and validation still run in parallel.
/// </summary>
internal sealed class PostgresDossierWriter : IDossierWriter
{
    /// <summary>Arbitrary, fixed: the ledger's key in pg_advisory_xact_lock.</summary>
    private const long LedgerLock = 0x0D_7C1E_D6E5;

    private static readonly string DossierMerge =
        $"INSERT INTO dossiers ({DossierColumns.List}) SELECT {DossierColumns.List} FROM ledger_dossier_stage "
        + $"ON CONFLICT (code) DO UPDATE SET {string.Join(", ", DossierColumns.All.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"))};";

    private static readonly string RollupMerge =
        $"INSERT INTO dossier_rollups ({RollupSql.KeyColumns}, {RollupSql.CounterColumns}) "
        + $"SELECT {RollupSql.KeyColumns}, {RollupSql.CounterColumns} FROM ledger_rollup_stage "
        + $"ON CONFLICT ({RollupSql.KeyColumns}) DO UPDATE SET "
        + string.Join(", ", RollupCounters.All.Select(c => $"{c.Column} = dossier_rollups.{c.Column} + excluded.{c.Column}")) + ";";

    private const string QuarantineInsert =
        "INSERT INTO quarantined_records (" + QuarantineSql.Columns + ") SELECT * FROM unnest("
        + "@unit::text[], @code::text[], @source::text[], @line::bigint[], @raw::text[], @header::text[], @reasons::text[], @hash::text[], @at::timestamptz[], @status::smallint[]) "
        + "ON CONFLICT (raw_hash) DO NOTHING;";

    private readonly NpgsqlConnection connection;
    private readonly TimeProvider time;

    private PostgresDossierWriter(NpgsqlConnection connection, TimeProvider time)
    {
        this.connection = connection;
        this.time = time;
    }

    public static async Task<IDossierWriter> OpenAsync(NpgsqlConnection connection, TimeProvider time, CancellationToken cancellationToken)
    {
        // Temporary tables live as long as the session; their rows as long as the transaction.
        await using var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS ledger_dossier_stage (LIKE dossiers) ON COMMIT DELETE ROWS;"
            + "CREATE TEMP TABLE IF NOT EXISTS ledger_rollup_stage (LIKE dossier_rollups) ON COMMIT DELETE ROWS;",
            connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new PostgresDossierWriter(connection, time);
    }

    public async Task<BatchResult> WriteAsync(IReadOnlyList<LedgerEntry> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await ReadStoredAsync(BatchPlan.CodesOf(batch), transaction, cancellationToken);
        var plan = BatchPlan.Decide(batch, stored, time.GetUtcNow());

        await CopyDossiersAsync(plan.Upserts, cancellationToken);
        await CopyRollupsAsync(plan.Deltas, cancellationToken);

        var added = 0;
        await using (var merge = new NpgsqlCommand(DossierMerge + RollupMerge, connection, transaction))
        {
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }

        if (plan.Quarantine.Count > 0)
        {
            var q = plan.Quarantine;
            await using var insert = new NpgsqlCommand(QuarantineInsert, connection, transaction);
            insert.Parameters.AddWithValue("unit", q.Select(r => r.UnitCode).ToArray());
            insert.Parameters.AddWithValue("code", q.Select(r => r.DossierCode).ToArray());
            insert.Parameters.AddWithValue("source", q.Select(r => r.Source).ToArray());
            insert.Parameters.AddWithValue("line", q.Select(r => r.Line).ToArray());
            insert.Parameters.AddWithValue("raw", q.Select(r => r.RawText).ToArray());
            insert.Parameters.AddWithValue("header", q.Select(r => r.CsvHeader).ToArray());
            insert.Parameters.AddWithValue("reasons", q.Select(r => r.Reasons).ToArray());
            insert.Parameters.AddWithValue("hash", q.Select(r => r.RawHash).ToArray());
            insert.Parameters.AddWithValue("at", q.Select(r => r.ReceivedAt.ToUniversalTime()).ToArray());
            insert.Parameters.AddWithValue("status", q.Select(r => (short)r.Status).ToArray());
            added = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new BatchResult(plan.Results, added);
    }

    private async Task<Dictionary<string, Dossier>> ReadStoredAsync(IReadOnlyCollection<string> codes, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, Dossier>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock({LedgerLock}); SELECT {DossierColumns.List} FROM dossiers WHERE code = ANY(@codes);", connection, transaction);
        command.Parameters.AddWithValue("codes", codes.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var dossier = DossierColumns.Read(reader, (r, i) => r.GetFieldValue<DateTimeOffset>(i));
            stored[dossier.Code] = dossier;
        }

        return stored;
    }

    private async Task CopyDossiersAsync(IReadOnlyList<Dossier> dossiers, CancellationToken cancellationToken)
    {
        if (dossiers.Count == 0)
        {
            return;
        }

        var columns = DossierColumns.All;
        await using var copy = await connection.BeginBinaryImportAsync($"COPY ledger_dossier_stage ({DossierColumns.List}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var dossier in dossiers)
        {
            await copy.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.Get(dossier);
                if (value is null)
                {
                    await copy.WriteNullAsync(cancellationToken);
                    continue;
                }

                switch (column.Kind)
                {
                    case ColumnKind.Text: await copy.WriteAsync((string)value, NpgsqlDbType.Varchar, cancellationToken); break;
                    case ColumnKind.SmallInteger: await copy.WriteAsync((short)value, NpgsqlDbType.Smallint, cancellationToken); break;
                    case ColumnKind.RegularInteger: await copy.WriteAsync((int)value, NpgsqlDbType.Integer, cancellationToken); break;
                    case ColumnKind.BigInteger: await copy.WriteAsync((long)value, NpgsqlDbType.Bigint, cancellationToken); break;
                    default: await copy.WriteAsync(((DateTimeOffset)value).ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken); break;
                }
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private async Task CopyRollupsAsync(RollupDeltas deltas, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY ledger_rollup_stage ({RollupSql.KeyColumns}, {RollupSql.CounterColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (key, values) in deltas.NonZero())
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(key.UnitCode, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(key.ProcedureCode, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(key.Month, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync((short)key.Channel, NpgsqlDbType.Smallint, cancellationToken);
            await copy.WriteAsync((short)key.ApplicantType, NpgsqlDbType.Smallint, cancellationToken);
            await copy.WriteAsync(key.PendingDueDate, NpgsqlDbType.Integer, cancellationToken);
            foreach (var value in values)
            {
                await copy.WriteAsync(value, NpgsqlDbType.Bigint, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
