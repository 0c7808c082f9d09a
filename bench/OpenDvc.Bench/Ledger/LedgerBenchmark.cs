using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Ingest;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Ledger.Storage;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;
using OpenDvc.Registry;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Demo;

namespace OpenDvc.Bench.Ledger;

/// <summary>What <c>ledger</c> runs: the file's size, and the optional large stream.</summary>
public sealed record BenchOptions
{
    public long Records { get; init; } = 200_000;

    public long Seed { get; init; } = 1;

    public bool Postgres { get; init; } = true;

    /// <summary>Records of the large stream fed to a child <c>opendvc ingest -</c>; 0 skips it.</summary>
    public long StreamRecords { get; init; }

    /// <summary>Where the stream goes: <c>sqlite</c> or <c>postgres</c>.</summary>
    public string StreamProvider { get; init; } = "postgres";

    /// <summary>Width of the growth slices of the stream, in records.</summary>
    public long StreamSlice { get; init; } = 1_000_000;
}

/// <summary>One timed run: records handled, wall time, and this process's CPU time over the run.</summary>
public sealed record Measurement(string Name, long Records, TimeSpan Wall, TimeSpan ProcessCpu)
{
    public double Rate => Records / Math.Max(Wall.TotalSeconds, 1e-6);
}

/// <summary>A slice of the large stream: the records fed between two points, and how fast they went in.</summary>
public sealed record StreamSlice(long From, long To, TimeSpan Wall)
{
    public double Rate => (To - From) / Math.Max(Wall.TotalSeconds, 1e-6);
}

public sealed class BenchResult
{
    public required BenchOptions Options { get; init; }
    public required SimulationSummary File { get; init; }
    public required long FileBytes { get; init; }
    public List<Measurement> Sqlite { get; } = [];
    public List<Measurement> Postgres { get; } = [];
    public string? PostgresSkipped { get; set; }
    public string? PostgresVersion { get; set; }
    public string SqliteVersion { get; set; } = "";
    public List<StreamSlice> Stream { get; } = [];
    public string? StreamSummary { get; set; }
    public long? StreamPeakMiB { get; set; }
    public TimeSpan? StreamWall { get; set; }
}

/// <summary>
/// The ledger benchmark (issue 3): one simulated file, measured side by side in one run. Baselines are the
/// databases' own floors for the same rows: a prepared-insert loop into a bare SQLite table, and binary COPY
/// into a bare PostgreSQL table with no index. Ours is the whole ingest (read, validate, clock, upsert, rollups,
/// quarantine) through <see cref="DossierIngest"/>, then the same file again (every record unchanged or stale).
/// Every database is thrown away: temporary SQLite files and a <see cref="ThrowawayPostgres"/> cluster.
/// </summary>
public sealed class LedgerBenchmark(CliApp cli, TextWriter log)
{
    private const int Batch = DossierWriter.BulkBatchSize;

    /// <summary>
    /// The throwaway cluster's settings beyond its defaults (128 MB of shared buffers, a checkpoint every 1 GB of
    /// WAL), as a production server of a national ledger would have them (docs/operations.md): the random-key
    /// B-trees (<c>dossier_keys</c>, each partition's key) stay in shared buffers as the ledger grows, and
    /// checkpoints do not rewrite them every few batches. The bare COPY baseline runs on the same cluster.
    /// </summary>
    public static readonly string[] PostgresSettings = ["shared_buffers=2GB", "max_wal_size=8GB", "checkpoint_timeout=30min"];

    /// <summary>Ledger settings for the benchmark's apps: the demo registry (the file's catalog), no demo ledger.</summary>
    private static readonly string[] NoDemoLedger =
    [
        $"--{LedgerOptions.Section}:{nameof(LedgerOptions.DemoDossiers)}=0",

        // A fresh database's first migration logs EF's failed look-up of the history table: noise in a report run.
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None",
    ];

