using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Bench.Indicators.Mixed;
using OpenDvc.Bench.Ledger;
using OpenDvc.Platform.Cli;

namespace OpenDvc.Bench.Indicators;

/// <summary>
/// <c>dashboard</c>: runs <see cref="DashboardBenchmark"/> and writes its tables into docs/benchmarks.md
/// between its own markers (the ledger benchmark's section and the text around both are kept).
/// </summary>
internal static class DashboardBenchCommand
{
    public const string Begin = "<!-- opendvc bench dashboard: begin (generated, do not edit) -->";
    public const string End = "<!-- opendvc bench dashboard: end -->";

    public static Command Create(CliApp cli)
    {
        var sizes = new Option<string?>("--dossiers") { Description = "Ledger sizes in simulated records, comma-separated and ascending; the same database grows from one to the next (default 1000000,10000000; with --mixed 1000000)." };
        var on = new Option<string>("--on") { Description = "Providers, comma-separated: sqlite, postgres.", DefaultValueFactory = _ => "sqlite,postgres" };
        var period = new Option<string>("--period") { Description = "Period every endpoint is asked for (the simulation starts in January 2021).", DefaultValueFactory = _ => "2021" };
        var requests = new Option<int>("--requests") { Description = "Measured requests per endpoint and size.", DefaultValueFactory = _ => 200 };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured requests before them.", DefaultValueFactory = _ => 20 };
        var naiveRuns = new Option<int>("--naive-runs") { Description = "Runs of each naive GROUP BY over the dossier table (median reported).", DefaultValueFactory = _ => 3 };
        var wrkSeconds = new Option<int>("--wrk-seconds") { Description = "Seconds of wrk against /dashboard at each size when wrk is installed; 0 skips.", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "Simulation seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output") { Description = "Markdown file to write.", DefaultValueFactory = _ => "docs/benchmarks.md" };
        var mixed = new Option<bool>("--mixed") { Description = "Figures under continuous change instead: each page's uncached cost, then reads of random units, periods and pages while one client syncs over HTTP, and a projection from rollup rows (its own section of the file)." };
        var syncRate = new Option<int>("--sync-rate") { Description = "With --mixed: records a second the sync client sends.", DefaultValueFactory = _ => 2000 };
        var readers = new Option<int>("--readers") { Description = "With --mixed: clients reading while the sync runs.", DefaultValueFactory = _ => 4 };
        var seconds = new Option<int>("--seconds") { Description = "With --mixed: seconds of the sync alone, then as many with the readers.", DefaultValueFactory = _ => 30 };
        var uncachedRuns = new Option<int>("--uncached-runs") { Description = "With --mixed: requests of each page right after a sync commit (median reported).", DefaultValueFactory = _ => 5 };
        var command = new Command("dashboard", "Measure every dashboard page and indicator endpoint against the naive GROUP BY over the dossier table, at growing ledger sizes; write a Markdown report.")
        {
            sizes, on, period, requests, warmup, naiveRuns, wrkSeconds, seed, output, mixed, syncRate, readers, seconds, uncachedRuns,
        };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            var asked = Period.TryParse(parse.GetValue(period), out var p)
                ? p
                : throw new CliException("OD-PERIOD-INVALID", $"Kỳ '{parse.GetValue(period)}' không hợp lệ.", $"Period '{parse.GetValue(period)}' is not valid.");
            var started = TimeProvider.System.GetUtcNow();
            var load = LedgerBenchCommand.LoadAverage();
            var path = Path.GetFullPath(parse.GetValue(output)!);
            if (parse.GetValue(mixed))
            {
                var mixedOptions = new MixedBenchOptions
                {
                    Sizes = ParseSizes(parse.GetValue(sizes) ?? "1000000"),
                    Providers = ParseProviders(parse.GetValue(on)!),
                    Period = asked,
                    Seed = parse.GetValue(seed),
                    SyncRate = Math.Max(1, parse.GetValue(syncRate)),
                    Readers = Math.Max(0, parse.GetValue(readers)),
                    Seconds = Math.Max(1, parse.GetValue(seconds)),
                    UncachedRuns = Math.Max(1, parse.GetValue(uncachedRuns)),
                };
                var measured = await new MixedBenchmark(cli, Console.Error).RunAsync(mixedOptions, ct);
                await GeneratedSection.WriteAsync(path, MixedReport.Begin, MixedReport.End, MixedReport.Write(measured, started, load, LedgerBenchCommand.CommandLine(parse)), ct);
                Console.WriteLine($"wrote {path}");
                return;
            }

            var options = new DashboardBenchOptions
            {
                Sizes = ParseSizes(parse.GetValue(sizes) ?? "1000000,10000000"),
                Providers = ParseProviders(parse.GetValue(on)!),
                Period = asked,
                Requests = Math.Max(1, parse.GetValue(requests)),
                Warmup = Math.Max(0, parse.GetValue(warmup)),
                NaiveRuns = Math.Max(1, parse.GetValue(naiveRuns)),
                WrkSeconds = Math.Max(0, parse.GetValue(wrkSeconds)),
                Seed = parse.GetValue(seed),
            };
            var result = await new DashboardBenchmark(cli, Console.Error).RunAsync(options, ct);
            var commandLine = LedgerBenchCommand.CommandLine(parse);
            await GeneratedSection.WriteAsync(path, Begin, End, Report(result, started, load, commandLine), ct);
            Console.WriteLine($"wrote {path}");
        }));
        return command;
    }

    private static List<long> ParseSizes(string text)
    {
        var sizes = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1
                || (sizes.Count > 0 && size <= sizes[^1]))
            {
                throw new CliException("OD-BENCH-SIZE", "Các cỡ phải là số dương, tăng dần, cách nhau bởi dấu phẩy.", "Sizes must be positive numbers, ascending, separated by commas.");
            }

            sizes.Add(size);
        }

        return sizes.Count > 0 ? sizes : throw new CliException("OD-BENCH-SIZE", "Cần ít nhất một cỡ.", "At least one size is needed.");
    }

    private static List<string> ParseProviders(string text)
    {
        var providers = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        return providers.Count > 0 && providers.All(p => p is "sqlite" or "postgres")
            ? providers
            : throw new CliException("OD-BENCH-PROVIDER", "--on nhận sqlite, postgres hoặc cả hai.", "--on takes sqlite, postgres or both.");
    }

    public static string Report(DashboardBenchResult result, DateTimeOffset started, string loadAverage, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        var o = result.Options;
        var text = new StringBuilder();
        RunHeader(text, started, loadAverage, commandLine);
        text.AppendLine(c, $"- Every endpoint asked for period {o.Period}; unit {result.Unit}, service {result.Unit} × {result.Procedure} (the busiest in the period at the first size)");
        text.AppendLine(c, $"- Server time: the Server-Timing header (request in → headers out), {o.Requests} requests per endpoint after {o.Warmup} unmeasured; round trip: HttpClient on loopback, body read");
        text.AppendLine("- First request: the first after the load (and after the requests for the endpoints above it), which computes the figures from the rollups; later ones read the figures cached until the data changes");
        text.AppendLine("- Requests are anonymous, as the public's: the pages (dashboard, unit, service, methodology) are then served whole from the output cache until the data changes (Indicators/PublicPageCache), the API endpoints from the figures cached until the data changes (decision 007)");
        text.AppendLine(c, $"- Naive: the GROUP BY over the dossier table answering the same question (median of {o.NaiveRuns} runs; an endpoint that needs several sums them); × faster = naive ÷ our p99");
        foreach (var (provider, why) in result.Skipped)
        {
            text.AppendLine(c, $"- {Name(provider)} not run: {why}");
        }

        text.AppendLine();
        foreach (var size in result.Sizes)
        {
            text.AppendLine(c, $"### {Name(size.Provider)}, {size.Records:N0} records");
            text.AppendLine();
            text.AppendLine(c, $"- Ledger: {size.Dossiers:N0} dossiers counted in rollups ({size.PeriodDossiers:N0} in {o.Period}), {size.RollupRows:N0} rollup rows; this step's load {size.Load.TotalSeconds:F0} s ({size.Ingested})");
            text.AppendLine();
            text.AppendLine("| endpoint | first request ms | server p50 ms | server p99 ms | round trip p99 ms | naive GROUP BY ms | × faster |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var e in size.Endpoints)
            {
                text.AppendLine(c, $"| {e.Name} (`{e.Path}`) | {e.FirstRequest:F1} | {e.ServerP50:F2} | {e.ServerP99:F2} | {e.RoundTripP99:F2} | {(e.NaiveMs is { } n ? n.ToString("N0", c) : "—")} | {(e.TimesFaster is { } x ? x.ToString("N0", c) : "—")} |");
            }

            text.AppendLine();
            var w = size.Wrk;
            text.AppendLine(w.Skipped is not null
                ? $"wrk: skipped, {w.Skipped}."
                : FormattableString.Invariant($"wrk (`{w.Command}`): **{w.RequestsPerSecond:N0} requests/s**, latency p50 {w.LatencyP50}, p99 {w.LatencyP99}, {w.Errors:N0} errors or non-2xx."));
            text.AppendLine();
        }

        foreach (var provider in result.Sizes.Select(s => s.Provider).Distinct().Where(_ => result.Sizes.Count > 1))
        {
            var sizes = result.Sizes.Where(s => s.Provider == provider).ToList();
            text.AppendLine(c, $"### {Name(provider)}: server p99 ms as the ledger grows");
            text.AppendLine();
            text.AppendLine("| endpoint | " + string.Join(" | ", sizes.Select(s => s.Records.ToString("N0", c))) + " |");
            text.AppendLine("|---|" + string.Concat(sizes.Select(_ => "---:|")));
            foreach (var name in sizes[0].Endpoints.Select(e => e.Name))
            {
                text.AppendLine("| " + name + " | " + string.Join(" | ", sizes.Select(s => s.Endpoints.Single(e => e.Name == name).ServerP99.ToString("F2", c))) + " |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>How the run was made and on what: the first lines of each dashboard section.</summary>
    internal static void RunHeader(StringBuilder text, DateTimeOffset started, string loadAverage, string commandLine)
    {
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Run `{commandLine}` on {started:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine(c, $"- Machine: {LedgerBenchCommand.Machine()}; load average when the run started: {loadAverage}");
        text.AppendLine(c, $"- .NET {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
    }

    private static string Name(string provider) => provider == "postgres" ? "PostgreSQL" : "SQLite";
}
