using OpenDvc.Ledger;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

public abstract class LedgerIngestTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    [Fact]
    public async Task Ingesting_the_same_file_again_changes_nothing_and_every_record_is_accounted_for()
    {
        var prefix = LedgerFiles.Prefix();
        var lines = Enumerable.Range(0, 120).Select(i => LedgerFiles.Record($"{prefix}{i}"))
            .Concat(Enumerable.Range(0, 7).Select(i => LedgerFiles.Broken($"{prefix}bad{i}")))
            .Append(LedgerFiles.Record($"{prefix}0"))
            .ToList();
        var file = LedgerFiles.Ndjson(lines);

        var first = await LedgerFiles.IngestAsync(App, file);
        var second = await LedgerFiles.IngestAsync(App, file);

        Assert.Equal((128L, 120L, 1L, 0L, 7L, 7L), (first.Read, first.Accepted, first.Unchanged, first.Stale, first.Quarantined, first.QuarantineAdded));
        Assert.Equal((128L, 0L, 121L, 0L, 7L, 0L), (second.Read, second.Accepted, second.Unchanged, second.Stale, second.Quarantined, second.QuarantineAdded));
        Assert.False(second.ChangedAnything);
        Assert.Equal(120, (await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix)))).Count);
        Assert.Empty(await LedgerData.VerifyAsync(App));
    }

    [Fact]
    public async Task A_gzip_copy_of_a_file_reads_as_the_same_records()
    {
        var prefix = LedgerFiles.Prefix();
        var file = LedgerFiles.Ndjson(Enumerable.Range(0, 30).Select(i => LedgerFiles.Record($"{prefix}{i}")));
        await LedgerFiles.IngestAsync(App, file);

        var again = await LedgerFiles.IngestAsync(App, LedgerFiles.Gzip(file), source: "test.ndjson.gz");

        Assert.Equal((30L, 30L), (again.Read, again.Unchanged));
    }

    [Fact]
    public async Task An_older_version_arriving_late_is_stale_and_the_newer_one_stays()
    {
        var prefix = LedgerFiles.Prefix();
        await LedgerFiles.IngestAsync(App, LedgerFiles.Ndjson([LedgerFiles.Record($"{prefix}1", version: 5)]));

        var late = await LedgerFiles.IngestAsync(App, LedgerFiles.Ndjson([LedgerFiles.Record($"{prefix}1", version: 2)]));

        Assert.Equal(1, late.Stale);
        var stored = Assert.Single(await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix))));
        Assert.Equal(new DateTimeOffset(2023, 3, 20, 16, 10, 0, TimeSpan.FromHours(7)), stored.UpdatedAt);
    }

    [Fact]
    public async Task Inter_agency_copy_from_a_file_is_stored_but_not_counted()
    {
        var prefix = LedgerFiles.Prefix();
        var copy = LedgerFiles.Record($"{prefix}LT").Replace("\"MaHoSo\"", $"\"MaHoSoGoc\":\"{prefix}1\",\"MaHoSo\"", StringComparison.Ordinal);

        var summary = await LedgerFiles.IngestAsync(App, LedgerFiles.Ndjson([LedgerFiles.Record($"{prefix}1"), copy]));

        Assert.Equal(2, summary.Accepted);
        var stored = await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix)));
        Assert.Equal(2, stored.Count);
        Assert.Single(stored, d => d.OriginalCode == $"{prefix}1");
        var dossiersCounter = RollupCounters.All.Single(c => c.Property == nameof(DossierRollup.Dossiers)).Index;
        Assert.Equal(1, LedgerData.Recompute(stored).Values.Sum(v => v[dossiersCounter]));
        Assert.Empty(await LedgerData.VerifyAsync(App));
    }

    [Fact]
    public async Task Two_overlapping_ingests_at_once_end_in_the_same_state_as_one_after_the_other()
    {
        var prefix = LedgerFiles.Prefix();
        var first = LedgerFiles.Ndjson(Enumerable.Range(0, 400).Select(i => LedgerFiles.Record($"{prefix}{i}", version: 1)));
        var second = LedgerFiles.Ndjson(Enumerable.Range(200, 400).Select(i => LedgerFiles.Record($"{prefix}{i}", version: 2)));

        var results = await Task.WhenAll(
            Task.Run(() => LedgerFiles.IngestAsync(App, first, batchSize: 25, source: "first.ndjson")),
            Task.Run(() => LedgerFiles.IngestAsync(App, second, batchSize: 25, source: "second.ndjson")));

        // One after the other, in either order, the newer version (2) wins on the overlap: codes 200..399.
        var stored = await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix)));
        Assert.Equal(600, stored.Count);
        var versions = stored.ToDictionary(d => d.Code, d => d.UpdatedAt!.Value.Minute - 5);
        Assert.All(Enumerable.Range(0, 600), i => Assert.Equal(i < 200 ? 1 : 2, versions[$"{prefix}{i}"]));
        Assert.Equal(800, results.Sum(r => r.Read));
        Assert.Equal(800, results.Sum(r => r.Accepted + r.Stale));
        Assert.Empty(await LedgerData.VerifyAsync(App));
    }
}

public sealed class LedgerIngestTestsOnSqlite(SqliteApp fixture) : LedgerIngestTests<SqliteApp>(fixture);

public sealed class LedgerIngestTestsOnPostgres(PostgresApp fixture) : LedgerIngestTests<PostgresApp>(fixture);
