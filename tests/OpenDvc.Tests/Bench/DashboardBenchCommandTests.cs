using OpenDvc.Bench;
using OpenDvc.Bench.Indicators;
using OpenDvc.Bench.Ledger;
using OpenDvc.Platform.Cli;

namespace OpenDvc.Tests.Bench;

/// <summary>
/// The <c>dashboard</c> benchmark at a tiny size on SQLite: it loads two growing sizes through the ingest, asks every
/// endpoint, times the naive queries and writes its tables between its own markers, keeping the ledger benchmark's
/// section and the text around both. Its numbers are not checked: a benchmark, not a timed test.
/// </summary>
public sealed class DashboardBenchCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("opendvc-dashbench-test-").FullName;

    [Fact]
    public async Task Bench_dashboard_writes_a_row_per_endpoint_and_size_between_its_own_markers()
    {
        var report = Path.Combine(directory, "benchmarks.md");
        var ledgerSection = $"{LedgerBenchCommand.Begin}\nledger figures\n{LedgerBenchCommand.End}\n";
        await File.WriteAllTextAsync(report, $"# Benchmarks\n\nReading.\n\n{ledgerSection}\n{DashboardBenchCommand.Begin}\nold dashboard figures\n{DashboardBenchCommand.End}\n\n## Against the targets\n",
            TestContext.Current.CancellationToken);
        var exit = await BenchProgram.Main(["dashboard", "--dossiers", "1500,3000", "--on", "sqlite", "--requests", "3", "--warmup", "1",
            "--naive-runs", "1", "--wrk-seconds", "0", "--output", report]);

        Assert.Equal(0, exit);
        var text = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.StartsWith("# Benchmarks\n\nReading.\n\n" + ledgerSection, text, StringComparison.Ordinal);
        Assert.EndsWith(DashboardBenchCommand.End + "\n## Against the targets\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("old dashboard figures", text, StringComparison.Ordinal);
        Assert.Contains("### SQLite, 1,500 records", text, StringComparison.Ordinal);
        Assert.Contains("### SQLite, 3,000 records", text, StringComparison.Ordinal);
        Assert.Contains("### SQLite: server p99 ms as the ledger grows", text, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(text, "wrk: skipped, not asked (--wrk-seconds 0)."));
        foreach (var endpoint in DashboardBenchmark.Endpoints(OpenDvc.Indicators.Calculation.Period.Year(2021), "U", "P"))
        {
            // One row per size, and one in the growth table.
            Assert.Equal(3, CountOf(text, $"| {endpoint.Name} "));
            if (endpoint.Naive.Length > 0)
            {
                Assert.Matches($@"\| {System.Text.RegularExpressions.Regex.Escape(endpoint.Name)} \(`[^`]+`\) \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d,]+ \| [\d,]+ \|", text);
            }
        }
    }

    [Fact]
    public void Report_section_is_appended_when_the_file_has_no_markers_and_replaced_when_it_has()
    {
        var appended = GeneratedSection.Replace("# Benchmarks\n\nText.\n", "<!-- b -->", "<!-- e -->", "one\n");
        var replaced = GeneratedSection.Replace(appended + "\nAfter.\n", "<!-- b -->", "<!-- e -->", "two\n");

        Assert.Equal("# Benchmarks\n\nText.\n\n<!-- b -->\none\n<!-- e -->\n", appended);
        Assert.Equal("# Benchmarks\n\nText.\n\n<!-- b -->\ntwo\n<!-- e -->\nAfter.\n", replaced);
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
