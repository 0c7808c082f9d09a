using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OpenDvc.Bench.Ingest;

/// <summary>What <c>ingest</c> runs: the file's size, the repetitions, and which PostgreSQL clusters.</summary>
public sealed record AgainstToolsOptions
{
    public long Records { get; init; } = 500_000;

    public long Seed { get; init; } = 1;

    /// <summary>Runs of each process, alternating; the report gives their median.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>PostgreSQL clusters to run on: <c>default</c> (the package's settings), <c>tuned</c> (the ledger bench's).</summary>
    public IReadOnlyList<string> Postgres { get; init; } = ["default", "tuned"];
}

/// <summary>One process run: its wall time, the rows it stored, its peak resident memory (ours only).</summary>
public sealed record ToolRun(TimeSpan Wall, long Stored, long? PeakMiB, string LoadAverage);

/// <summary>The runs of one process on one database, and their median.</summary>
public sealed class ToolRuns(string name)
{
    public string Name { get; } = name;

    public List<ToolRun> Runs { get; } = [];

    public TimeSpan Median => Runs.Select(r => r.Wall).Order().ElementAt(Runs.Count / 2);

    public double Rate(long records) => records / Math.Max(Median.TotalSeconds, 1e-6);
}

/// <summary>One database's comparison: the user's tool, our first load, our re-ingest of the same file.</summary>
public sealed record ToolComparison(string Database, string Settings, ToolRuns Tool, ToolRuns First, ToolRuns Again);

public sealed class AgainstToolsResult
{
    public required AgainstToolsOptions Options { get; init; }
    public required long FileBytes { get; init; }
    public required long Records { get; init; }
    public List<ToolComparison> Comparisons { get; } = [];
    public List<string> Skipped { get; } = [];
}

/// <summary>
/// Issue 20: <c>opendvc ingest</c> measured whole-process against what a user would run by hand on the same CSV file
/// written by <c>opendvc simulate</c>: <c>sqlite3</c>'s <c>.import</c> into a bare table of text columns in a new
/// file, and <c>psql</c>'s <c>\copy … csv header</c> into a bare text table. Ours is the product's own process
/// (<see cref="ChildProcess.Opendvc"/>) on a database migrated with the demo registry beforehand (untimed), then the
/// same file again. Processes alternate (tool, ours, ours again; then the next run) so a load that comes and goes
/// on the shared machine falls on both; the report takes the median of the runs.
/// </summary>
public sealed class IngestAgainstTools(TextWriter log)
{
    public async Task<AgainstToolsResult> RunAsync(AgainstToolsOptions options, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("opendvc-bench-ingest-");
        try
        {
            var file = Path.Combine(directory.FullName, "dossiers.csv");
            log.WriteLine($"opendvc simulate --dossiers {options.Records} --output {file}");
            await RunAsync(ChildProcess.Opendvc("simulate", "--dossiers", options.Records.ToString(CultureInfo.InvariantCulture),
                "--seed", options.Seed.ToString(CultureInfo.InvariantCulture), "--output", file), cancellationToken);
            var header = File.ReadLines(file).First().Split(',');
            var result = new AgainstToolsResult { Options = options, FileBytes = new FileInfo(file).Length, Records = options.Records };

            if (ChildProcess.OnPath("sqlite3") is { } sqlite3)
            {
                result.Comparisons.Add(await CompareOnSqliteAsync(sqlite3, file, header, directory.FullName, options, cancellationToken));
            }
            else
            {
                result.Skipped.Add("SQLite: sqlite3 is not installed");
            }

            foreach (var settings in options.Postgres)
            {
                if ((ThrowawayPostgres.Unavailable ?? (ThrowawayPostgres.Psql is null ? "psql is not installed" : null)) is { } why)
                {
                    result.Skipped.Add($"PostgreSQL ({settings}): {why}");
                    continue;
                }

                await using var cluster = settings == "tuned"
                    ? await ThrowawayPostgres.StartAsync(cancellationToken, Ledger.LedgerBenchmark.PostgresSettings)
                    : await ThrowawayPostgres.StartWithPackageDefaultsAsync(cancellationToken);
                result.Comparisons.Add(await CompareOnPostgresAsync(cluster, settings, file, header, options, cancellationToken));
            }

            return result;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private async Task<ToolComparison> CompareOnSqliteAsync(string sqlite3, string file, string[] header, string directory, AgainstToolsOptions options, CancellationToken cancellationToken)
    {
        var comparison = new ToolComparison("SQLite", "sqlite3 CLI defaults; ours: WAL, synchronous=NORMAL",
            new ToolRuns("`sqlite3` `.import --skip 1` into a bare text table"), new ToolRuns("`opendvc ingest`: first load"), new ToolRuns("`opendvc ingest`: the same file again"));
        for (var run = 1; run <= options.Runs; run++)
        {
            var bare = Path.Combine(directory, $"bare-{run}.db");
            var script = $"CREATE TABLE bare ({string.Join(", ", header.Select(c => $"\"{c}\" TEXT"))});\n.mode csv\n.import --skip 1 '{file}' bare\n";
            var wall = await RunAsync(ChildProcess.Redirected(sqlite3, bare), cancellationToken, script);
            comparison.Tool.Runs.Add(new ToolRun(wall.Wall, await SqliteCountAsync(bare, "bare", cancellationToken), null, wall.Load));