    public async Task<BenchResult> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("opendvc-bench-");
        try
        {
            var file = Path.Combine(directory.FullName, "dossiers.ndjson");
            log.WriteLine($"simulating {options.Records:N0} records into {file}");
            SimulationSummary summary;
            await using (var output = File.Create(file))
            {
                summary = Simulator(options.Records, options.Seed).Write(output, cancellationToken: cancellationToken);
            }

            var result = new BenchResult { Options = options, File = summary, FileBytes = new FileInfo(file).Length };
            ThrowawayPostgres? postgres = null;
            try
            {
                if (!options.Postgres)
                {
                    result.PostgresSkipped = "not asked (--no-postgres)";
                }
                else if (ThrowawayPostgres.Unavailable is { } why)
                {
                    result.PostgresSkipped = why;
                }
                else
                {
                    postgres = await ThrowawayPostgres.StartAsync(cancellationToken, PostgresSettings);
                }

                // The baselines first, from rows held in memory; they are let go before ours run, so our runs do not
                // pay for collecting a heap with a million live rows in it.
                var rows = ReadRows(file);
                log.WriteLine($"{rows.Count:N0} valid rows for the baselines");
                result.Sqlite.Add(Measure("bare SQLite prepared-insert loop, no index", () => BareSqliteInsert(Path.Combine(directory.FullName, "bare.db"), rows)));
                var postgresLedger = postgres is null ? null : await BarePostgresCopyAsync(result, rows, postgres, cancellationToken);
                rows = null;

                // Not a load: the ceiling of any ingest whose producer is one thread, whatever the database does.
                result.Sqlite.Add(Measure("ours: read, validate and clock only, one thread, no database", () => Produce(file, _ => { })));
                await RunOursAsync(result.Sqlite, file, DatabaseSettings.Resolve(Path.Combine(directory.FullName, "ledger.db")), cancellationToken);
                if (postgresLedger is not null)
                {
                    await RunOursAsync(result.Postgres, file, postgresLedger, cancellationToken);
                }

                result.SqliteVersion = SqliteVersion();
                if (options.StreamRecords > 0)
                {
                    var database = options.StreamProvider == "sqlite" || postgres is null
                        ? DatabaseSettings.Resolve(Path.Combine(directory.FullName, "stream.db"))
                        : DatabaseSettings.Resolve(await postgres.CreateDatabaseAsync("bench", cancellationToken));
                    await RunStreamAsync(result, database, cancellationToken);
                }
            }
            finally
            {
                if (postgres is not null)
                {
                    await postgres.DisposeAsync();
                }
            }

            return result;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static DossierSimulator Simulator(long records, long seed) =>
        DossierSimulator.ForDemoRegistry(new SimulationOptions { Records = records, Seed = seed, MalformedShare = 0.005 });

    /// <summary>The rows the file's valid records become (every version, as the bare tables take them), built once before timing.</summary>
    private static List<Dossier> ReadRows(string file)
    {
        var rows = new List<Dossier>();
        Produce(file, rows.Add);
        return rows;
    }

    /// <summary>
    /// What the ingest's producer thread does to every record before the writer sees it (read, validate, run the
    /// clock, build the row), on one thread; <paramref name="row"/> gets each valid row. Returns the records read.
    /// </summary>
    private static long Produce(string file, Action<Dossier> row)
    {
        var catalog = CatalogSnapshot.From(ReferenceData.Units2023(), DemoRegistry.Procedures(), new WorkingCalendar(ReferenceData.VietnamCalendar()));
        var entries = new LedgerEntries(new DossierValidator(catalog, TimeProvider.System), "bench");
        using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        using var reader = new DossierReader(input, DossierFormat.Ndjson, leaveOpen: true);
        long read = 0;
        foreach (var line in reader.Read())
        {
            read++;
            if (entries.From(line, null).Dossier is { } dossier)
            {
                row(dossier);
            }
        }

        return read;
    }

    /// <summary>Our first load and re-load of the file into a new ledger on <paramref name="database"/>.</summary>
    private async Task RunOursAsync(List<Measurement> runs, string file, DatabaseSettings database, CancellationToken cancellationToken)
    {
        await using var app = await cli.OpenAsync(database, demo: true, NoDemoLedger, cancellationToken);
        runs.Add(await MeasureAsync("ours: first load", () => IngestAsync(app, file, cancellationToken)));
        runs.Add(await MeasureAsync("ours: the same file again", () => IngestAsync(app, file, cancellationToken)));
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var version = new SqliteCommand("SELECT sqlite_version()", connection);
        return (string)version.ExecuteScalar()!;
    }

    /// <summary>The PostgreSQL floor, in the database our ledger is then created in (returned).</summary>
    private async Task<DatabaseSettings> BarePostgresCopyAsync(BenchResult result, List<Dossier> rows, ThrowawayPostgres postgres, CancellationToken cancellationToken)
    {
        var database = DatabaseSettings.Resolve(await postgres.CreateDatabaseAsync("bench", cancellationToken));
        await (await cli.OpenAsync(database, demo: true, NoDemoLedger, cancellationToken)).DisposeAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("CREATE TABLE bench_bare_dossiers (LIKE dossiers); SHOW server_version;", connection))
        {
            result.PostgresVersion = (string?)await create.ExecuteScalarAsync(cancellationToken);
        }

        result.Postgres.Add(await MeasureAsync("raw binary COPY into a bare table, no index", async () =>
        {
            foreach (var chunk in rows.Chunk(Batch))
            {
                await PostgresDossierWriter.CopyAsync(connection, "bench_bare_dossiers", chunk, cancellationToken);
            }

            return rows.Count;
        }));
        return database;
    }

