using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Registry.Units.Timeline;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger.Demo;

/// <summary>
/// The demo ledger (issue 3): a fresh demo database gets the simulated dossiers through the real ingest, with
/// rollups that verify, quarantined malformed records, and nothing more on a second start. Issue 15: from January
/// 2021 to today, each dossier under the unit in force on its received date (10, the old Lào Cai, before 1/7/2025,
/// 15, the new Lào Cai, after it).
/// </summary>
public sealed class DemoLedgerTests(PostgresCluster cluster)
{
    private const int Size = 20_000;

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
        var today = VietnamTime.DateOf(TimeProvider.System.GetUtcNow());
        var expected = DossierSimulator.ForDemoRegistry(options.DemoSimulation(today)).Write(Stream.Null);

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
            Assert.Equal(((today.Year - 2021) * 12) + today.Month, await rollups.Select(r => r.Month).Distinct().CountAsync());
            Assert.Equal(4, await rollups.Select(r => r.Channel).Distinct().CountAsync());
        }

        Assert.Equal(first, await CountsAsync(app));
        await EachDossierIsOfAUnitInForceOnItsDayAsync(app);
    }

    private static async Task EachDossierIsOfAUnitInForceOnItsDayAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var timeline = await UnitTimeline.LoadAsync(db, CancellationToken.None);
        var dossiers = (await db.Set<Dossier>().Select(d => new { d.UnitCode, d.ReceivedAt, d.SubmittedAt }).ToListAsync())
            .Select(d => (Unit: d.UnitCode, Day: VietnamTime.DateOf((d.ReceivedAt ?? d.SubmittedAt)!.Value))).ToList();
        var merger = new DateOnly(2025, 7, 1);

        Assert.All(dossiers, d => Assert.True(timeline.VersionOn(d.Unit, d.Day) is not null, $"{d.Unit} on {d.Day}"));
        Assert.Contains(dossiers, d => d.Unit == "10");
        Assert.All(dossiers.Where(d => d.Unit == "10"), d => Assert.True(d.Day < merger));
        Assert.Contains(dossiers, d => d.Unit == "15" && d.Day < merger);
        Assert.Contains(dossiers, d => d.Unit == "15" && d.Day >= merger);
        Assert.Contains(dossiers, d => d.Unit == "BXD" && d.Day >= new DateOnly(2025, 3, 1));
        Assert.DoesNotContain(dossiers, d => d.Unit == "BGTVT" && d.Day >= new DateOnly(2025, 3, 1));
    }

    private static async Task<(long Dossiers, long Rollups, long Quarantined)> CountsAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return (await db.Set<Dossier>().LongCountAsync(), await db.Set<DossierRollup>().LongCountAsync(), await db.Set<QuarantinedRecord>().LongCountAsync());
    }
}
