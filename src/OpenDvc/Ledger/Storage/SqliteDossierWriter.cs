using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Rollups;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// SQLite: one <c>BEGIN IMMEDIATE</c> transaction per batch, or per group of batches when the caller groups commits
/// (it takes the write lock first, so concurrent ingests queue instead of deadlocking, and each reads the rows it
/// updates under the lock; the group's rollup deltas and quality counters are summed in memory and upserted just
/// before the commit), in WAL mode, with prepared statements created once per writer and reused for every row,
/// bound by position (<see cref="SqliteStatement"/>). The writer has its own connection in private-cache
/// mode: the app's connection string asks for shared cache, whose table-level locks halve the speed of point
/// lookups and inserts, and which ignores the busy timeout. The stored rows a batch touches are read by one
/// primary-key probe each, rows are written many to a statement, and the page cache is sized for the dossier indexes.
/// </summary>
internal sealed class SqliteDossierWriter : IDossierWriter
{
    /// <summary>The same instant encoding EF uses for the SQLite context (sortable 64-bit values).</summary>
    private static readonly DateTimeOffsetToBinaryConverter Instants = new();

    private static readonly Func<DateTimeOffset, long> InstantToProvider = Instants.ConvertToProviderExpression.Compile();

    private static readonly Func<long, DateTimeOffset> InstantFromProvider = Instants.ConvertFromProviderExpression.Compile();

    /// <summary>
    /// Rows per INSERT statement: one statement of many rows runs one VDBE program where many would run one each
    /// (measured in docs/benchmarks.md); the rest of a batch goes through the single-row statement.
    /// </summary>
    internal const int RowsPerStatement = 32;

    /// <summary>
    /// The context's pragmas, a 48 MiB page cache (random MaHoSo keys touch every index page; 64 MiB was no faster
    /// and took a grouped commit's writer over 400 MB on a 10 M stream, docs/benchmarks.md), no memory-mapped reads
    /// (mapped pages count in the process's memory, and a 10 M stream was faster without them: change 21), and a
    /// checkpoint every 64 MiB of WAL rather than every 4 MiB: a random-key B-tree dirties the same pages batch after batch,
    /// and each checkpoint writes a dirty page once however often it changed since the last one.
    /// </summary>
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-49152; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=16384;";

    private static readonly int DossierWidth = DossierColumns.All.Count;

    private readonly SqliteConnection connection;
    private readonly TimeProvider time;
    private readonly SqliteStatement select;
    private readonly SqliteStatement selectRow;

    /// <summary>The rowids of the stored rows the current batch touches, for reading the whole rows that change.</summary>
    private readonly Dictionary<string, long> rowids = new(StringComparer.Ordinal);
    private readonly SqliteStatement upsertOne;
    private readonly SqliteStatement upsertMany;

    /// <summary>Each rollup level's upserts (fine first), written from the same summed deltas in the same transaction.</summary>
    private readonly LevelUpserts[] rollups;
    private readonly SqliteCommand quarantine;

    /// <summary>The transaction of the batches written since the last commit.</summary>
    private SqliteTransaction? open;

    /// <summary>The rollup deltas and quality counters of the batches in <see cref="open"/>.</summary>
    private readonly CommitGroup group;

