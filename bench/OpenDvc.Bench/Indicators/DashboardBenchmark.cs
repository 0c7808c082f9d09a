using System.Buffers;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Ingest;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;

namespace OpenDvc.Bench.Indicators;

/// <summary>What <c>dashboard</c> runs.</summary>
public sealed record DashboardBenchOptions
{
    /// <summary>Ledger sizes in simulated records, ascending: the same database grows from one to the next.</summary>
    public IReadOnlyList<long> Sizes { get; init; } = [1_000_000, 10_000_000];

    /// <summary><c>sqlite</c> and/or <c>postgres</c>.</summary>
    public IReadOnlyList<string> Providers { get; init; } = ["sqlite", "postgres"];

    /// <summary>The period every endpoint is asked for (the simulation starts in January 2021).</summary>
    public Period Period { get; init; } = Period.Year(2021);

    public long Seed { get; init; } = 1;

    /// <summary>Measured requests per endpoint and size, after <see cref="Warmup"/> unmeasured ones.</summary>
    public int Requests { get; init; } = 200;

    public int Warmup { get; init; } = 20;

    /// <summary>Runs of each naive GROUP BY over the dossier table (the median is reported).</summary>
    public int NaiveRuns { get; init; } = 3;

    /// <summary>Seconds of <c>wrk</c> against the public dashboard at each size; 0 skips it.</summary>
    public int WrkSeconds { get; init; } = 10;
}

/// <summary>One endpoint at one size: server time (Server-Timing) p50/p99, round trip p99, and the naive query's time.</summary>
public sealed record EndpointTiming(string Name, string Path, double FirstRequest, double ServerP50, double ServerP99, double RoundTripP99, string? Naive, double? NaiveMs)
{
    /// <summary>How many times faster than the naive GROUP BY, taking our p99 against the naive median.</summary>
    public double? TimesFaster => NaiveMs is { } naive ? naive / Math.Max(ServerP99, 0.001) : null;
}

/// <summary><c>wrk</c> against the public dashboard: requests per second and latency percentiles, or why it was skipped.</summary>
public sealed record WrkRun(string Command, double? RequestsPerSecond, string? LatencyP50, string? LatencyP99, long Errors, string? Skipped);

/// <summary>One provider at one ledger size.</summary>
public sealed record DashboardSize(string Provider, long Records, IngestSummary Ingested, long Dossiers, long PeriodDossiers, long RollupRows, TimeSpan Load,
    IReadOnlyList<EndpointTiming> Endpoints, WrkRun Wrk);

public sealed class DashboardBenchResult
{
    public required DashboardBenchOptions Options { get; init; }
    public List<DashboardSize> Sizes { get; } = [];
    public Dictionary<string, string> Skipped { get; } = [];
    public string? Unit { get; set; }
    public string? Procedure { get; set; }
}

/// <summary>
/// The dashboard benchmark (issue 4). Simulated records go through the real ingest into a throwaway database, which
/// grows size by size (one simulation of the largest size, cut into segments at record boundaries, so the load is
/// paid once); at each size every public dashboard page and indicator endpoint is asked over HTTP of an in-process
/// Kestrel on loopback, its server time read from the Server-Timing header, and the naive GROUP BY over the dossier
/// table that answers the same question is timed beside it; then <c>wrk</c> loads the dashboard when installed.
/// </summary>
public sealed partial class DashboardBenchmark(CliApp cli, TextWriter log)
{
    internal static readonly string[] Configuration =
    [
        $"--{LedgerOptions.Section}:{nameof(LedgerOptions.DemoDossiers)}=0",
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        "--urls=http://127.0.0.1:0",

        // The load's last batches renew the figures at once, not up to 30 s into the measurements.
        "--DataChanges:BatchInterval=00:00:00",

        // No figures computed in the background while the server and the naive queries are timed; the "first"
        // column is what a visitor pays when nothing has warmed the figures.
        "--Indicators:WarmDashboardEvery=00:00:00",

        // Nor a second signal for the load's own writes, seen by the change feed a moment later.
        "--DataChanges:PollInterval=00:00:00",
    ];

