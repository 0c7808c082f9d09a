using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OpenDvc.Platform.Database;

/// <summary>
/// Hears of writes made by other processes — an <c>opendvc ingest</c> run beside the server, another instance of the
/// app behind the same load balancer, an import — and signals <see cref="DataChanges"/> as an ingest batch would, so
/// cached figures and public pages follow within seconds instead of at their ten-minute expiry. It asks the database,
/// every <see cref="DataChangesOptions.PollInterval"/>, on one connection of its own, for a number that moves with
/// every committed write: SQLite's <c>PRAGMA data_version</c>, PostgreSQL's count of rows inserted, updated and
/// deleted in the database's tables (its statistics, which a writing session reports within about ten seconds). One
/// cheap query, whatever the size of the ledger. This process's own writes are seen too; the second signal falls
/// within the batch interval, so it costs one recomputation at most.
/// </summary>
public sealed class DataChangeFeed(DatabaseSettings database, DataChanges changes, TimeProvider time, IOptions<DataChangesOptions> options, ILogger<DataChangeFeed> logger) : BackgroundService
{
    private const string PostgresMarker = "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint FROM pg_stat_user_tables";
    private const string SqliteMarker = "PRAGMA data_version";

    /// <summary>Called after each look (tests wait for it), with whether it found a change.</summary>
    public Action<bool>? Looked { get; init; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        DbConnection? connection = null;
        long? last = null;
        var lost = false;
        try
        {
            do
            {
                var changed = false;
                try
                {
                    connection ??= await OpenAsync(stoppingToken);
                    var marker = await MarkerAsync(connection, stoppingToken);
                    changed = lost || (last is { } before && marker != before);
                    (last, lost) = (marker, false);
                }
#pragma warning disable CA1031 // A failed look must never stop the site: the next tick tries again.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    // The database restarting or out of reach: start again on a new connection at the next tick. A
                    // write in between would go unseen (SQLite's number is the connection's own), so signal once when
                    // the connection comes back.
                    logger.LogWarning(e, "Could not look for other processes' writes; trying again at the next tick");
                    await DisposeAsync(connection);
                    connection = null;
                    (last, lost) = (null, true);
                }

                if (changed)
                {
                    logger.LogDebug("The database changed since the last look; cached figures are renewed");
                    changes.BatchCommitted();
                }

                Looked?.Invoke(changed);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DisposeAsync(connection);
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        // Its own connection, outside the pool: SQLite's data_version counts the commits of every other connection.
        DbConnection connection = database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString())
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, ApplicationName = "opendvc data change feed" }.ToString());
        await connection.OpenAsync(ct);
        return connection;
    }

    private async Task<long> MarkerAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = database.Provider == DatabaseProvider.Sqlite ? SqliteMarker : PostgresMarker;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task DisposeAsync(DbConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
