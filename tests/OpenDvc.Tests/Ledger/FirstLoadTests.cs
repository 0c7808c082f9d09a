using OpenDvc.Ledger;
using OpenDvc.Ledger.Storage;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

/// <summary>
/// The SQLite writer's first load (issue 20): on an empty ledger it skips the primary-key probe of codes it has not
/// stored itself. The rules must not change with it: a later version in a later batch is an update, and a dossier
/// another writer stored between two of the loader's transactions is still read before it is decided.
/// </summary>
public sealed class FirstLoadTests : IAsyncLifetime
{
    private TestApp app = null!;

    public async ValueTask InitializeAsync() => app = await TestApp.StartAsync(demo: false);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_first_load_still_takes_a_later_version_in_a_later_batch_as_an_update()
    {
        var first = Version("FL-1", hours: 1, seed: 1);
        var later = Version("FL-1", hours: 2, seed: 2);
        var older = Version("FL-1", hours: 0, seed: 3);

        var results = await LedgerData.WriteGroupedAsync(app, [[LedgerData.Entry(first)], [LedgerData.Entry(later, 2)], [LedgerData.Entry(older, 3)]]);

        Assert.Equal([LedgerOutcome.Accepted, LedgerOutcome.Accepted, LedgerOutcome.Stale], results.Select(r => r.Outcome));
        var stored = Assert.Single(await LedgerData.DossiersAsync(app, q => q.Where(d => d.Code == "FL-1")));
        Assert.Equal(later.ContentHash, stored.ContentHash);
        Assert.Empty(await LedgerData.VerifyAsync(app));
    }

    [Fact]
    public async Task A_first_load_reads_a_dossier_another_writer_stored_between_its_transactions()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        await using var loader = await DossierWriter.OpenAsync(db, TimeProvider.System, CancellationToken.None, groupCommits: true);
        await loader.WriteAsync([LedgerData.Entry(Version("FL-A", hours: 1, seed: 4))], CancellationToken.None);
        await loader.FlushAsync(CancellationToken.None);

        var newer = Version("FL-B", hours: 5, seed: 5);
        Assert.Equal(LedgerOutcome.Accepted, Assert.Single(await LedgerData.WriteAsync(app, [LedgerData.Entry(newer)])).Outcome);
        var older = await loader.WriteAsync([LedgerData.Entry(Version("FL-B", hours: 1, seed: 6))], CancellationToken.None);
        await loader.FlushAsync(CancellationToken.None);

        Assert.Equal(LedgerOutcome.Stale, Assert.Single(older.Results).Outcome);
        var stored = Assert.Single(await LedgerData.DossiersAsync(app, q => q.Where(d => d.Code == "FL-B")));
        Assert.Equal(newer.ContentHash, stored.ContentHash);
        Assert.Empty(await LedgerData.VerifyAsync(app));
    }

    private static Dossier Version(string code, int hours, int seed)
    {
        var dossier = LedgerData.Random(seed, "FLPROC", [code], ["01"]);
        dossier.UpdatedAt = new DateTimeOffset(2023, 3, 1, 8 + hours, 0, 0, TimeSpan.FromHours(7));
        dossier.ContentHash = DossierColumns.Hash(dossier);
        return dossier;
    }
}