    public async Task<DashboardBenchResult> RunAsync(DashboardBenchOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new DashboardBenchResult { Options = options };
        await ForEachProviderAsync(options.Providers, result.Skipped, (provider, database) => RunProviderAsync(result, provider, database, ct), ct);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="run"/> on a throwaway database of each provider: a PostgreSQL cluster of its own
    /// (<see cref="ThrowawayPostgres"/>), or a SQLite file in a temporary folder; a provider that cannot run is noted
    /// in <paramref name="skipped"/> with why.
    /// </summary>
    internal static async Task ForEachProviderAsync(IEnumerable<string> providers, Dictionary<string, string> skipped,
        Func<string, DatabaseSettings, Task> run, CancellationToken ct)
    {
        foreach (var provider in providers)
        {
            if (provider == "postgres")
            {
                if (ThrowawayPostgres.Unavailable is { } why)
                {
                    skipped[provider] = why;
                    continue;
                }

                await using var postgres = await ThrowawayPostgres.StartAsync(ct);
                await run(provider, DatabaseSettings.Resolve(await postgres.CreateDatabaseAsync("dashbench", ct)));
            }
            else
            {
                var directory = Directory.CreateTempSubdirectory("opendvc-dashbench-");
                try
                {
                    await run(provider, DatabaseSettings.Resolve(Path.Combine(directory.FullName, "ledger.db")));
                }
                finally
                {
                    SqliteConnection.ClearAllPools();
                    directory.Delete(recursive: true);
                }
            }
        }
    }

    /// <summary>
    /// One simulation of <paramref name="total"/> records written into <paramref name="pipe"/> on a thread of its own,
    /// read segment by segment (<see cref="LineSegmentStream"/>): records are spread over the simulated years by their
    /// position in the whole stream, so the ledger at each size is a prefix of the one at the next.
    /// </summary>
    internal static Task Simulate(Pipe pipe, long total, long seed, CancellationToken ct) => Task.Factory.StartNew(() =>
    {
        try
        {
            using var output = pipe.Writer.AsStream();
            DossierSimulator.ForDemoRegistry(new SimulationOptions { Records = total, Seed = seed, MalformedShare = 0.005 }).Write(output, cancellationToken: ct);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException)
        {
            // The reader stopped early (a failed or cancelled run): nothing more to feed.
        }
    }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The address of the started app's loopback Kestrel.</summary>
    internal static string AddressOf(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private async Task RunProviderAsync(DashboardBenchResult result, string provider, DatabaseSettings database, CancellationToken ct)
    {
        var options = result.Options;
        await using var app = await cli.OpenAsync(database, demo: true, Configuration, ct);
        await app.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(AddressOf(app)) };

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 24, resumeWriterThreshold: 1 << 23));
        var simulation = Simulate(pipe, options.Sizes[^1], options.Seed, ct);

        try
        {
            var loaded = 0L;
            var clock = Stopwatch.StartNew();
            foreach (var size in options.Sizes)
            {
                var ingested = await LoadAsync(app, new LineSegmentStream(pipe.Reader, size - loaded), provider, loaded, size, clock, ct);
                loaded = size;
                var load = clock.Elapsed;
                var (dossiers, periodDossiers, rollupRows) = await CountAsync(app, options.Period, ct);
                if (result.Unit is null)
                {
                    (result.Unit, result.Procedure) = await BusiestServiceAsync(app, options.Period, ct);
                }

                log.WriteLine($"{provider} at {size:N0} records: {dossiers:N0} dossiers, {rollupRows:N0} rollup rows ({await CoarseRowsAsync(app, ct)}); measuring");
                var endpoints = new List<EndpointTiming>();
                var naive = new NaiveQueries(app, options, result.Unit!, result.Procedure!);
                foreach (var endpoint in Endpoints(options.Period, result.Unit!, result.Procedure!))
                {
                    var (first, p50, p99, roundTrip) = await TimeEndpointAsync(http, endpoint.Path, options, ct);
                    double? naiveMs = endpoint.Naive.Length == 0 ? null : await naive.TimeAsync(endpoint.Naive, ct);
                    endpoints.Add(new EndpointTiming(endpoint.Name, endpoint.Path, first, p50, p99, roundTrip, endpoint.Naive.Length == 0 ? null : string.Join(" + ", endpoint.Naive), naiveMs));
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {endpoint.Name}: first {first:F1} ms, p50 {p50:F2} ms, p99 {p99:F2} ms; naive {naiveMs:F0} ms"));
                }

                var wrk = await RunWrkAsync(new Uri(http.BaseAddress!, $"/dashboard?period={options.Period}"), options.WrkSeconds, ct);
                result.Sizes.Add(new DashboardSize(provider, size, ingested, dossiers, periodDossiers, rollupRows, load, endpoints, wrk));
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

    internal async Task<IngestSummary> LoadAsync(WebApplication app, Stream segment, string provider, long from, long to, Stopwatch clock, CancellationToken ct)
    {
        var fed = from;
        var step = Math.Max(100_000, (to - from) / 10);
        var next = from + step;
        var options = new IngestOptions("dashbench.ndjson")
        {
            Format = DossierFormat.Ndjson,
            OnBatch = (batch, _) =>
            {
                fed += batch.Count;
                if (fed >= next)
                {
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}: loaded {fed:N0} of {to:N0} records ({(fed - from) / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):N0}/s)"));
                    next = (fed / step + 1) * step;
                }
            },
        };
        await using (segment)
        {
            return await app.Services.GetRequiredService<DossierIngest>().IngestAsync(segment, options, ct);
        }
    }

    /// <summary>Dossiers in the ledger and in the period, and rollup rows, read from the rollups (the bench, not a page).</summary>
    internal static async Task<(long Dossiers, long PeriodDossiers, long RollupRows)> CountAsync(WebApplication app, Period period, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rollups = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<DossierRollup>();
        var dossiers = await rollups.SumAsync(r => r.Dossiers, ct);
        var inPeriod = await rollups.Where(r => r.Month >= period.FromMonth && r.Month <= period.ToMonth).SumAsync(r => r.Dossiers, ct);
        return (dossiers, inPeriod, await rollups.LongCountAsync(ct));
    }

    /// <summary>The rows of the coarse rollup levels (decision 010), beside the fine level's count.</summary>
    private static async Task<string> CoarseRowsAsync(WebApplication app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return $"unit level {await db.Set<UnitRollup>().LongCountAsync(ct):N0}, service months {await db.Set<ServiceMonth>().LongCountAsync(ct):N0}";
    }

    /// <summary>The unit × procedure with the most dossiers in the period: the unit and service every size is asked about.</summary>
    internal static async Task<(string Unit, string Procedure)> BusiestServiceAsync(WebApplication app, Period period, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var busiest = await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<DossierRollup>()
            .Where(r => r.Month >= period.FromMonth && r.Month <= period.ToMonth)
            .GroupBy(r => new { r.UnitCode, r.ProcedureCode })
            .Select(g => new { g.Key.UnitCode, g.Key.ProcedureCode, Dossiers = g.Sum(r => r.Dossiers) })
            .OrderByDescending(g => g.Dossiers).ThenBy(g => g.UnitCode).ThenBy(g => g.ProcedureCode)
            .FirstOrDefaultAsync(ct);
        return busiest is null
            ? throw new CliException("OD-BENCH-EMPTY", $"Kỳ {period} không có hồ sơ nào.", $"The period {period} has no dossier.")
            : (busiest.UnitCode, busiest.ProcedureCode);
    }

    /// <summary>An endpoint and the naive queries (<see cref="NaiveQueries"/>) that answer the same question.</summary>
    public sealed record Endpoint(string Name, string Path, string[] Naive);

    /// <summary>Every public dashboard page and indicator endpoint, with the naive queries each needs.</summary>
    public static IReadOnlyList<Endpoint> Endpoints(Period period, string unit, string procedure)
    {
        string[] rankings = [NaiveQueries.Units, NaiveQueries.UnitsPrevious];
        return
        [
            new("public dashboard page", $"/dashboard?period={period}", [NaiveQueries.Nation, NaiveQueries.NationMonths, .. rankings]),
            new("national values", $"/api/v1/indicators?period={period}", [NaiveQueries.Nation]),
            new("national trend", $"/api/v1/indicators/trend?period={period}", [NaiveQueries.NationMonths]),
            new("national savings", $"/api/v1/indicators/savings?period={period}", [NaiveQueries.Nation]),
            new("rankings of ministries", $"/api/v1/indicators/rankings?period={period}&group=Ministries", rankings),
            new("rankings of provinces", $"/api/v1/indicators/rankings?period={period}&group=Provinces", rankings),
            new("rankings export (CSV)", $"/api/v1/indicators/rankings/export?period={period}&format=csv", rankings),
            new("a unit's indicators", $"/api/v1/indicators?period={period}&unit={unit}", [NaiveQueries.Unit]),
            new("a unit's services", $"/api/v1/indicators/units/{unit}/services?period={period}", [NaiveQueries.UnitProcedures]),
            new("a service's indicators", $"/api/v1/indicators?period={period}&unit={unit}&procedure={procedure}", [NaiveQueries.Service]),
            new("unit page", $"/indicators/units/{unit}?period={period}", [.. rankings, NaiveQueries.UnitProcedures, NaiveQueries.UnitMonths]),
            new("service page", $"/indicators/units/{unit}/services/{procedure}?period={period}", [NaiveQueries.Service, NaiveQueries.ServiceMonths]),
            new("methodology page", "/indicators/methodology", []),
            new("indicator definitions", "/api/v1/indicators/definitions", []),
            new("published editions", "/api/v1/indicators/editions", []),
        ];
    }

    /// <summary>The first request's server time (computed from the rollups after the ingest), then p50/p99 after the warm-up.</summary>
    private static async Task<(double First, double P50, double P99, double RoundTripP99)> TimeEndpointAsync(HttpClient http, string path, DashboardBenchOptions options, CancellationToken ct)
    {
        var first = double.NaN;
        var server = new List<double>(options.Requests);
        var roundTrip = new List<double>(options.Requests);
        for (var i = 0; i < options.Warmup + options.Requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException("OD-BENCH-REQUEST", $"{path} trả lời {(int)response.StatusCode}.", $"{path} answered {(int)response.StatusCode}.");
            }

            if (i == 0)
            {
                first = ServerTime(response);
            }

            if (i < options.Warmup)
            {
                continue;
            }

            server.Add(ServerTime(response));
            roundTrip.Add(elapsed);
        }

        return (first, Percentile(server, 0.50), Percentile(server, 0.99), Percentile(roundTrip, 0.99));
    }