            var ledger = Path.Combine(directory, $"ledger-{run}.db");
            await MeasureOursAsync(comparison, file, ledger, () => SqliteCountAsync(ledger, "dossiers", cancellationToken), cancellationToken);

            log.WriteLine($"SQLite run {run}: sqlite3 {wall.Wall.TotalSeconds:F1} s, ours {comparison.First.Runs[^1].Wall.TotalSeconds:F1} s, again {comparison.Again.Runs[^1].Wall.TotalSeconds:F1} s");
        }

        return comparison;
    }

    private async Task<ToolComparison> CompareOnPostgresAsync(ThrowawayPostgres cluster, string settings, string file, string[] header, AgainstToolsOptions options, CancellationToken cancellationToken)
    {
        var described = settings == "tuned"
            ? $"durability off, {string.Join(", ", Ledger.LedgerBenchmark.PostgresSettings)}"
            : "the package's defaults: durable, shared_buffers=128MB, max_wal_size=1GB";
        var comparison = new ToolComparison($"PostgreSQL ({settings})", described,
            new ToolRuns("`psql` `\\copy … csv header` into a bare text table"), new ToolRuns("`opendvc ingest`: first load"), new ToolRuns("`opendvc ingest`: the same file again"));
        for (var run = 1; run <= options.Runs; run++)
        {
            var bare = await cluster.CreateDatabaseAsync("bare", cancellationToken);
            await ExecuteAsync(bare, $"CREATE TABLE bare ({string.Join(", ", header.Select(c => $"\"{c}\" text"))})", cancellationToken);
            var builder = new NpgsqlConnectionStringBuilder(bare);
            var copy = await RunAsync(ChildProcess.Redirected(ThrowawayPostgres.Psql!, "-X", "-v", "ON_ERROR_STOP=1", "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture),
                "-U", builder.Username!, "-d", builder.Database!, "-c", $"\\copy bare from '{file}' csv header"), cancellationToken);
            comparison.Tool.Runs.Add(new ToolRun(copy.Wall, await PostgresCountAsync(bare, "bare", cancellationToken), null, copy.Load));

            var ledger = await cluster.CreateDatabaseAsync("ledger", cancellationToken);
            await MeasureOursAsync(comparison, file, ledger, () => PostgresCountAsync(ledger, "dossiers", cancellationToken), cancellationToken);

            log.WriteLine($"PostgreSQL ({settings}) run {run}: psql {copy.Wall.TotalSeconds:F1} s, ours {comparison.First.Runs[^1].Wall.TotalSeconds:F1} s, again {comparison.Again.Runs[^1].Wall.TotalSeconds:F1} s");
        }

        return comparison;
    }

    /// <summary>Prepares the ledger's database (untimed), then times our first load of the file and its re-ingest.</summary>
    private static async Task MeasureOursAsync(ToolComparison comparison, string file, string database, Func<Task<long>> stored, CancellationToken cancellationToken)
    {
        await RunAsync(ChildProcess.Opendvc("migrate", "--demo", "--database", database), cancellationToken);
        foreach (var runs in new[] { comparison.First, comparison.Again })
        {
            var ours = await RunAsync(ChildProcess.Opendvc("ingest", file, "--database", database), cancellationToken);
            runs.Runs.Add(new ToolRun(ours.Wall, await stored(), PeakMiB(ours.Output), ours.Load));
        }
    }

    /// <summary>Runs a process to its end (feeding it <paramref name="input"/>), timing it from start to exit; throws when it fails.</summary>
    private static async Task<(TimeSpan Wall, string Output, string Load)> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken, string input = "")
    {
        var load = Ledger.LedgerBenchCommand.LoadAverage();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        var wall = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await output} {await errors}");
        }

        return (wall, await output, load);
    }

    /// <summary>The ingest's own report of its peak working set (the process's high-water mark of resident memory, VmHWM).</summary>
    private static long? PeakMiB(string output) =>
        output.Split('\n').Select(l => l.Split("peak working set ")).Where(p => p.Length == 2)
            .Select(p => long.TryParse(p[1].Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var mib) ? mib : (long?)null)
            .FirstOrDefault();

    private static async Task<long> SqliteCountAsync(string path, string table, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken);
        await using var count = new SqliteCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<long> PostgresCountAsync(string connectionString, string table, CancellationToken cancellationToken) =>
        (long)(await ExecuteAsync(connectionString, $"SELECT count(*) FROM {table}", cancellationToken))!;

    private static async Task<object?> ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
