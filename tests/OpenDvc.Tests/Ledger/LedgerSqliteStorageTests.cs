using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OpenDvc.Platform;
using OpenDvc.Platform.Database;

namespace OpenDvc.Tests.Ledger;

/// <summary>
/// SQLite keeps its dossiers and rollups in WITHOUT ROWID tables (one B-tree each instead of two; issue 3,
/// docs/ledger-storage.md). The migration rebuilds the tables by hand, so an existing database must come out
/// of it with every row, the same keys and the same indexes.
/// </summary>
public sealed class LedgerSqliteStorageTests
{
    /// <summary>The rollup counters after <c>pending</c>, all zero.</summary>
    private const string TwentyTwoZeros = ", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0";

    [Fact]
    public async Task Upgrading_a_database_keeps_its_dossiers_and_rollups_in_without_rowid_tables()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("opendvc-rowid-");
        try
        {
            var path = Path.Combine(directory.FullName, "opendvc.db");
            await using (var app = Program.Compose(new AppSettings(DatabaseSettings.Resolve(path), [])))
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
                var migrations = db.Database.GetMigrations().ToList();
                var before = migrations[migrations.FindIndex(m => m.EndsWith("_LedgerWithoutRowid", StringComparison.Ordinal)) - 1];
                await db.GetService<IMigrator>().MigrateAsync(before, ct);
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO dossiers (code, unit_code, procedure_code, original_code, received_month, channel, applicant_type, status, clock, due_date, "
                    + "supplement_count, supplement_minutes, fee, paid_online, flags, rating, content_hash) VALUES "
                    + "('A', '01', '1.000001', NULL, 202303, 1, 1, 2, 4, 20230320, 0, 0, 0, 0, 0, 0, 11), "
                    + "('B', '02', '1.000001', 'A', 202304, 2, 2, 2, 0, 0, 1, 30, 5000, 1, 0, 3, 22);"
                    + "INSERT INTO dossier_rollups SELECT '01', '1.000001', 202303, 1, 1, 20230320, 1, 1, 0, 0, 0, 1" + TwentyTwoZeros + ";",
                    ct);

                await db.Database.MigrateAsync(ct);
            }

            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync(ct);

            Assert.Equal(["A:01:202303:11:", "B:02:202304:22:A"], await RowsAsync(connection, "SELECT code || ':' || unit_code || ':' || received_month || ':' || content_hash || ':' || ifnull(original_code, '') FROM dossiers ORDER BY code", ct));
            Assert.Equal(["01:20230320:1:1"], await RowsAsync(connection, "SELECT unit_code || ':' || pending_due_date || ':' || dossiers || ':' || pending FROM dossier_rollups", ct));
            var tables = await RowsAsync(connection, "SELECT name || ':' || (sql LIKE '%WITHOUT ROWID') FROM sqlite_master WHERE type = 'table' AND name IN ('dossiers', 'dossier_rollups') ORDER BY name", ct);
            Assert.Equal(["dossier_rollups:1", "dossiers:1"], tables);
            var indexes = await RowsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('dossiers', 'dossier_rollups') AND sql IS NOT NULL ORDER BY name", ct);
            Assert.Equal(["ix_dossier_rollups_month_unit", "ix_dossiers_original_code", "ix_dossiers_unit_month"], indexes);
            await Assert.ThrowsAsync<SqliteException>(async () =>
            {
                await using var duplicate = new SqliteCommand(
                    "INSERT INTO dossiers (code, unit_code, procedure_code, received_month, channel, applicant_type, status, clock, due_date, "
                    + "supplement_count, supplement_minutes, fee, paid_online, flags, rating, content_hash) VALUES ('A', '01', '1.000001', 202303, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1)",
                    connection);
                await duplicate.ExecuteNonQueryAsync(ct);
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static async Task<List<string>> RowsAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(reader.GetValue(0).ToString()!);
        }

        return rows;
    }
}
