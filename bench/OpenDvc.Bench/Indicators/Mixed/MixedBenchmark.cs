using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;

namespace OpenDvc.Bench.Indicators.Mixed;

/// <summary>What <c>dashboard --mixed</c> runs.</summary>
public sealed record MixedBenchOptions
{
    public IReadOnlyList<long> Sizes { get; init; } = [1_000_000];
    public IReadOnlyList<string> Providers { get; init; } = ["sqlite", "postgres"];

    /// <summary>The period of the uncached pages (the readers ask random ones).</summary>
    public Period Period { get; init; } = Period.Year(2021);

    public long Seed { get; init; } = 1;

    /// <summary>Records a second the sync client sends.</summary>
    public int SyncRate { get; init; } = 2000;

    /// <summary>Clients reading pages while the sync runs.</summary>
    public int Readers { get; init; } = 4;

    /// <summary>Seconds of the sync alone, then as long with the readers.</summary>
    public int Seconds { get; init; } = 30;

    /// <summary>Measured requests of each page right after a sync commit (the median is reported).</summary>
    public int UncachedRuns { get; init; } = 5;

    /// <summary>The dossier count the projection is made for: the national history.</summary>
    public long ProjectTo { get; init; } = 224_000_000;
}

/// <summary>A page's cost when nothing is cached: server time (Server-Timing) and round trip, medians.</summary>
public sealed record PageCost(string Name, string Path, double ServerMedian, double RoundTripMedian);

/// <summary>The readers' requests during the sync: counts and percentiles in ms, round trip and server time.</summary>
public sealed record ReadStats(long Reads, long Errors, double ClientP50, double ClientP99, double ClientMax, double ServerP50, double ServerP99, double ServerMax);

/// <summary>One provider at one ledger size.</summary>
public sealed record MixedSize(string Provider, long Records, long Dossiers, IReadOnlyList<RollupCount> Rollups, string Unit, IReadOnlyList<PageCost> Uncached,
    SyncRun Alone, SyncRun WithReaders, ReadStats Reads, long DossiersBeforeSync, long DossiersAfterAlone, long DossiersAfterMixed);

public sealed class MixedBenchResult
{
    public required MixedBenchOptions Options { get; init; }
    public List<MixedSize> Sizes { get; } = [];
    public Dictionary<string, string> Skipped { get; } = [];
}

/// <summary>
/// The dashboard under continuous change (issue 20, part 3). One simulation feeds everything in stream order: the
/// ingest loads a size; small syncs each followed by one page measure what a page costs when a commit has just thrown
/// its figures away; then, on the same database, an app with the production's cache settings (batches coalesced over
/// 30 s, the dashboard warmer on) takes <see cref="SyncClient"/>'s paced sync alone, then the same sync with readers
/// asking random units, periods and pages. The rollup tables are counted from the catalog for the projection.
/// </summary>
public sealed class MixedBenchmark(CliApp cli, TextWriter log)
{
    /// <summary>Records each small sync before an uncached request carries.</summary>
    private const int UncachedBatch = 40;

    // The production's cache settings: the bench's own overrides of DataChanges and the warmer left out.
    private static readonly string[] Live =
        [.. DashboardBenchmark.Configuration.Where(c => !c.StartsWith("--DataChanges:", StringComparison.Ordinal) && !c.StartsWith("--Indicators:", StringComparison.Ordinal))];

    /// <summary>The pages whose uncached cost is measured, for a period and a unit.</summary>
    public static IReadOnlyList<(string Name, string Path)> Pages(Period period, string unit) =>
    [
        ("national dashboard", $"/dashboard?period={period}"),
        ("unit page", $"/indicators/units/{unit}?period={period}"),
        ("rankings (API)", $"/api/v1/indicators/rankings?period={period}&group=Provinces"),
        ("API national", $"/api/v1/indicators?period={period}"),
        ("API unit", $"/api/v1/indicators?period={period}&unit={unit}"),
    ];

    public async Task<MixedBenchResult> RunAsync(MixedBenchOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new MixedBenchResult { Options = options };
        await DashboardBenchmark.ForEachProviderAsync(options.Providers, result.Skipped, (provider, database) => RunProviderAsync(result, provider, database, ct), ct);
        return result;
    }

