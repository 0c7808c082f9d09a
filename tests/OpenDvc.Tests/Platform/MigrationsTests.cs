using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
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

    /// <summary>
    /// The app runs on the compiled models under Platform/Database/CompiledModels (built from the entity
    /// configurations by <c>dotnet ef dbcontext optimize</c>, a second less per start); a configuration changed
    /// without regenerating them would run on the old model. Every entity, property, key, index, conversion and
    /// relationship must be the same as the configurations build today.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Sqlite")]
    [InlineData(DatabaseProvider.PostgreSql, "Postgres")]
    public void The_compiled_model_is_the_one_the_configurations_build(DatabaseProvider provider, string folder)
    {
        using DbContext db = provider == DatabaseProvider.Sqlite
            ? new SqliteDesignTimeFactory().CreateDbContext([])
            : new PostgresDesignTimeFactory().CreateDbContext([]);
        var compiled = db.Model;
        var configured = db.GetService<IDesignTimeModel>().Model;

        Assert.IsType<RuntimeModel>(compiled, exactMatch: false);
        Assert.True(compiled.GetType().Namespace!.EndsWith($"CompiledModels.{folder}", StringComparison.Ordinal), compiled.GetType().FullName);
        Assert.Equal(Describe(configured), Describe(compiled));
    }

    /// <summary>What the app relies on of a model, one line per fact, ready to diff.</summary>
    private static List<string> Describe(IModel model) =>
    [
        .. model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(e => new[]
        {
            $"{e.Name} table={e.GetTableName()} schema={e.GetSchema()} view={e.GetViewName()} filters={string.Join(";", e.GetDeclaredQueryFilters().Select(f => $"{f.Key}:{f.Expression}"))} base={e.BaseType?.Name}",
        }
        .Concat(e.GetDeclaredProperties().Select(p =>
            $"{e.Name}.{p.Name} {p.ClrType} column={p.GetColumnName()} type={p.GetColumnType()} null={p.IsNullable} max={p.GetMaxLength()} converter={p.GetValueConverter()?.GetType()} provider={p.GetProviderClrType()} generated={p.ValueGenerated} concurrency={p.IsConcurrencyToken}"))
        .Concat(e.GetDeclaredKeys().Select(k => $"{e.Name} key {string.Join(",", k.Properties.Select(p => p.Name))} primary={k.IsPrimaryKey()}"))
        .Concat(e.GetDeclaredIndexes().Select(i => $"{e.Name} index {i.GetDatabaseName()} ({string.Join(",", i.Properties.Select(p => p.Name))}) unique={i.IsUnique} filter={i.GetFilter()}"))
        .Concat(e.GetDeclaredForeignKeys().Select(f => $"{e.Name} fk ({string.Join(",", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} delete={f.DeleteBehavior} required={f.IsRequired}"))
        .Concat(e.GetDeclaredNavigations().Select(n => $"{e.Name} navigation {n.Name} -> {n.TargetEntityType.Name}"))),
    ];

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
