using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using OpenDvc.Platform;
using OpenDvc.Ledger;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

/// <summary>
/// PostgreSQL's dossiers are partitioned by received month (docs/ledger-storage.md): the writer makes a month's
/// partition on first use, a dossier whose period changes moves to its new month's partition (still one row,
/// still found by its code), and a row without a period lands in the default partition.
/// </summary>
public sealed class LedgerPartitionTests(PostgresApp fixture, PostgresCluster cluster) : AppTests<PostgresApp>(fixture)
{
    [Fact]
    public async Task Upgrading_a_database_moves_its_dossiers_into_monthly_partitions()
    {
        Assert.SkipWhen(cluster.Unavailable is not null, $"PostgreSQL tests skipped: {cluster.Unavailable}");
        var ct = TestContext.Current.CancellationToken;
        var database = await cluster.CreateDatabaseAsync();
        await using var app = Program.Compose(new AppSettings(DatabaseSettings.Resolve(database), []));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First(), ct);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO dossiers (code, unit_code, procedure_code, received_month, channel, applicant_type, status, clock, due_date, "
            + "supplement_count, supplement_minutes, fee, paid_online, flags, rating, content_hash) VALUES "
            + "('A', '01', '1.000001', 202303, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1), ('B', '01', '1.000001', 0, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 2)",
            ct);

        await db.Database.MigrateAsync(ct);

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT d.code || ':' || d.tableoid::regclass::text || ':' || k.received_month FROM dossiers d JOIN dossier_keys k USING (code) ORDER BY 1", connection);
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["A:dossiers_202303:202303", "B:dossiers_default:0"], rows);
    }

    [Fact]
    public async Task A_dossier_lives_in_its_received_months_partition_and_moves_when_its_period_changes()
    {
        var code = LedgerFiles.Prefix() + "1";
        var march = LedgerFiles.Record(code, version: 1);
        var february = LedgerFiles.Record(code, version: 2)
            .Replace("\"NgayNopHoSo\":\"20230315083000\"", "\"NgayNopHoSo\":\"20230210083000\"", StringComparison.Ordinal)
            .Replace("\"NgayTiepNhan\":\"20230315091200\"", "\"NgayTiepNhan\":\"20230210091200\"", StringComparison.Ordinal);

        await LedgerFiles.IngestAsync(App, LedgerFiles.Ndjson([march]));
        var before = await PartitionsOfAsync(code);
        var moved = await LedgerFiles.IngestAsync(App, LedgerFiles.Ndjson([february]));
        var after = await PartitionsOfAsync(code);
        var again = await LedgerFiles.IngestAsync(App, LedgerFiles.Ndjson([march]));

        Assert.Equal(["dossiers_202303"], before);
        Assert.Equal(1, moved.Accepted);
        Assert.Equal(["dossiers_202302"], after);
        Assert.Equal(1, again.Stale);
        Assert.Equal(202302, Assert.Single(await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code == code))).ReceivedMonth);
        Assert.Equal(202302, await ScalarAsync<int>("SELECT received_month FROM dossier_keys WHERE code = @code", code));
        Assert.Empty(await LedgerData.VerifyAsync(App));
    }

    [Fact]
    public async Task A_dossier_without_a_period_lands_in_the_default_partition()
    {
        var dossier = LedgerData.Random(7, LedgerFiles.Procedure, [LedgerFiles.Prefix() + "0"], ["01"]);
        dossier.ReceivedMonth = 0;
        dossier.ContentHash = OpenDvc.Ledger.Storage.DossierColumns.Hash(dossier);

        var results = await LedgerData.WriteAsync(App, [LedgerData.Entry(dossier)]);

        Assert.Equal(OpenDvc.Ledger.Storage.LedgerOutcome.Accepted, Assert.Single(results).Outcome);
        Assert.Equal(["dossiers_default"], await PartitionsOfAsync(dossier.Code));
    }

    [Fact]
    public async Task Dossiers_is_range_partitioned_by_received_month_with_a_default_partition()
    {
        var strategy = await ScalarAsync<string>(
            "SELECT partstrat::text || ':' || (SELECT attname FROM pg_attribute WHERE attrelid = partrelid AND attnum = partattrs[0]) "
            + "FROM pg_partitioned_table WHERE partrelid = 'dossiers'::regclass");
        var hasDefault = await ScalarAsync<bool>("SELECT to_regclass('dossiers_default') IS NOT NULL");

        Assert.Equal("r:received_month", strategy);
        Assert.True(hasDefault);
    }

    private async Task<string[]> PartitionsOfAsync(string code)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tableoid::regclass::text FROM dossiers WHERE code = @code", connection);
        command.Parameters.AddWithValue("code", code);
        var partitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            partitions.Add(reader.GetString(0));
        }

        return [.. partitions];
    }

    private async Task<T> ScalarAsync<T>(string sql, string? code = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (code is not null)
        {
            command.Parameters.AddWithValue("code", code);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private string ConnectionString => App.Services.GetRequiredService<DatabaseSettings>().ConnectionString;
}