    private SqliteDossierWriter(SqliteConnection connection, TimeProvider time, bool groupCommits)
    {
        this.connection = connection;
        this.time = time;
        group = new CommitGroup(groupCommits);
        select = new SqliteStatement(connection, "SELECT rowid, unit_code, updated_at, content_hash FROM dossiers WHERE code = ?1");
        selectRow = new SqliteStatement(connection, $"SELECT {DossierColumns.List} FROM dossiers WHERE rowid = ?1");

        var updates = string.Join(", ", DossierColumns.All.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"));
        string Upsert(int rows) =>
            $"INSERT INTO dossiers ({DossierColumns.List}) VALUES {Rows(rows, DossierWidth)} ON CONFLICT (code) DO UPDATE SET {updates}";
        upsertOne = new SqliteStatement(connection, Upsert(1));
        upsertMany = new SqliteStatement(connection, Upsert(RowsPerStatement));

        rollups = [.. RollupLevel.All.Select(level =>
        {
            var width = level.Keys.Count + level.Counters.Count;
            return new LevelUpserts(level, width, new SqliteStatement(connection, level.Upsert(Rows(1, width))),
                new SqliteStatement(connection, level.Upsert(Rows(RowsPerStatement, width))));
        })];

        quarantine = connection.CreateCommand();
        quarantine.CommandText =
            $"INSERT INTO quarantined_records ({QuarantineSql.Columns}) VALUES ({string.Join(", ", Enumerable.Range(0, QuarantineSql.Count).Select(i => $"$p{i}"))}) ON CONFLICT (raw_hash) DO NOTHING";
        for (var i = 0; i < QuarantineSql.Count; i++)
        {
            quarantine.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }
    }

    /// <summary>Opens the writer's own connection to the same database file as <paramref name="context"/>.</summary>
    public static async Task<IDossierWriter> OpenAsync(SqliteConnection context, TimeProvider time, bool groupCommits, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(context.ConnectionString) { Cache = SqliteCacheMode.Private, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = Pragmas;
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
            }

            return new SqliteDossierWriter(connection, time, groupCommits);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A value as this writer binds it: instants in EF's SQLite encoding, null as NULL.</summary>
    internal static object ProviderValue(object? value) => value is DateTimeOffset t ? InstantToProvider(t) : value ?? DBNull.Value;

    /// <summary><paramref name="rows"/> groups of <paramref name="width"/> positional parameters: <c>(?1, ?2), (?3, ?4)</c>.</summary>
    private static string Rows(int rows, int width) => string.Join(", ", Enumerable.Range(0, rows)
        .Select(r => "(" + string.Join(", ", Enumerable.Range((r * width) + 1, width).Select(i => $"?{i}")) + ")"));

    public Task<BatchResult> WriteAsync(IReadOnlyList<LedgerEntry> batch, CancellationToken cancellationToken)
    {
        // Synchronous on purpose: every step is a native call on this connection; nothing here waits on I/O that
        // an async API would overlap (Microsoft.Data.Sqlite's async methods run synchronously too).
        cancellationToken.ThrowIfCancellationRequested();
        var transaction = open ??= connection.BeginTransaction(IsolationLevel.Serializable);
        quarantine.Transaction = transaction;
        try
        {
            var result = Write(batch);
            if (group.IsComplete)
            {
                Commit();
            }

            return Task.FromResult(result);
        }
        catch
        {
            // The group's earlier batches go with this one: all of them are re-read on the next run.
            Rollback();
            throw;
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        if (open is not null)
        {
            Commit();
        }

        return Task.CompletedTask;
    }

    private void Commit()
    {
        // The group's rollup deltas and quality counters, summed per key: one upsert per key and commit rather than
        // per batch. Completes synchronously on SQLite, like every other step here.
        var transaction = open!;
        WriteRollups();
        Quality.LedgerQuality.WriteAsync(connection, transaction, group.Quality.Rows, time.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
        transaction.Commit();
        Rollback();
    }

    /// <summary>The summed rollup deltas of the group, in key order, at every level.</summary>
    private void WriteRollups()
    {
        foreach (var (level, width, one, many) in rollups)
        {
            var deltas = group.Rollups.NonZero(level);
            var i = 0;
            for (; i + RowsPerStatement <= deltas.Count; i += RowsPerStatement)
            {
                for (var r = 0; r < RowsPerStatement; r++)
                {
                    BindRollup(many, r * width, level, deltas[i + r].Key, deltas[i + r].Values);
                }

                many.Execute();
            }

            for (; i < deltas.Count; i++)
            {
                BindRollup(one, 0, level, deltas[i].Key, deltas[i].Values);
                one.Execute();
            }
        }
    }

    /// <summary>One rollup level's upsert statements: of one row, and of <see cref="RowsPerStatement"/> rows of <c>Width</c> values each.</summary>
    private sealed record LevelUpserts(RollupLevel Level, int Width, SqliteStatement One, SqliteStatement Many);

    /// <summary>Ends the open transaction (a no-op after a commit) and starts the next group.</summary>
    private void Rollback()
    {
        open?.Dispose();
        open = null;
        group.Clear();
    }

    private BatchResult Write(IReadOnlyList<LedgerEntry> batch)
    {
        var plan = BatchPlan.Decide(batch, ReadStored(batch), time.GetUtcNow(), group.Rollups, ReadRows);
        var upserts = plan.Upserts;
        var i = 0;
        for (; i + RowsPerStatement <= upserts.Count; i += RowsPerStatement)
        {
            for (var r = 0; r < RowsPerStatement; r++)
            {
                BindDossier(upsertMany, r * DossierWidth, upserts[i + r]);
            }

            upsertMany.Execute();
        }

        for (; i < upserts.Count; i++)
        {
            BindDossier(upsertOne, 0, upserts[i]);
            upsertOne.Execute();
        }

        var added = 0;
        foreach (var record in plan.Quarantine)
        {
            var row = QuarantineSql.Row(record);
            for (var p = 0; p < row.Length; p++)
            {
                quarantine.Parameters[p].Value = ProviderValue(row[p]);
            }

            added += quarantine.ExecuteNonQuery();
        }

        group.Written(batch, plan.Results, time.GetUtcNow());
        return new BatchResult(plan.Results, added);
    }

    /// <summary>
    /// What the decision reads of the stored rows of the batch's codes (unit, version, content hash; see
    /// <see cref="BatchPlan.Decide"/>), read under the write lock: one primary-key probe per code through a
    /// statement bound by position (cheaper than one <c>json_each</c> query over the batch's codes, which serialised
    /// the codes to JSON, parsed them back and built a temporary index of them). The whole rows are read only for
    /// the codes that change (<see cref="ReadRows"/>): a re-sent file decodes no row.
    /// </summary>
    private Dictionary<string, Dossier> ReadStored(IReadOnlyList<LedgerEntry> batch)
    {
        var stored = new Dictionary<string, Dossier>(StringComparer.Ordinal);
        rowids.Clear();
        select.Reset();
        foreach (var code in BatchPlan.CodesOf(batch))
        {
            select.Bind(1, code);
            if (!select.Read())
            {
                continue;
            }

            rowids[code] = select.Int64(0);
            stored[code] = new Dossier
            {
                Code = code,
                UnitCode = select.Text(1),
                ProcedureCode = "",
                UpdatedAt = select.IsNull(2) ? null : InstantFromProvider(select.Int64(2)),
                ContentHash = select.Int64(3),
            };
            select.Reset();
        }

        return stored;
    }

    /// <summary>The whole stored rows of <paramref name="codes"/> (read by <see cref="ReadStored"/> in this batch), by rowid.</summary>
    private Dictionary<string, Dossier> ReadRows(IReadOnlyList<string> codes)
    {
        var rows = new Dictionary<string, Dossier>(StringComparer.Ordinal);
        var columns = DossierColumns.Columns;
        foreach (var code in codes)
        {
            selectRow.Bind(1, rowids[code]);
            if (!selectRow.Read())
            {
                continue;
            }

            var dossier = new Dossier { Code = "", UnitCode = "", ProcedureCode = "" };
            for (var c = 0; c < columns.Length; c++)
            {
                var column = columns[c];
                var isNull = selectRow.IsNull(c);
                switch (column.Kind)
                {
                    case ColumnKind.Text: column.SetText(dossier, isNull ? null : selectRow.Text(c)); break;
                    case ColumnKind.Instant: column.SetInstant(dossier, isNull ? null : InstantFromProvider(selectRow.Int64(c))); break;
                    default: column.SetInteger(dossier, isNull ? null : selectRow.Int64(c)); break;
                }
            }

            selectRow.Reset();
            rows[dossier.Code] = dossier;
        }

        return rows;
    }

    private static void BindDossier(SqliteStatement statement, int offset, Dossier dossier)
    {
        var columns = DossierColumns.Columns;
        for (var c = 0; c < columns.Length; c++)
        {
            var index = offset + c + 1;
            var column = columns[c];
            switch (column.Kind)
            {
                case ColumnKind.Text: statement.Bind(index, column.GetText(dossier)); break;
                case ColumnKind.Instant when column.GetInstant(dossier) is { } instant: statement.Bind(index, InstantToProvider(instant)); break;
                case ColumnKind.Instant: statement.BindNull(index); break;
                default:
                    if (column.GetInteger(dossier) is { } value)
                    {
                        statement.Bind(index, value);
                    }
                    else
                    {
                        statement.BindNull(index);
                    }

                    break;
            }
        }
    }

    private static void BindRollup(SqliteStatement statement, int offset, RollupLevel level, RollupKey key, long[] values)
    {
        var parts = level.Parts;
        for (var k = 0; k < parts.Count; k++)
        {
            var index = offset + 1 + k;
            if (parts[k].Value(key) is string text)
            {
                statement.Bind(index, text);
            }
            else
            {
                statement.Bind(index, Convert.ToInt64(parts[k].Value(key), CultureInfo.InvariantCulture));
            }
        }

        for (var v = 0; v < values.Length; v++)
        {
            statement.Bind(offset + 1 + parts.Count + v, values[v]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A group not flushed is rolled back: the caller stopped before it was complete.
        Rollback();
        foreach (var statement in new[] { select, selectRow, upsertOne, upsertMany }.Concat(rollups.SelectMany(r => new[] { r.One, r.Many })))
        {
            statement.Dispose();
        }

        await quarantine.DisposeAsync();
        await connection.DisposeAsync();
    }
}

/// <summary>The quarantine table's columns for the raw writers.</summary>
internal static class QuarantineSql
{
    public const string Columns = "unit_code, dossier_code, source, line, raw_text, csv_header, reasons, raw_hash, received_at, status";
    public const int Count = 10;

    public static object?[] Row(QuarantinedRecord q) =>
        [q.UnitCode, q.DossierCode, q.Source, q.Line, q.RawText, q.CsvHeader, q.Reasons, q.RawHash, q.ReceivedAt, (short)q.Status];
}
