using Npgsql;
using NpgsqlTypes;
using OpenDvc.Ledger.Rollups;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// PostgreSQL: per batch, in the open transaction (one per batch, or per group of batches when the caller groups
/// commits): (1) take the ledger's advisory lock and read the stored rows of the batch's codes (<c>dossier_keys</c>
/// says in which monthly partition each code's row lives, then one statement per month reads them), (2) make any
/// missing monthly partition, delete the old rows of updated dossiers (one statement per old month, each pruned to
/// its partition), binary-COPY the final dossier rows straight into the partitioned table and the new codes into
/// <c>dossier_keys</c>, and insert the quarantined records from arrays. Before each commit, (3) binary-COPY the
/// rollup deltas summed over the transaction's batches into a temporary staging table and merge them with one
/// set-based statement. A handful of round trips per batch. An update is a delete and an insert because a
/// dossier's received month (its partition) can change between versions
/// (docs/decisions/005-partition-dossiers-by-received-month.md).
/// The advisory lock serialises the read-decide-merge step of concurrent writers (two ingests, or an ingest and
/// the sync API), so each decides against committed state; parsing and validation still run in parallel.
/// </summary>
internal sealed class PostgresDossierWriter : IDossierWriter
{
    /// <summary>Arbitrary, fixed: the ledger's key in pg_advisory_xact_lock.</summary>
    private const long LedgerLock = 0x0D_7C1E_D6E5;

    /// <summary>
    /// The batch's codes joined with the key table, under the ledger's lock. Planned as a nested loop of primary-key
    /// probes (see <see cref="ProbeOnly"/>), its cost grows with the log of the ledger. <c>code = ANY(@codes)</c>
    /// with the 10,000 codes known at plan time was planned as a parallel sequential scan of the whole key table once
    /// it held about a million keys: the statement that made a stream slow down as the ledger grew (docs/benchmarks.md).
    /// </summary>
    private static readonly string ReadKeys =
        $"SELECT pg_advisory_xact_lock({LedgerLock}); SELECT k.received_month, k.code FROM unnest(@codes::text[]) AS c(code) JOIN dossier_keys k ON k.code = c.code;";

    /// <summary>
    /// Every statement of a batch looks up the batch's few thousand keys in tables of millions of rows: by index
    /// probes, never by hashing or merging a whole table. Without this the key read above was planned as a hash
    /// join over the whole key table while the table's statistics lagged behind its growth. Local to the batch's
    /// transaction.
    /// </summary>
    private const string ProbeOnly = "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;";

    /// <summary>One month's stored rows: the month is a constant, so the planner prunes to that partition and uses its key.</summary>
    private static readonly string ReadMonth = $"SELECT {DossierColumns.List} FROM dossiers WHERE received_month = @month AND code = ANY(@codes)";

    /// <summary>Dossiers already in <c>dossier_keys</c> whose received month (their partition) changed.</summary>
    private const string KeyMonthUpdate =
        "UPDATE dossier_keys k SET received_month = m.month FROM unnest(@codes::text[], @months::int[]) AS m(code, month) WHERE k.code = m.code";

    /// <summary>
    /// The staged fine deltas into the fine level as they are (unique per key: summed in memory), then into each
    /// coarse level summed by its key, in the same transaction (docs/decisions/010-coarse-rollups.md).
    /// </summary>
    private static readonly string RollupMerge =
        string.Concat(RollupLevel.All.Select(level => (level == RollupLevel.Fine ? level.AddFrom("ledger_rollup_stage") : level.MergeFrom("ledger_rollup_stage")) + ";"));

    private const string QuarantineInsertSql =
        "INSERT INTO quarantined_records (" + QuarantineSql.Columns + ") SELECT * FROM unnest("
        + "@unit::text[], @code::text[], @source::text[], @line::bigint[], @raw::text[], @header::text[], @reasons::text[], @hash::text[], @at::timestamptz[], @status::smallint[]) "
        + "ON CONFLICT (raw_hash) DO NOTHING;";

    private readonly NpgsqlConnection connection;
    private readonly TimeProvider time;

    /// <summary>Months known to have their partition (committed), so the partition function is called only for new ones.</summary>
    private readonly HashSet<int> partitioned = [];

    /// <summary>Months whose partition the open transaction made: known once it commits.</summary>
    private readonly HashSet<int> created = [];

    /// <summary>The transaction of the batches written since the last commit.</summary>
    private NpgsqlTransaction? open;

    /// <summary>The rollup deltas and quality counters of the batches in <see cref="open"/>.</summary>
    private readonly CommitGroup group;

    private PostgresDossierWriter(NpgsqlConnection connection, TimeProvider time, bool groupCommits)
    {
        this.connection = connection;
        this.time = time;
        group = new CommitGroup(groupCommits);
    }

    public static async Task<IDossierWriter> OpenAsync(NpgsqlConnection connection, TimeProvider time, bool groupCommits, CancellationToken cancellationToken)
    {
        // Temporary tables live as long as the session; their rows as long as the transaction.
        await using var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS ledger_rollup_stage (LIKE dossier_rollups) ON COMMIT DELETE ROWS;",
            connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new PostgresDossierWriter(connection, time, groupCommits);
    }

