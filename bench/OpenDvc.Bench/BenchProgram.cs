using System.CommandLine;
using OpenDvc.Bench.Indicators;
using OpenDvc.Bench.Ingest;
using OpenDvc.Bench.Ledger;
using OpenDvc.Platform.Cli;

namespace OpenDvc.Bench;

/// <summary>
/// The benchmarks, kept out of the product: <c>dotnet run -c Release --project bench/OpenDvc.Bench -- ledger|dashboard|ingest …</c>
/// (docs/benchmarks.md). They open the product through its own composition and CLI plumbing (<see cref="CliApp"/>).
/// </summary>
public static class BenchProgram
{
    public static Task<int> Main(string[] args) => Root(new CliApp(global::Program.Compose)).Parse(args).InvokeAsync();

    public static RootCommand Root(CliApp cli) =>
        new("OpenDVC's benchmarks: ingest against the databases' raw load speed, and the dashboards against the naive GROUP BY; each writes its section of docs/benchmarks.md.")
        {
            LedgerBenchCommand.Create(cli),
            DashboardBenchCommand.Create(cli),
            IngestBenchCommand.Create(),
        };
}
