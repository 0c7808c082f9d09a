using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using OpenDvc.Platform.Cli;

namespace OpenDvc.Bench.Ledger;

/// <summary>
/// <c>ledger</c>: runs <see cref="LedgerBenchmark"/> and writes its tables into docs/benchmarks.md between the
/// generated-section markers, so the text around them (reading of the figures) survives a re-run.
/// </summary>
internal static class LedgerBenchCommand
{
    public const string Begin = "<!-- opendvc bench: begin (generated, do not edit) -->";
    public const string End = "<!-- opendvc bench: end -->";

    public static Command Create(CliApp cli)
    {
        var records = new Option<long>("--dossiers") { Description = "Records in the simulated file.", DefaultValueFactory = _ => 200_000 };
        var seed = new Option<long>("--seed") { Description = "Simulation seed.", DefaultValueFactory = _ => 1 };
        var noPostgres = new Option<bool>("--no-postgres") { Description = "Skip PostgreSQL (otherwise a throwaway cluster runs when initdb is installed)." };
        var stream = new Option<long>("--stream") { Description = "Records streamed into a child opendvc ingest - (peak memory, growth); 0 skips." };
        var streamOn = new Option<string>("--stream-on") { Description = "postgres or sqlite (default postgres when available).", DefaultValueFactory = _ => "postgres" };
        streamOn.AcceptOnlyFromAmong("postgres", "sqlite");
        var slice = new Option<long>("--slice") { Description = "Growth slice of the stream, in records.", DefaultValueFactory = _ => 1_000_000 };
        var output = new Option<string>("--output") { Description = "Markdown file to write.", DefaultValueFactory = _ => "docs/benchmarks.md" };
        var command = new Command("ledger", "Measure ingest against the databases' raw load speed on one simulated file; write a Markdown report.")
        {
            records, seed, noPostgres, stream, streamOn, slice, output,
        };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            var options = new BenchOptions
            {
                Records = parse.GetValue(records),
                Seed = parse.GetValue(seed),
                Postgres = !parse.GetValue(noPostgres),
                StreamRecords = parse.GetValue(stream),
                StreamProvider = parse.GetValue(streamOn)!,
                StreamSlice = Math.Max(1, parse.GetValue(slice)),
            };
            if (options.Records < 1 || options.StreamRecords < 0)
            {
                throw new CliException("OD-BENCH-SIZE", "Số bản ghi phải dương.", "The number of records must be positive.");
            }

            var started = TimeProvider.System.GetUtcNow();
            var result = await new LedgerBenchmark(cli, Console.Error).RunAsync(options, ct);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var commandLine = CommandLine(parse);
            await WriteAsync(path, Report(result, started, commandLine), ct);
            Console.WriteLine($"wrote {path}");
        }));
        return command;
    }

    /// <summary>How to run this benchmark again, as the report prints it.</summary>
    internal static string CommandLine(ParseResult parse) =>
        "dotnet run -c Release --project bench/OpenDvc.Bench -- " + string.Join(' ', parse.Tokens.Select(t => t.Value));

    /// <summary>Replaces the generated section of <paramref name="path"/> (appends it when the file has none).</summary>
    public static Task WriteAsync(string path, string section, CancellationToken cancellationToken) =>
        GeneratedSection.WriteAsync(path, Begin, End, section, cancellationToken);

    private static string Report(BenchResult result, DateTimeOffset started, string commandLine)
    {
        var c = CultureInfo.InvariantCulture;
        var f = result.File;
        var text = new StringBuilder();
        text.AppendLine(c, $"Run `{commandLine}` on {started:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine(c, $"- Machine: {Machine()}");
        text.AppendLine(c, $"- Load average when the run started: {LoadAverage()} (the machine is shared; wall times include waiting for a core)");
        text.AppendLine(c, $"- .NET {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; SQLite {result.SqliteVersion}; PostgreSQL {result.PostgresVersion ?? "not run: " + result.PostgresSkipped}");
        text.AppendLine(c, $"- File: {f.Records:N0} simulated NDJSON records ({result.FileBytes / 1048576.0:N0} MiB): {f.NewDossiers:N0} new dossiers, {f.Updates:N0} later versions, "
            + $"{f.OutOfOrder:N0} out-of-order older versions, {f.InterAgencyCopies:N0} inter-agency copies, {f.Malformed:N0} malformed");
        text.AppendLine("- Baselines take the valid rows of the same file (every version), already parsed; ours reads the file itself.");
        if (result.PostgresVersion is not null)
        {
            text.AppendLine(c, $"- The throwaway PostgreSQL cluster runs without durability (fsync, synchronous commit and full-page writes off) and with a server's memory: {string.Join(", ", LedgerBenchmark.PostgresSettings)}");
        }

        text.AppendLine();
        Table(text, "SQLite", result.Sqlite);
        Table(text, "PostgreSQL", result.Postgres);
        if (result.Stream.Count > 0)
        {
            text.AppendLine(c, $"### Large stream: {result.Options.StreamRecords:N0} records through `opendvc simulate --output - | opendvc ingest -` on {result.Options.StreamProvider}");
            text.AppendLine();
            text.AppendLine(c, $"- {result.StreamSummary}");
            text.AppendLine(c, $"- Total {result.StreamWall?.TotalSeconds:F0} s, {result.Options.StreamRecords / Math.Max(result.StreamWall?.TotalSeconds ?? 1, 1e-3):N0} records/s; peak working set of the ingest process: **{result.StreamPeakMiB:N0} MiB**");
            text.AppendLine();
            text.AppendLine("| records fed (the ledger grows with them) | wall s | records/s in the slice |");
            text.AppendLine("|---|---:|---:|");
            foreach (var slice in result.Stream)
            {
                text.AppendLine(c, $"| {slice.From:N0} – {slice.To:N0} | {slice.Wall.TotalSeconds:F1} | {slice.Rate:N0} |");
            }

            text.AppendLine();
            text.AppendLine("The first slice includes the start of the ingest process (about 2 s).");

            text.AppendLine();
        }

        return text.ToString();
    }

    private static void Table(StringBuilder text, string provider, List<Measurement> runs)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        var baseline = runs[0];
        var first = runs.FirstOrDefault(r => r.Name.StartsWith("ours: first", StringComparison.Ordinal));
        text.AppendLine(c, $"### {provider}");
        text.AppendLine();
        text.AppendLine("| run | records | wall s | records/s | × baseline | × first load | process CPU s |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var versusFirst = first is not null && run != baseline ? (run.Rate / first.Rate).ToString("F2", c) : "";
            text.AppendLine(c, $"| {run.Name} | {run.Records:N0} | {run.Wall.TotalSeconds:F1} | {run.Rate:N0} | {run.Rate / baseline.Rate:F2} | {versusFirst} | {run.ProcessCpu.TotalSeconds:F1} |");
        }

        text.AppendLine();
    }

    internal static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var gib = memory is not null && long.TryParse(memory.Split(' ')[0], CultureInfo.InvariantCulture, out var kib) ? $"{kib / 1048576.0:F0} GiB RAM" : "RAM unknown";
        return $"{model ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {gib}; {GarbageCollector()}";
    }

    /// <summary>The collector's mode and young-generation budget, which set how much memory an ingest holds.</summary>
    internal static string GarbageCollector()
    {
        var settings = GC.GetConfigurationVariables();
        var mode = settings.TryGetValue("ServerGC", out var server) && server is true ? "server GC" : "workstation GC";
        return settings.TryGetValue("GCGen0MaxBudget", out var budget) && budget is ulong or long
            ? $"{mode}, gen0 budget at most {Convert.ToInt64(budget, CultureInfo.InvariantCulture) / 1048576} MiB"
            : mode;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
