using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger.Demo;

/// <summary>
/// The demo ledger (issue 3): a fresh demo database gets the simulated dossiers through the real ingest, with
/// rollups that verify, quarantined malformed records, and nothing more on a second start.
/// </summary>
public sealed class DemoLedgerTests(PostgresCluster cluster)
{
    private const int Size = 4000;

    [Fact]
    public async Task A_fresh_demo_database_on_sqlite_gets_the_demo_ledger_once() => await LoadsOnceAsync(null);

    [Fact]
    public async Task A_fresh_demo_database_on_postgres_gets_the_demo_ledger_once()
    {
        Assert.SkipWhen(cluster.Unavailable is not null, $"PostgreSQL tests skipped: {cluster.Unavailable}");

        await LoadsOnceAsync(await cluster.CreateDatabaseAsync());
    }

    [Fact]
    public async Task Without_demo_data_the_ledger_stays_empty()
    {
        await using var app = await TestApp.StartAsync(demo: false, demoDossiers: Size);

        Assert.Equal((0, 0, 0), await CountsAsync(app));
    }

    [Fact]
    public async Task A_negative_demo_size_is_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(demoDossiers: -1));

        Assert.Contains(nameof(LedgerOptions.DemoDossiers), error.Message, StringComparison.Ordinal);
    }

    private static async Task LoadsOnceAsync(string? postgres)
    {
        var options = new LedgerOptions { DemoDossiers = Size };
        var expected = DossierSimulator.ForDemoRegistry(new SimulationOptions
        {
            Records = Size,
            Seed = options.DemoSeed,
            MalformedShare = options.DemoMalformedShare,
        }).Write(Stream.Null);

        await using var app = await TestApp.StartAsync(postgres, demo: true, demoDossiers: Size);
        var first = await CountsAsync(app);
        await using (await app.StartAnotherInstanceAsync(demo: true, demoDossiers: Size))
        {
        }

        Assert.Equal(expected.NewDossiers + expected.InterAgencyCopies, first.Dossiers);
        Assert.Equal(expected.Malformed, first.Quarantined);
        Assert.True(expected.Malformed > 0);
        Assert.True(first.Rollups > 0);
        Assert.Empty(await LedgerData.VerifyAsync(app));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rollups = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<DossierRollup>();
            Assert.Equal(36, await rollups.Select(r => r.Month).Distinct().CountAsync());
            Assert.Equal(4, await rollups.Select(r => r.Channel).Distinct().CountAsync());
        }

        Assert.Equal(first, await CountsAsync(app));
    }

    private static async Task<(long Dossiers, long Rollups, long Quarantined)> CountsAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return (await db.Set<Dossier>().LongCountAsync(), await db.Set<DossierRollup>().LongCountAsync(), await db.Set<QuarantinedRecord>().LongCountAsync());
    }
}