    private static async Task<long> IngestAsync(WebApplication app, string file, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var summary = await app.Services.GetRequiredService<DossierIngest>().IngestAsync(input, new IngestOptions("bench.ndjson"), cancellationToken);
        return summary.Read;
    }

    /// <summary>The SQLite floor: the same rows, the same pragmas and batch size, into a table with no key and no index.</summary>
    private static long BareSqliteInsert(string path, List<Dossier> rows)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
                + $"CREATE TABLE bare_dossiers ({DossierColumns.List});";
            setup.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO bare_dossiers ({DossierColumns.List}) VALUES ({string.Join(", ", DossierColumns.All.Select((_, i) => $"$p{i}"))})";
        var parameters = DossierColumns.All.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        foreach (var chunk in rows.Chunk(Batch))
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            foreach (var dossier in chunk)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = SqliteDossierWriter.ProviderValue(DossierColumns.All[i].Get(dossier));
                }

                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return rows.Count;
    }

    /// <summary>
    /// Feeds <see cref="BenchOptions.StreamRecords"/> simulated records into the standard input of a child
    /// <c>opendvc ingest -</c> (a process of its own, so its peak working set is the ingest's alone), timing each
    /// slice of records as it goes in. The pipe holds a few thousand records at most, so the feed's pace is the ingest's.
    /// </summary>
    private async Task RunStreamAsync(BenchResult result, DatabaseSettings database, CancellationToken cancellationToken)
    {
        await (await cli.OpenAsync(database, demo: true, NoDemoLedger, cancellationToken)).DisposeAsync();
        var options = result.Options;
        log.WriteLine($"streaming {options.StreamRecords:N0} records into opendvc ingest - on {database.Describe()}");
        var start = ChildProcess.Opendvc("ingest", "-", "--database", database.ConnectionString);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = child.StandardError.ReadToEndAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var marks = new List<(long Records, TimeSpan At)> { (0, TimeSpan.Zero) };
        var nextMark = options.StreamSlice;
        await Task.Run(() =>
        {
            using var input = child.StandardInput.BaseStream;
            Simulator(options.StreamRecords, options.Seed + 1).Write(input, done =>
            {
                if (done >= nextMark || done == options.StreamRecords)
                {
                    marks.Add((done, clock.Elapsed));
                    nextMark = (done / options.StreamSlice + 1) * options.StreamSlice;
                }
            }, cancellationToken: cancellationToken);
        }, cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        marks.Add((options.StreamRecords, clock.Elapsed));
        var text = await output;
        if (child.ExitCode != 0)
        {
            throw new CliException("OD-BENCH-STREAM", $"opendvc ingest - thất bại: {text} {await errors}", $"opendvc ingest - failed: {text} {await errors}");
        }

        result.StreamWall = clock.Elapsed;
        for (var i = 1; i < marks.Count; i++)
        {
            if (marks[i].Records > marks[i - 1].Records)
            {
                result.Stream.Add(new StreamSlice(marks[i - 1].Records, marks[i].Records, marks[i].At - marks[i - 1].At));
            }
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        result.StreamSummary = lines.FirstOrDefault(l => l.StartsWith("stdin: read", StringComparison.Ordinal));
        var peak = lines.FirstOrDefault(l => l.Contains("peak working set", StringComparison.Ordinal));
        if (peak is not null && long.TryParse(peak.Split("peak working set ")[1].Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var mib))
        {
            result.StreamPeakMiB = mib;
        }
    }

    private Measurement Measure(string name, Func<long> body) => MeasureAsync(name, () => Task.FromResult(body())).GetAwaiter().GetResult();

    private async Task<Measurement> MeasureAsync(string name, Func<Task<long>> body)
    {
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var records = await body();
        var wall = clock.Elapsed;
        self.Refresh();
        var measurement = new Measurement(name, records, wall, self.TotalProcessorTime - cpu);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {records:N0} in {wall.TotalSeconds:F1} s = {measurement.Rate:N0}/s"));
        return measurement;
    }
}
