using System.Data.Common;
using System.Linq.Expressions;
using OpenDvc.Ledger.Storage;
using OpenDvc.Platform.Time;

namespace OpenDvc.Ledger.Quality;

/// <summary>
/// Counts a written batch's data-quality counters per unit and arrival day, in memory, from what the batch already
/// knows (each record's unit, outcome and validation reasons), and upserts one row per key in the batch's
/// transaction: a batch lost to a crash is counted nowhere, a committed one exactly once. Definitions:
/// docs/data-quality.md.
/// </summary>
public static class LedgerQuality
{
    /// <summary>A processing time (received → finished) longer than this is absurd: no procedure's statutory time comes near a year.</summary>
    public static readonly TimeSpan AbsurdProcessing = TimeSpan.FromDays(366);

    /// <summary>The lag thresholds counted at ingest; the scorecard's configured threshold is one of them.</summary>
    public static readonly IReadOnlyList<TimeSpan> LagThresholds = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(30)];

    private static readonly HashSet<string> MissingDateCodes = new(StringComparer.Ordinal) { "RECEIVED_MISSING", "FINISHED_MISSING", "RETURNED_MISSING", "DATES_MISSING" };
    private static readonly HashSet<string> ImpossibleDateCodes = new(StringComparer.Ordinal) { "DATE_ORDER", "FUTURE_TIMESTAMP" };

    /// <summary>The counter columns, in the order the writers bind them.</summary>
    internal static IReadOnlyList<(string Name, Expression<Func<LedgerQualityDay, long>> Property, Func<LedgerQualityDay, long> Get)> Columns { get; } =
    [
        Column("read", q => q.Read),
        Column("accepted", q => q.Accepted),
        Column("unchanged", q => q.Unchanged),
        Column("stale", q => q.Stale),
        Column("quarantined", q => q.Quarantined),
        Column("missing_dates", q => q.MissingDates),
        Column("impossible_dates", q => q.ImpossibleDates),
        Column("absurd_durations", q => q.AbsurdDurations),
        Column("lag_count", q => q.LagCount),
        Column("lag_seconds", q => q.LagSeconds),
        Column("lag_over_1h", q => q.LagOver1Hour),
        Column("lag_over_1d", q => q.LagOver1Day),
        Column("lag_over_7d", q => q.LagOver7Days),
        Column("lag_over_30d", q => q.LagOver30Days),
    ];

    private static (string, Expression<Func<LedgerQualityDay, long>>, Func<LedgerQualityDay, long>) Column(string name, Expression<Func<LedgerQualityDay, long>> property) =>
        (name, property, property.Compile());

    /// <summary>The batch's counters, one row per unit and arrival day (all of a batch arrives on one day: <paramref name="now"/>).</summary>
    public static IReadOnlyCollection<LedgerQualityDay> Count(IReadOnlyList<LedgerEntry> batch, IReadOnlyList<EntryResult> results, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(results);
        var today = VietnamTime.DateOf(now);
        var day = (today.Year * 10000) + (today.Month * 100) + today.Day;
        var rows = new Dictionary<string, LedgerQualityDay>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i];
            var unit = entry.Dossier?.UnitCode ?? entry.UnitCode;
            if (string.IsNullOrEmpty(unit) || unit.Length > 16)
            {
                continue;
            }

            if (!rows.TryGetValue(unit, out var row))
            {
                rows[unit] = row = new LedgerQualityDay { UnitCode = unit, Day = day };
            }

            row.Read++;
            var result = results[i];
            switch (result.Outcome)
            {
                case LedgerOutcome.Accepted:
                    row.Accepted++;
                    CountAccepted(row, entry.Dossier!, now);
                    break;
                case LedgerOutcome.Unchanged: row.Unchanged++; break;
                case LedgerOutcome.Stale: row.Stale++; break;
                default:
                    row.Quarantined++;
                    CountReasons(row, result.Reasons);
                    break;
            }
        }

        return rows.Values;
    }

    private static void CountAccepted(LedgerQualityDay row, Dossier dossier, DateTimeOffset now)
    {
        if (dossier.ProcessingMinutes is { } minutes && (minutes < 0 || minutes > AbsurdProcessing.TotalMinutes))
        {
            row.AbsurdDurations++;
            row.ImpossibleDates++;
        }

        if (LastChange(dossier) is not { } changed)
        {
            return;
        }

        // A clock a little ahead of ours (the contract tolerates a day) is no lag, not a negative one.
        var lag = now > changed ? now - changed : TimeSpan.Zero;
        row.LagCount++;
        row.LagSeconds += (long)lag.TotalSeconds;
        row.LagOver1Hour += lag > LagThresholds[0] ? 1 : 0;
        row.LagOver1Day += lag > LagThresholds[1] ? 1 : 0;
        row.LagOver7Days += lag > LagThresholds[2] ? 1 : 0;
        row.LagOver30Days += lag > LagThresholds[3] ? 1 : 0;
    }

    /// <summary>When the source system last changed the dossier: ThoiDiemCapNhat, else its latest event date.</summary>
    public static DateTimeOffset? LastChange(Dossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return dossier.UpdatedAt
            ?? new[] { dossier.SubmittedAt, dossier.ReceivedAt, dossier.FinishedAt, dossier.ReturnedAt, dossier.RefusedAt }.Max();
    }

    private static void CountReasons(LedgerQualityDay row, IReadOnlyList<Quarantine.QuarantineReason> reasons)
    {
        bool missing = false, impossible = false;
        foreach (var reason in reasons)
        {
            var name = reason.Code.Split(':')[0];
            missing |= MissingDateCodes.Contains(name);
            impossible |= ImpossibleDateCodes.Contains(name);
        }

        row.MissingDates += missing ? 1 : 0;
        row.ImpossibleDates += impossible ? 1 : 0;
    }

    /// <summary>
    /// Adds the rows to <c>ledger_quality</c> inside the writer's transaction: multi-row upserts of 16 rows that add
    /// to the stored counters. The SQL is the same on SQLite and PostgreSQL (both take <c>@name</c> parameters and
    /// ON CONFLICT). Sixteen rows, not all of them at once: <c>SqliteCommand</c> finds each parameter by name in
    /// the whole collection, so a statement's cost grew with the square of its parameters (86 units × 16 values
    /// took about 10 ms a commit).
    /// </summary>
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<LedgerQualityDay> rows, DateTimeOffset committedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        await using (var watermark = connection.CreateCommand())
        {
            // The commit's time and size (LedgerWatermark), in the same transaction as the records it speaks for.
            watermark.Transaction = transaction;
            var p = 0;
            var at = Bind(watermark, ref p, committedAt.ToUnixTimeMilliseconds());
            var read = Bind(watermark, ref p, rows.Sum(r => r.Read));
            watermark.CommandText = $"INSERT INTO ledger_watermark (id, committed_at_ms, records) VALUES (1, {at}, {read}) "
                + "ON CONFLICT (id) DO UPDATE SET committed_at_ms = excluded.committed_at_ms, records = ledger_watermark.records + excluded.records";
            await watermark.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var chunk in rows.Chunk(16))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = new List<string>(chunk.Length);
            var p = 0;
            foreach (var row in chunk)
            {
                var names = new List<string>(2 + Columns.Count);
                names.Add(Bind(command, ref p, row.UnitCode));
                names.Add(Bind(command, ref p, row.Day));
                foreach (var column in Columns)
                {
                    names.Add(Bind(command, ref p, column.Get(row)));
                }

                values.Add($"({string.Join(", ", names)})");
            }

            command.CommandText = $"INSERT INTO ledger_quality (unit_code, day, {string.Join(", ", Columns.Select(c => c.Name))}) VALUES {string.Join(", ", values)} "
                + $"ON CONFLICT (unit_code, day) DO UPDATE SET {string.Join(", ", Columns.Select(c => $"{c.Name} = ledger_quality.{c.Name} + excluded.{c.Name}"))}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Bind(DbCommand command, ref int index, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = $"@q{index++}";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }
}

/// <summary>
/// The quality counters of the batches one commit holds, summed per unit and arrival day, so a writer that commits
/// several batches at once upserts each key once (<see cref="LedgerQuality.WriteAsync"/>).
/// </summary>
public sealed class LedgerQualitySums
{
    private readonly Dictionary<(string Unit, int Day), LedgerQualityDay> rows = [];

    public IReadOnlyCollection<LedgerQualityDay> Rows => rows.Values;

    public void Add(IReadOnlyList<LedgerEntry> batch, IReadOnlyList<EntryResult> results, DateTimeOffset now)
    {
        foreach (var row in LedgerQuality.Count(batch, results, now))
        {
            if (rows.TryGetValue((row.UnitCode, row.Day), out var sum))
            {
                sum.Add(row);
            }
            else
            {
                rows[(row.UnitCode, row.Day)] = row;
            }
        }
    }

    public void Clear() => rows.Clear();
}