    private async Task RunProviderAsync(MixedBenchResult result, string provider, DatabaseSettings database, CancellationToken ct)
    {
        var options = result.Options;
        var uncachedRecords = (long)Pages(options.Period, "").Count * (options.UncachedRuns + 1) * UncachedBatch;
        var syncRecords = (long)options.SyncRate * options.Seconds;
        var perSize = uncachedRecords + (2 * syncRecords);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 24, resumeWriterThreshold: 1 << 23));
        var simulation = DashboardBenchmark.Simulate(pipe, options.Sizes[^1] + (perSize * options.Sizes.Count), options.Seed, ct);
        var loader = new DashboardBenchmark(cli, log);
        await using var app = await cli.OpenAsync(database, demo: true, DashboardBenchmark.Configuration, ct);
        await app.StartAsync(ct);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(DashboardBenchmark.AddressOf(app)) };
            var keys = await SyncClient.IssueKeysAsync(app, ct);
            var sync = new SyncClient(http, keys);
            var position = 0L;
            var clock = Stopwatch.StartNew();
            foreach (var size in options.Sizes)
            {
                if (size > position)
                {
                    await loader.LoadAsync(app, new LineSegmentStream(pipe.Reader, size - position), provider, position, size, clock, ct);
                    position = size;
                }

                var (dossiers, _, _) = await DashboardBenchmark.CountAsync(app, options.Period, ct);
                var rollups = await RollupTables.CountAsync(app, ct);
                var (unit, _) = await DashboardBenchmark.BusiestServiceAsync(app, options.Period, ct);
                log.WriteLine($"{provider} at {size:N0} records: {dossiers:N0} dossiers; {string.Join(", ", rollups.Select(r => $"{r.Table} {r.Rows:N0}"))}; uncached pages");
                List<PageCost> uncached;
                using (var feed = Feed(pipe, uncachedRecords))
                {
                    uncached = await UncachedAsync(app, http, sync, feed, options, unit, ct);
                }

                var (alone, mixed, reads, counts) = await UnderSyncAsync(database, keys, pipe, syncRecords, provider, options, ct);
                position += perSize;
                result.Sizes.Add(new MixedSize(provider, size, dossiers, rollups, unit, uncached, alone, mixed, reads, counts.Before, counts.AfterAlone, counts.AfterMixed));
                clock.Restart();
            }
        }
        finally
        {
            await pipe.Reader.CompleteAsync();
            await simulation;
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The next <paramref name="records"/> lines of the simulation; what is not read is skipped when disposed.</summary>
    private static DrainingReader Feed(Pipe pipe, long records) => new DrainingReader(new LineSegmentStream(pipe.Reader, records));

    /// <summary>Each page, <see cref="MixedBenchOptions.UncachedRuns"/> times after one unmeasured (a fresh page's first render), each right after a small sync.</summary>
    private async Task<List<PageCost>> UncachedAsync(WebApplication app, HttpClient http, SyncClient sync, DrainingReader feed, MixedBenchOptions options, string unit, CancellationToken ct)
    {
        var changes = app.Services.GetRequiredService<DataChanges>();
        var costs = new List<PageCost>();
        foreach (var (name, path) in Pages(options.Period, unit))
        {
            var server = new List<double>();
            var roundTrip = new List<double>();
            for (var run = 0; run <= options.UncachedRuns; run++)
            {
                var generation = changes.Generation;
                await sync.SendAsync(await SyncClient.ReadAsync(feed, UncachedBatch, ct), ct);
                if (changes.Generation == generation)
                {
                    // The sync stored nothing new (every record unchanged or refused): the cache is cleared instead.
                    changes.Changed();
                }

                var (client, serverMs) = await GetAsync(http, path, ct);
                if (run > 0)
                {
                    server.Add(serverMs);
                    roundTrip.Add(client);
                }
            }

            costs.Add(new PageCost(name, path, DashboardBenchmark.Percentile(server, 0.5), DashboardBenchmark.Percentile(roundTrip, 0.5)));
            log.WriteLine(FormattableString.Invariant($"  {name}: uncached server median {costs[^1].ServerMedian:F1} ms"));
        }

        return costs;
    }

    /// <summary>
    /// On an app with the production's cache settings, over the same database: the sync alone, then the sync with
    /// the readers; the ledger's dossiers counted before, between and after.
    /// </summary>
    private async Task<(SyncRun Alone, SyncRun Mixed, ReadStats Reads, (long Before, long AfterAlone, long AfterMixed) Counts)> UnderSyncAsync(
        DatabaseSettings database, IReadOnlyDictionary<string, string> keys, Pipe pipe, long syncRecords, string provider, MixedBenchOptions options, CancellationToken ct)
    {
        await using var live = await cli.OpenAsync(database, demo: true, Live, ct);
        await live.StartAsync(ct);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(DashboardBenchmark.AddressOf(live)) };
            var sync = new SyncClient(http, keys);
            var (units, periods) = await ReadableAsync(live, ct);
            var before = (await DashboardBenchmark.CountAsync(live, options.Period, ct)).Dossiers;
            SyncRun alone;
            using (var feed = Feed(pipe, syncRecords))
            {
                log.WriteLine($"  {provider}: sync alone, {options.SyncRate:N0} records/s for {options.Seconds} s");
                alone = await sync.RunAsync(feed, options.SyncRate, ct);
            }

            var afterAlone = (await DashboardBenchmark.CountAsync(live, options.Period, ct)).Dossiers;
            log.WriteLine($"  {provider}: sync with {options.Readers} readers");
            using var stop = new CancellationTokenSource();
            var readers = Enumerable.Range(0, options.Readers)
                .Select(i => ReadAsync(http, new Random(unchecked((int)options.Seed + i)), units, periods, stop.Token, ct))
                .ToList();
            SyncRun mixed;
            using (var feed = Feed(pipe, syncRecords))
            {
                mixed = await sync.RunAsync(feed, options.SyncRate, ct);
            }

            await stop.CancelAsync();
            var samples = (await Task.WhenAll(readers)).SelectMany(s => s).ToList();
            var afterMixed = (await DashboardBenchmark.CountAsync(live, options.Period, ct)).Dossiers;
            var client = samples.Where(s => s.Ok).Select(s => s.Client).ToList();
            var server = samples.Where(s => s.Ok).Select(s => s.Server).ToList();
            var reads = new ReadStats(samples.Count, samples.Count(s => !s.Ok),
                DashboardBenchmark.Percentile(client, 0.5), DashboardBenchmark.Percentile(client, 0.99), client.DefaultIfEmpty(double.NaN).Max(),
                DashboardBenchmark.Percentile(server, 0.5), DashboardBenchmark.Percentile(server, 0.99), server.DefaultIfEmpty(double.NaN).Max());
            return (alone, mixed, reads, (before, afterAlone, afterMixed));
        }
        finally
        {
            await live.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The units with dossiers, and every month, quarter and year of the loaded months.</summary>
    private static async Task<(List<string> Units, List<Period> Periods)> ReadableAsync(WebApplication app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rollups = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<DossierRollup>();
        var units = await rollups.Select(r => r.UnitCode).Distinct().OrderBy(u => u).ToListAsync(ct);
        var first = await rollups.MinAsync(r => r.Month, ct);
        var last = await rollups.MaxAsync(r => r.Month, ct);
        var periods = new List<Period>();
        for (var year = first / 100; year <= last / 100; year++)
        {
            periods.Add(Period.Year(year));
            periods.AddRange(Enumerable.Range(1, 4).Select(q => Period.Quarter(year, q)));
            periods.AddRange(Enumerable.Range(1, 12).Select(m => Period.Month(year, m)));
        }

        return (units, [.. periods.Where(p => p.ToMonth >= first && p.FromMonth <= last)]);
    }

    private sealed record Sample(bool Ok, double Client, double Server);

    /// <summary>One reader: random pages of random units and periods, one after the other, until stopped.</summary>
    private static async Task<List<Sample>> ReadAsync(HttpClient http, Random random, List<string> units, List<Period> periods, CancellationToken stop, CancellationToken ct)
    {
        await Task.Yield();
        var samples = new List<Sample>();
        while (!stop.IsCancellationRequested)
        {
            var period = periods[random.Next(periods.Count)];
            var unit = units[random.Next(units.Count)];
            var path = random.Next(5) switch
            {
                0 => $"/dashboard?period={period}",
                1 => $"/indicators/units/{unit}?period={period}",
                2 => $"/api/v1/indicators/rankings?period={period}&group={(random.Next(2) == 0 ? "Provinces" : "Ministries")}",
                3 => $"/api/v1/indicators?period={period}",
                _ => $"/api/v1/indicators?period={period}&unit={unit}",
            };
            try
            {
                var (client, server) = await GetAsync(http, path, ct);
                samples.Add(new Sample(true, client, server));
            }
            catch (HttpRequestException)
            {
                samples.Add(new Sample(false, 0, 0));
            }
        }

        return samples;
    }

    /// <summary>One GET, body read: the round trip and the Server-Timing in ms; a non-2xx answer throws.</summary>
    private static async Task<(double Client, double Server)> GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.IsSuccessStatusCode
            ? (elapsed, DashboardBenchmark.ServerTime(response))
            : throw new HttpRequestException($"{path} answered {(int)response.StatusCode}", null, response.StatusCode);
    }

    /// <summary>A reader of a segment that reads what is left of it when disposed, so the next segment starts where this one was meant to end.</summary>
    private sealed class DrainingReader(Stream segment) : StreamReader(segment)
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                while (ReadLine() is not null)
                {
                }
            }

            base.Dispose(disposing);
        }
    }
}