    /// <summary>The <c>app;dur=…</c> of the Server-Timing header the app sets on every response.</summary>
    public static double ServerTime(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(',', values) : "";
        var match = DurationPattern().Match(header);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new CliException("OD-BENCH-TIMING", "Câu trả lời không có tiêu đề Server-Timing.", "The response has no Server-Timing header.");
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary><c>wrk</c> on loopback against <paramref name="url"/>, when installed (it is not needed to build or test).</summary>
    private async Task<WrkRun> RunWrkAsync(Uri url, int seconds, CancellationToken ct)
    {
        var command = $"wrk -t2 -c32 -d{seconds}s --latency {url}";
        if (seconds <= 0)
        {
            return new WrkRun(command, null, null, null, 0, "not asked (--wrk-seconds 0)");
        }

        var wrk = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);
        if (wrk is null)
        {
            return new WrkRun(command, null, null, null, 0, "wrk is not installed (apt-get install wrk)");
        }

        log.WriteLine($"  {command}");
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t2", "-c32", $"-d{seconds}s", "--latency", url.ToString() })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(ct);
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var rate = RateLine().Match(output);
        if (process.ExitCode != 0 || !rate.Success)
        {
            return new WrkRun(command, null, null, null, 0, $"wrk failed: {output} {await errors}".Trim());
        }

        string? Latency(string percent) => Regex.Match(output, $@"^\s*{percent}%\s+(\S+)", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;
        var non2xx = Non2xxLine().Match(output);
        var socketErrors = SocketErrorsLine().Match(output);
        var errorCount = (non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0)
            + (socketErrors.Success ? socketErrors.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0);
        return new WrkRun(command, double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), Latency("50"), Latency("99"), errorCount, null);
    }

    [GeneratedRegex(@"app;dur=([\d.]+)")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RateLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}

/// <summary>
/// Reads NDJSON lines from a pipe up to a number of records and then ends, leaving the rest for the next segment:
/// how one simulated stream feeds the ledger size by size.
/// </summary>
internal sealed class LineSegmentStream(PipeReader reader, long lines) : Stream
{
    private long left = lines;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (left == 0 || destination.IsEmpty)
        {
            return 0;
        }

        var read = await reader.ReadAsync(cancellationToken);
        var available = read.Buffer.Slice(0, Math.Min(read.Buffer.Length, destination.Length));
        var taken = 0L;
        foreach (var memory in available)
        {
            var span = memory.Span;
            var at = 0;
            while (left > 0 && span[at..].IndexOf((byte)'\n') is var newline and >= 0)
            {
                at += newline + 1;
                left--;
            }

            if (left == 0)
            {
                taken += at;
                break;
            }

            taken += span.Length;
        }

        var slice = available.Slice(0, taken);
        slice.CopyTo(destination.Span);
        reader.AdvanceTo(slice.End);
        if (taken == 0 && read.IsCompleted)
        {
            left = 0;
        }

        return (int)taken;
    }

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
