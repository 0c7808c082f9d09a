using System.Data;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Rollups;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// SQLite: one <c>BEGIN IMMEDIATE</c> transaction per batch (it takes the write lock first, so concurrent ingests
/// queue instead of deadlocking, and each reads the rows it updates under the lock), in WAL mode, with prepared
/// statements created once per writer and reused for every row. The writer has its own connection in private-cache
/// mode: the app's connection string asks for shared cache, whose table-level locks halve the speed of point
/// lookups and inserts, and which ignores the busy timeout. The stored rows a batch touches are read in one
/// query (<c>json_each</c> over the batch's codes), and the page cache is sized for the dossier indexes.
/// </summary>
internal sealed class SqliteDossierWriter : IDossierWriter
{
    /// <summary>The same instant encoding EF uses for the SQLite context (sortable 64-bit values).</summary>
    private static readonly DateTimeOffsetToBinaryConverter Instants = new();

    /// <summary>The context's pragmas, and a 64 MiB page cache: random MaHoSo keys touch every index page.</summary>
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;";

    private readonly SqliteConnection connection;
    private readonly TimeProvider time;
    private readonly SqliteCommand select;
    private readonly SqliteCommand upsert;
    private readonly SqliteCommand rollup;
    private readonly SqliteCommand quarantine;

    private SqliteDossierWriter(SqliteConnection connection, TimeProvider time)
    {
        this.connection = connection;
        this.time = time;
        var columns = DossierColumns.All;

        select = Command($"SELECT {DossierColumns.List} FROM dossiers WHERE code IN (SELECT value FROM json_each($p0))", 1);

        var updates = string.Join(", ", columns.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"));
        upsert = Command(
            $"INSERT INTO dossiers ({DossierColumns.List}) VALUES ({Placeholders(columns.Count)}) ON CONFLICT (code) DO UPDATE SET {updates}",
            columns.Count);

        var counters = RollupCounters.All;
        rollup = Command(
            $"INSERT INTO dossier_rollups ({RollupSql.KeyColumns}, {RollupSql.CounterColumns}) VALUES ({Placeholders(6 + counters.Count)}) "
            + $"ON CONFLICT ({RollupSql.KeyColumns}) DO UPDATE SET {string.Join(", ", counters.Select(c => $"{c.Column} = {c.Column} + excluded.{c.Column}"))}",
            6 + counters.Count);

        quarantine = Command(
            $"INSERT INTO quarantined_records ({QuarantineSql.Columns}) VALUES ({Placeholders(QuarantineSql.Count)}) ON CONFLICT (raw_hash) DO NOTHING",
            QuarantineSql.Count);
    }

    /// <summary>Opens the writer's own connection to the same database file as <paramref name="context"/>.</summary>
    public static async Task<IDossierWriter> OpenAsync(SqliteConnection context, TimeProvider time, CancellationToken cancellationToken)
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

            return new SqliteDossierWriter(connection, time);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A value as this writer binds it: instants in EF's SQLite encoding, null as NULL.</summary>
    internal static object ProviderValue(object? value) => value is DateTimeOffset t ? Instants.ConvertToProvider(t)! : value ?? DBNull.Value;

    private SqliteCommand Command(string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        return command;
    }

    private static string Placeholders(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"$p{i}"));

    public async Task<BatchResult> WriteAsync(IReadOnlyList<LedgerEntry> batch, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        foreach (var command in new[] { select, upsert, rollup, quarantine })
        {
            command.Transaction = transaction;
        }

        var stored = new Dictionary<string, Dossier>(StringComparer.Ordinal);
        select.Parameters[0].Value = JsonSerializer.Serialize(BatchPlan.CodesOf(batch));
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var dossier = DossierColumns.Read(reader, (r, i) => (DateTimeOffset)Instants.ConvertFromProvider(r.GetInt64(i))!);
                stored[dossier.Code] = dossier;
            }
        }

        var plan = BatchPlan.Decide(batch, stored, time.GetUtcNow());
        foreach (var dossier in plan.Upserts)
        {
            for (var i = 0; i < DossierColumns.All.Count; i++)
            {
                var value = DossierColumns.All[i].Get(dossier);
                upsert.Parameters[i].Value = ProviderValue(value);
            }

            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (key, values) in plan.Deltas.NonZero())
        {
            var row = RollupSql.Row(key, values);
            for (var i = 0; i < row.Length; i++)
            {
                rollup.Parameters[i].Value = row[i];
            }

            await rollup.ExecuteNonQueryAsync(cancellationToken);
        }

        var added = 0;
        foreach (var record in plan.Quarantine)
        {
            var row = QuarantineSql.Row(record);
            for (var i = 0; i < row.Length; i++)
            {
                quarantine.Parameters[i].Value = ProviderValue(row[i]);
            }

            added += await quarantine.ExecuteNonQueryAsync(cancellationToken);
        }

        await Quality.LedgerQuality.WriteAsync(connection, transaction, Quality.LedgerQuality.Count(batch, plan.Results, time.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BatchResult(plan.Results, added);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { select, upsert, rollup, quarantine })
        {
            await command.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}

/// <summary>The rollup table's columns for the raw writers.</summary>
internal static class RollupSql
{
    public const string KeyColumns = "unit_code, procedure_code, month, channel, applicant_type, pending_due_date";

    public static string CounterColumns { get; } = string.Join(", ", RollupCounters.All.Select(c => c.Column));

    public static object[] Row(RollupKey key, long[] values)
    {
        var row = new object[6 + values.Length];
        row[0] = key.UnitCode;
        row[1] = key.ProcedureCode;
        row[2] = key.Month;
        row[3] = (short)key.Channel;
        row[4] = (short)key.ApplicantType;
        row[5] = key.PendingDueDate;
        for (var i = 0; i < values.Length; i++)
        {
            row[6 + i] = values[i];
        }

        return row;
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
