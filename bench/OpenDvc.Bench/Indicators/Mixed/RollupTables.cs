using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;

namespace OpenDvc.Bench.Indicators.Mixed;

/// <summary>One rollup table's rows at one ledger size.</summary>
public sealed record RollupCount(string Table, long Rows);

/// <summary>
/// The read models the figures are computed from, found in the database's own catalog (every table whose name ends in
/// <c>rollups</c>, and <c>service_months</c>), so a rollup level added later is counted without the bench naming it.
/// </summary>
internal static class RollupTables
{
    /// <summary>Rows of each rollup table, by name.</summary>
    public static async Task<List<RollupCount>> CountAsync(WebApplication app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(ct);
        var catalog = connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal)
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND (table_name LIKE '%rollups' OR table_name = 'service_months')"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE '%rollups' OR name = 'service_months')";
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = catalog;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new List<RollupCount>();
        foreach (var table in tables.Order(StringComparer.Ordinal))
        {
            counts.Add(new RollupCount(table, await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"{table}\"", ct)));
        }

        return counts;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Rows at <paramref name="target"/> dossiers from the rows measured at each size (dossiers, rows), ascending:
    /// with two sizes or more, the power law through the last two (rows ∝ dossiers^b, b below 1 when the table
    /// saturates: its key's combinations fill up); with one, rows per dossier times the target (an upper bound).
    /// </summary>
    public static (double Rows, double? Exponent) Project(IReadOnlyList<(long Dossiers, long Rows)> measured, long target)
    {
        var (d2, r2) = measured[^1];
        if (measured.Count < 2 || r2 == 0)
        {
            return (r2 / (double)Math.Max(d2, 1) * target, null);
        }

        var (d1, r1) = measured[^2];
        var b = r1 > 0 && d2 > d1 ? Math.Log(r2 / (double)r1) / Math.Log(d2 / (double)d1) : 1;
        return (r2 * Math.Pow(target / (double)d2, b), b);
    }
}
