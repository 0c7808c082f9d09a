using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OpenDvc.Platform.Database;
using OpenDvc.Registry;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Registry.Units;

/// <summary>A database made before the timeline, holding the 86 units of 2023, gains the 2025 timeline with <c>opendvc migrate</c> (issue 15).</summary>
public sealed class UnitTimelineUpgradeTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_sqlite_database_with_the_2023_units_gains_the_2025_timeline_when_migrated()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opendvc-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            await UpgradeAsync(path, () => new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite($"Data Source={path};Pooling=false").Options));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_postgres_database_with_the_2023_units_gains_the_2025_timeline_when_migrated()
    {
        Assert.SkipWhen(cluster.Unavailable is not null && Environment.GetEnvironmentVariable("CI") != "true", cluster.Unavailable ?? "");
        var connection = await cluster.CreateDatabaseAsync();

        await UpgradeAsync(connection, () => new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connection).Options));
    }

    private static async Task UpgradeAsync(string database, Func<OpenDvcDbContext> open)
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var before = open())
        {
            var migrations = before.Database.GetMigrations().ToList();
            await before.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_UnitTimeline", StringComparison.Ordinal)) - 1], ct);
            before.Set<Unit>().AddRange(ReferenceData.Units2023());
            await before.SaveChangesAsync(ct);
        }

        var (exit, output) = await OpenDvcProcess.RunAsync("migrate", "--database", database);

        Assert.True(exit == 0, output);
        await using var after = open();
        var timeline = await UnitTimeline.LoadAsync(after, ct);
        Assert.Equal(86, timeline.InForceOn(new DateOnly(2023, 12, 31)).Count);
        Assert.Equal(52, timeline.InForceOn(new DateOnly(2025, 7, 1)).Count);
        Assert.Equal("15", timeline.SuccessorOn("10", new DateOnly(2025, 7, 1)));
        Assert.Equal(["Tỉnh Yên Bái", "Tỉnh Lào Cai"], timeline.VersionsOf("15").Select(v => v.Name));
        Assert.Equal(["BNNPTNT", "BTNMT"], timeline.PredecessorsOf("BNNMT").Select(p => p.PredecessorCode).Order(StringComparer.Ordinal));
        Assert.Equal("15", (await after.Set<Unit>().SingleAsync(u => u.Code == "10", ct)).SuccessorCode);
    }
}
