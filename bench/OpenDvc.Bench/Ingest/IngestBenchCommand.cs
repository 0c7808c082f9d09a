using System.CommandLine;
using System.Globalization;
using System.Text;
using OpenDvc.Bench.Ledger;
using OpenDvc.Platform.Cli;

namespace OpenDvc.Bench.Ingest;

/// <summary>
/// <c>ingest</c>: runs <see cref="IngestAgainstTools"/> and writes its table into docs/benchmarks.md between its
/// own generated-section markers.
/// </summary>
internal static class IngestBenchCommand
{
    public const string Begin = "<!-- opendvc bench ingest: begin (generated, do not edit) -->";
    public const string End = "<!-- opendvc bench ingest: end -->";

    public static Command Create()
    {
        var records = new Option<long>("--dossiers") { Description = "Records in the simulated CSV file.", DefaultValueFactory = _ => 500_000 };
        var seed = new Option<long>("--seed") { Description = "Simulation seed.", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Runs of each process, alternating; the median is reported.", DefaultValueFactory = _ => 3 };
        var postgres = new Option<string[]>("--postgres")
        {
            Description = "PostgreSQL clusters: default (the package's settings), tuned (the ledger bench's), none.",
            DefaultValueFactory = _ => ["default", "tuned"],
            AllowMultipleArgumentsPerToken = true,
        };
        postgres.AcceptOnlyFromAmong("default", "tuned", "none");
        var output = new Option<string>("--output") { Description = "Markdown file to write.", DefaultValueFactory = _ => "docs/benchmarks.md" };
        var command = new Command("ingest", "Measure the whole opendvc ingest process against sqlite3 .import and psql \\copy of the same CSV file; write a Markdown report.")
        {
            records, seed, runs, postgres, output,
        };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            var options = new AgainstToolsOptions
            {
                Records = parse.GetValue(records),
                Seed = parse.GetValue(seed),
                Runs = parse.GetValue(runs),
                Postgres = [.. parse.GetValue(postgres)!.Where(p => p != "none").Distinct()],
            };
            if (options.Records < 1 || options.Runs < 1)
            {
                throw new CliException("OD-BENCH-SIZE", "Số bản ghi và số lần chạy phải dương.", "The number of records and of runs must be positive.");
            }

            var started = TimeProvider.System.GetUtcNow();
            var result = await new IngestAgainstTools(Console.Error).RunAsync(options, ct);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            await GeneratedSection.WriteAsync(path, Begin, End, Report(result, started, LedgerBenchCommand.CommandLine(parse)), ct);
            Console.WriteLine($"wrote {path}");
        }));
        return command;
    }

    private static string Report(AgainstToolsResult result, DateTimeOffset started, string commandLine)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Run `{commandLine}` on {started:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine(c, $"- Machine: {LedgerBenchCommand.Machine()}");
        text.AppendLine(c, $"- File: `opendvc simulate --dossiers {result.Records} --output dossiers.csv`, {result.FileBytes / 1048576.0:N0} MiB, one process per run; wall time from start to exit, median of {result.Options.Runs} alternating runs");
        text.AppendLine("- Ours: the Release build's `opendvc ingest dossiers.csv --database …` on a database `opendvc migrate --demo` prepared beforehand (untimed); its peak resident memory as it reports it (VmHWM)");
        foreach (var skipped in result.Skipped)
        {
            text.AppendLine(c, $"- Not run: {skipped}");
        }

        text.AppendLine();
        text.AppendLine("| database | process | median wall s | records/s | × the tool's speed | × first load | peak RSS MiB | rows stored | walls s (load average 1 min) |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var comparison in result.Comparisons)
        {
            var tool = comparison.Tool.Rate(result.Records);
            var first = comparison.First.Rate(result.Records);
            foreach (var runs in new[] { comparison.Tool, comparison.First, comparison.Again })
            {
                var rate = runs.Rate(result.Records);
                var peak = runs.Runs.Max(r => r.PeakMiB);
                var walls = string.Join(", ", runs.Runs.Select(r => string.Create(c, $"{r.Wall.TotalSeconds:F1} ({r.LoadAverage.Split(' ')[0]})")));
                text.AppendLine(c, $"| {comparison.Database} | {runs.Name} | {runs.Median.TotalSeconds:F1} | {rate:N0} | {rate / tool:F2} | {(runs == comparison.Tool ? "" : (rate / first).ToString("F2", c))} | {peak?.ToString("N0", c)} | {runs.Runs[^1].Stored:N0} | {walls} |");
            }
        }

        text.AppendLine();
        foreach (var comparison in result.Comparisons)
        {
            text.AppendLine(c, $"- {comparison.Database}: {comparison.Settings}");
        }

        return text.ToString();
    }
}
