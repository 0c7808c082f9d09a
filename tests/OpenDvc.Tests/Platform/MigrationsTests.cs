using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;

namespace OpenDvc.Tests.Platform;

public sealed class MigrationsTests
{
    [Fact]
    public void Sqlite_model_has_no_changes_without_a_migration()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add for SqliteDbContext (see README)");
    }

    [Fact]
    public void Postgres_model_has_no_changes_without_a_migration()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add for PostgresDbContext (see README)");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[15..]);

        Assert.Equal(Names(sqlite), Names(postgres));
    }

    /// <summary>
    /// SQLite rebuilds a table to add a foreign key, from the migration's own snapshot of the model: a migration made on
    /// a branch that did not know a column another branch added drops that column (issue 18: deliverables.CampaignId).
    /// </summary>
    [Fact]
    public async Task A_migrated_sqlite_database_has_every_column_of_the_model()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(Path.GetTempPath(), $"opendvc-migrations-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite($"Data Source={file}").Options))
            {
                await db.Database.MigrateAsync(ct);
                await db.Database.OpenConnectionAsync(ct);
                var missing = new List<string>();
                foreach (var table in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null).GroupBy(e => e.GetTableName()!))
                {
                    var columns = await ColumnsAsync(db, table.Key, ct);
                    var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table.Key, table.First().GetSchema());
                    missing.AddRange(table.SelectMany(e => e.GetProperties()).Select(p => p.GetColumnName(store)).OfType<string>()
                        .Where(c => !columns.Contains(c)).Select(c => $"{table.Key}.{c}"));
                }

                Assert.Empty(missing.Distinct());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task<HashSet<string>> ColumnsAsync(DbContext db, string table, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
