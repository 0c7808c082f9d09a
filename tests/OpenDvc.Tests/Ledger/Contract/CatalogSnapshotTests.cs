using OpenDvc.Ledger.Contract;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Demo;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger.Contract;

public abstract class CatalogSnapshotTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    [Fact]
    public async Task Loads_units_procedures_and_the_calendar_once_from_the_database()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var demo = DemoRegistry.Procedures().ToList();

        var snapshot = await CatalogSnapshot.LoadAsync(db, TestContext.Current.CancellationToken);

        // The 86 units of 2023 and the two ministries of 2025 (BNNMT, BDTTG).
        Assert.Equal(88, snapshot.UnitCount);
        Assert.True(snapshot.HasUnit("01"));
        Assert.True(snapshot.HasUnit("BCA"));
        Assert.False(snapshot.HasUnit("99"));
        Assert.Equal(demo.Count, snapshot.ProcedureCount);
        Assert.All(demo.Take(50), p =>
        {
            Assert.True(snapshot.TryGetProcedure(p.Code, out var facts));
            Assert.Equal(CatalogSnapshot.Facts(p), facts);
        });
        Assert.False(snapshot.TryGetProcedure("9.999999", out _));
        // 2023: Saturday 6 May was a make-up working day, Friday 20 January the first day of Tết.
        Assert.True(snapshot.Calendar.IsWorkingDay(new DateOnly(2023, 5, 6)));
        Assert.False(snapshot.Calendar.IsWorkingDay(new DateOnly(2023, 1, 20)));
    }
}

public sealed class CatalogSnapshotTestsOnSqlite(SqliteApp fixture) : CatalogSnapshotTests<SqliteApp>(fixture);

public sealed class CatalogSnapshotTestsOnPostgres(PostgresApp fixture) : CatalogSnapshotTests<PostgresApp>(fixture);