    public async Task<BatchResult> WriteAsync(IReadOnlyList<LedgerEntry> batch, CancellationToken cancellationToken)
    {
        if (open is null)
        {
            open = await connection.BeginTransactionAsync(cancellationToken);
            await using var probeOnly = new NpgsqlCommand(ProbeOnly, connection, open);
            await probeOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var result = await WriteAsync(batch, open, cancellationToken);
            if (group.IsComplete)
            {
                await FlushAsync(cancellationToken);
            }

            return result;
        }
        catch
        {
            await RollbackAsync();
            throw;
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (open is not null)
        {
            // The group's rollup deltas and quality counters, summed per key: one merge per commit, not per batch.
            await CopyRollupsAsync(group.Rollups, cancellationToken);
            await using (var merge = new NpgsqlCommand(RollupMerge, connection, open))
            {
                await merge.ExecuteNonQueryAsync(cancellationToken);
            }

            await Quality.LedgerQuality.WriteAsync(connection, open, group.Quality.Rows, time.GetUtcNow(), cancellationToken);
            await open.CommitAsync(cancellationToken);
            partitioned.UnionWith(created);
            await RollbackAsync();
        }
    }

    /// <summary>Ends the open transaction (a no-op after a commit) and starts the next group.</summary>
    private async Task RollbackAsync()
    {
        if (open is not null)
        {
            await open.DisposeAsync();
        }

        open = null;
        created.Clear();
        group.Clear();
    }

    private async Task<BatchResult> WriteAsync(IReadOnlyList<LedgerEntry> batch, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var keyed = new Dictionary<string, int>(StringComparer.Ordinal);
        var stored = await ReadStoredAsync(BatchPlan.CodesOf(batch), keyed, transaction, cancellationToken);
        var plan = BatchPlan.Decide(batch, stored, time.GetUtcNow(), group.Rollups);

        await PrepareMonthsAsync(plan.Upserts, stored, transaction, cancellationToken);
        await WriteDossiersAsync(plan.Upserts, keyed, transaction, cancellationToken);

        var added = 0;
        if (plan.Quarantine.Count > 0)
        {
            var q = plan.Quarantine;
            await using var insert = new NpgsqlCommand(QuarantineInsertSql, connection, transaction);
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

        group.Written(batch, plan.Results, time.GetUtcNow());
        return new BatchResult(plan.Results, added);
    }

    /// <summary>
    /// The stored rows of the batch's codes (and, in <paramref name="keyed"/>, the month <c>dossier_keys</c> holds for
    /// each: a code can be keyed without a row, when its month's partition was detached), in two round trips: their months from <c>dossier_keys</c> (under the
    /// ledger's lock), then one statement per month, each planned against one partition. A single join of the key
    /// table with the partitioned table was left to the planner, which chose parallel hash joins over every
    /// partition once the ledger held millions of rows (docs/benchmarks.md).
    /// </summary>
    private async Task<Dictionary<string, Dossier>> ReadStoredAsync(IReadOnlyCollection<string> codes, Dictionary<string, int> keyed, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, Dossier>(StringComparer.Ordinal);
        var months = new Dictionary<int, List<string>>();
        await using (var keys = new NpgsqlCommand(ReadKeys, connection, transaction))
        {
            keys.Parameters.AddWithValue("codes", codes.ToArray());
            await using var reader = await keys.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var month = reader.GetInt32(0);
                if (!months.TryGetValue(month, out var list))
                {
                    months[month] = list = [];
                }

                var code = reader.GetString(1);
                list.Add(code);
                keyed[code] = month;
            }
        }

        if (months.Count == 0)
        {
            return stored;
        }

        await using var rows = new NpgsqlBatch(connection, transaction);
        foreach (var (month, list) in months)
        {
            var read = new NpgsqlBatchCommand(ReadMonth);
            read.Parameters.AddWithValue("month", month);
            read.Parameters.AddWithValue("codes", list.ToArray());
            rows.BatchCommands.Add(read);
        }

        await using (var reader = await rows.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var dossier = DossierColumns.Read(reader, (r, i) => r.GetFieldValue<DateTimeOffset>(i));
                    stored[dossier.Code] = dossier;
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        return stored;
    }

    /// <summary>
    /// Makes the partitions of months seen for the first time (before any row of theirs is written, so the default
    /// partition never holds a row a new partition would claim), and deletes the stored rows of updated dossiers,
    /// one statement per old month so each touches one partition. All in one round trip.
    /// </summary>
    private async Task PrepareMonthsAsync(IReadOnlyList<Dossier> upserts, IReadOnlyDictionary<string, Dossier> stored, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var commands = new NpgsqlBatch(connection, transaction);
        var months = upserts.Select(d => d.ReceivedMonth).Where(m => m > 0 && !partitioned.Contains(m) && !created.Contains(m)).Distinct().ToArray();
        if (months.Length > 0)
        {
            var ensure = new NpgsqlBatchCommand("SELECT ledger_ensure_dossier_partition(m) FROM unnest(@months) AS m");
            ensure.Parameters.AddWithValue("months", months);
            commands.BatchCommands.Add(ensure);
        }

        foreach (var old in upserts.Select(d => stored.GetValueOrDefault(d.Code)).OfType<Dossier>().GroupBy(d => d.ReceivedMonth))
        {
            var delete = new NpgsqlBatchCommand("DELETE FROM dossiers WHERE received_month = @month AND code = ANY(@codes)");
            delete.Parameters.AddWithValue("month", old.Key);
            delete.Parameters.AddWithValue("codes", old.Select(d => d.Code).ToArray());
            commands.BatchCommands.Add(delete);
        }

        if (commands.BatchCommands.Count > 0)
        {
            await commands.ExecuteNonQueryAsync(cancellationToken);
        }

        created.UnionWith(months);
    }

    /// <summary>
    /// The final rows, binary-COPYed straight into the partitioned <c>dossiers</c> (the server routes each row to
    /// its month's partition): the old rows of updated dossiers were deleted first, so every row is an insert, and
    /// no staging table is written and read back. Then the key table: codes it does not hold COPYed into it, the
    /// few whose month changed updated from arrays. Both are safe without ON CONFLICT because the batch read the
    /// keys under the ledger's advisory lock, which every writer takes before reading.
    /// </summary>
    private async Task WriteDossiersAsync(IReadOnlyList<Dossier> dossiers, Dictionary<string, int> keyed, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (dossiers.Count == 0)
        {
            return;
        }

        await CopyAsync(connection, "dossiers", dossiers, cancellationToken);
        await using (var keys = await connection.BeginBinaryImportAsync("COPY dossier_keys (code, unit_code, received_month) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var dossier in dossiers)
            {
                if (!keyed.ContainsKey(dossier.Code))
                {
                    keys.StartRow();
                    keys.Write(dossier.Code, NpgsqlDbType.Varchar);
                    keys.Write(dossier.UnitCode, NpgsqlDbType.Varchar);
                    keys.Write(dossier.ReceivedMonth, NpgsqlDbType.Integer);
                }
            }

            await keys.CompleteAsync(cancellationToken);
        }

        var moved = dossiers.Where(d => keyed.TryGetValue(d.Code, out var month) && month != d.ReceivedMonth).ToArray();
        if (moved.Length > 0)
        {
            await using var update = new NpgsqlCommand(KeyMonthUpdate, connection, transaction);
            update.Parameters.AddWithValue("codes", moved.Select(d => d.Code).ToArray());
            update.Parameters.AddWithValue("months", moved.Select(d => d.ReceivedMonth).ToArray());
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Binary COPY of dossier rows into <paramref name="table"/> (<c>dossiers</c>; the benchmark's bare table). The
    /// values are written synchronously: they go into Npgsql's buffer, and only a full buffer is sent (blocking this
    /// writer's own thread for the send), where an await per value cost a state machine each, 26 a row (7 % of a
    /// first load of 1 M records).
    /// </summary>
    internal static async Task CopyAsync(NpgsqlConnection connection, string table, IEnumerable<Dossier> dossiers, CancellationToken cancellationToken)
    {
        var columns = DossierColumns.Columns;
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({DossierColumns.List}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var dossier in dossiers)
        {
            copy.StartRow();
            foreach (var column in columns)
            {
                switch (column.Kind)
                {
                    case ColumnKind.Text when column.GetText(dossier) is { } text: copy.Write(text, NpgsqlDbType.Varchar); break;
                    case ColumnKind.Instant when column.GetInstant(dossier) is { } instant: copy.Write(instant.ToUniversalTime(), NpgsqlDbType.TimestampTz); break;
                    case ColumnKind.SmallInteger when column.GetInteger(dossier) is { } n: copy.Write((short)n, NpgsqlDbType.Smallint); break;
                    case ColumnKind.RegularInteger when column.GetInteger(dossier) is { } n: copy.Write((int)n, NpgsqlDbType.Integer); break;
                    case ColumnKind.BigInteger when column.GetInteger(dossier) is { } n: copy.Write(n, NpgsqlDbType.Bigint); break;
                    default: copy.WriteNull(); break;
                }
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private async Task CopyRollupsAsync(RollupDeltas deltas, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY ledger_rollup_stage ({RollupLevel.Fine.KeyList}, {RollupLevel.Fine.CounterList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (key, values) in deltas.NonZero())
        {
            // Synchronous writes into Npgsql's buffer, as in CopyAsync.
            copy.StartRow();
            copy.Write(key.UnitCode, NpgsqlDbType.Varchar);
            copy.Write(key.ProcedureCode, NpgsqlDbType.Varchar);
            copy.Write(key.Month, NpgsqlDbType.Integer);
            copy.Write((short)key.Channel, NpgsqlDbType.Smallint);
            copy.Write((short)key.ApplicantType, NpgsqlDbType.Smallint);
            copy.Write(key.PendingDueDate, NpgsqlDbType.Integer);
            foreach (var value in values)
            {
                copy.Write(value, NpgsqlDbType.Bigint);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>A group not flushed is rolled back: the caller stopped before it was complete.</summary>
    public async ValueTask DisposeAsync() => await RollbackAsync();
}
