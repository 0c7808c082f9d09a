using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;

namespace OpenDvc.Bench.Indicators;

/// <summary>
/// The naive way to answer the dashboards' questions, written plainly: one GROUP BY over the dossier table per
/// question, summing what the indicators need (every rollup counter, from the same per-dossier SQL the rollups are
/// defined by, pending dossiers within their deadline, and the channel splits of the savings). The benchmark times
/// them beside the endpoints; no page or endpoint runs them.
/// </summary>
internal sealed class NaiveQueries(WebApplication app, DashboardBenchOptions options, string unit, string procedure)
{
    public const string Nation = "nation";
    public const string NationMonths = "nation by month";
    public const string Units = "by unit";
    public const string UnitsPrevious = "by unit, previous period";
    public const string Unit = "unit";
    public const string UnitProcedures = "unit by procedure";
    public const string UnitMonths = "unit by month";
    public const string Service = "service";
    public const string ServiceMonths = "service by month";

    /// <summary>Median time of each query already measured at this size: an endpoint reuses its parts' times.</summary>
    private readonly Dictionary<string, double> measured = [];

    /// <summary>The summed median time of <paramref name="queries"/>, in milliseconds.</summary>
    public async Task<double> TimeAsync(IEnumerable<string> queries, CancellationToken ct)
    {
        var total = 0.0;
        foreach (var name in queries)
        {
            if (!measured.TryGetValue(name, out var median))
            {
                var runs = new List<double>();
                for (var i = 0; i < Math.Max(1, options.NaiveRuns); i++)
                {
                    runs.Add(await RunAsync(Sql(name), ct));
                }

                measured[name] = median = DashboardBenchmark.Percentile(runs, 0.5);
            }

            total += median;
        }

        return total;
    }

    public string Sql(string name)
    {
        var period = options.Period;
        return name switch
        {
            Nation => Query(period, null),
            NationMonths => Query(period, "received_month"),
            Units => Query(period, "unit_code"),
            UnitsPrevious => Query(period.Previous(), "unit_code"),
            Unit => Query(period, null, "unit_code = @unit"),
            UnitProcedures => Query(period, "procedure_code", "unit_code = @unit"),
            UnitMonths => Query(period, "received_month", "unit_code = @unit"),
            Service => Query(period, null, "unit_code = @unit AND procedure_code = @procedure"),
            ServiceMonths => Query(period, "received_month", "unit_code = @unit AND procedure_code = @procedure"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    private static string Query(Period period, string? groupBy, string? where = null)
    {
        var today = VietnamTime.DateOf(TimeProvider.System.GetUtcNow());
        var asOf = (today.Year * 10000) + (today.Month * 100) + today.Day;
        var (remote, assisted, counter) = ((int)DossierChannel.OnlineRemote, (int)DossierChannel.OnlineAssisted, (int)DossierChannel.Direct);
        var sums = RollupCounters.All.Select(c => $"SUM({c.Sql}) AS {c.Column}").Concat(
        [
            $"SUM(CASE WHEN clock = 4 AND due_date >= {asOf} THEN 1 ELSE 0 END) AS pending_within_deadline",
            $"SUM(CASE WHEN channel = {remote} THEN 1 ELSE 0 END) AS online_remote",
            $"SUM(CASE WHEN channel IN ({remote}, {assisted}) THEN 1 ELSE 0 END) AS online",
            $"SUM(CASE WHEN channel = {counter} THEN COALESCE(processing_minutes, 0) ELSE 0 END) AS counter_minutes",
            $"SUM(CASE WHEN channel = {remote} THEN COALESCE(processing_minutes, 0) ELSE 0 END) AS remote_minutes",
            $"SUM(CASE WHEN channel = {counter} THEN fee ELSE 0 END) AS counter_fees",
            $"SUM(CASE WHEN channel = {remote} THEN fee ELSE 0 END) AS remote_fees",
        ]);
        var select = groupBy is null ? "" : groupBy + ", ";
        var filter = FormattableString.Invariant($"{RollupCounters.CountedSql} AND received_month BETWEEN {period.FromMonth} AND {period.ToMonth}");
        filter += where is null ? "" : " AND " + where;
        var grouping = groupBy is null ? "" : " GROUP BY " + groupBy;
        return $"SELECT {select}{string.Join(", ", sums)} FROM dossiers WHERE {filter}{grouping}";
    }

    /// <summary>Runs a query and reads every row and column of its answer; returns the wall time in milliseconds.</summary>
    private async Task<double> RunAsync(string sql, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@unit", unit);
        Add(command, "@procedure", procedure);
        var started = Stopwatch.GetTimestamp();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync(ct))
            {
                reader.GetValues(values);
            }
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static void Add(DbCommand command, string name, string value)
    {
        if (command.CommandText.Contains(name, StringComparison.Ordinal))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
