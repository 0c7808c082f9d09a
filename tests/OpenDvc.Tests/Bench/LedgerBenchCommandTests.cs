using System.Text.Json;
using OpenDvc.Bench;
using OpenDvc.Bench.Ledger;

namespace OpenDvc.Tests.Bench;

/// <summary>
/// The <c>ledger</c> benchmark at a tiny size: it runs every phase (both providers when PostgreSQL's binaries are here, and
/// the stream through a child <c>opendvc ingest -</c>) and writes its tables into the report, keeping the text
/// around the generated section. Its numbers are not checked: a benchmark, not a timed test.
/// </summary>
public sealed class LedgerBenchCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("opendvc-bench-test-").FullName;

    /// <summary>
    /// The memory a bulk ingest takes (under 400 MB for a 10 GB file) must not depend on the host's CPU cache, from
    /// which .NET sizes the young generation (80 MiB on a machine with 260 MiB of L3): the app pins the budget.
    /// </summary>
    [Fact]
    public void The_app_pins_the_young_generation_budget_an_ingest_s_peak_memory_depends_on()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "opendvc.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(16 * 1024 * 1024, properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64());
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
    }

    [Fact]
    public async Task Bench_writes_its_tables_between_the_markers_and_keeps_the_text_around_them()
    {
        var report = Path.Combine(directory, "benchmarks.md");
        await File.WriteAllTextAsync(report, $"# Benchmarks\n\nReading of the figures.\n\n{LedgerBenchCommand.Begin}\nold figures\n{LedgerBenchCommand.End}\n\nMore text.\n",
            TestContext.Current.CancellationToken);
        var exit = await BenchProgram.Main(["ledger", "--dossiers", "1500", "--stream", "2000", "--stream-on", "sqlite", "--output", report]);

        Assert.Equal(0, exit);
        var text = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.StartsWith("# Benchmarks\n\nReading of the figures.\n\n" + LedgerBenchCommand.Begin, text, StringComparison.Ordinal);
        Assert.EndsWith(LedgerBenchCommand.End + "\nMore text.\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("old figures", text, StringComparison.Ordinal);
        Assert.Contains("| bare SQLite prepared-insert loop, no index | 1,4", text, StringComparison.Ordinal);
        Assert.Contains("| ours: first load | 1,500 |", text, StringComparison.Ordinal);
        Assert.Contains("| ours: the same file again | 1,500 |", text, StringComparison.Ordinal);
        Assert.Contains("stdin: read 2,000 = accepted", text, StringComparison.Ordinal);
        Assert.Matches(@"peak working set of the ingest process: \*\*[\d,]+ MiB\*\*", text);
        if (ThrowawayPostgres.Unavailable is null)
        {
            Assert.Contains("| raw binary COPY into a bare table, no index |", text, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
