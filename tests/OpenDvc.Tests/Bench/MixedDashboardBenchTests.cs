using System.Globalization;
using System.Text.RegularExpressions;
using OpenDvc.Bench;
using OpenDvc.Bench.Indicators.Mixed;

namespace OpenDvc.Tests.Bench;

/// <summary>
/// <c>dashboard --mixed</c> at a small size (issue 20: the mixed mode runs in CI; it measures there, it asserts no
/// timing): the report has its rows, and the sync really stored dossiers while it ran, alone and beside the readers.
/// </summary>
public sealed partial class MixedDashboardBenchTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("opendvc-mixedbench-test-").FullName;

    [Theory]
    [InlineData("sqlite", "SQLite")]
    [InlineData("postgres", "PostgreSQL")]
    public async Task Mixed_mode_reports_reads_under_a_sync_that_stores_dossiers(string provider, string name)
    {
        Assert.SkipWhen(provider == "postgres" && OpenDvc.Bench.ThrowawayPostgres.Unavailable is not null, "PostgreSQL binaries are not installed");
        var report = Path.Combine(directory, "benchmarks.md");
        await File.WriteAllTextAsync(report, "# Benchmarks\n\nText.\n", TestContext.Current.CancellationToken);
        var exit = await BenchProgram.Main(["dashboard", "--mixed", "--dossiers", "20000", "--on", provider, "--sync-rate", "200", "--readers", "2",
            "--seconds", "3", "--uncached-runs", "1", "--output", report]);

        Assert.Equal(0, exit);
        var text = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.StartsWith("# Benchmarks\n\nText.\n\n" + MixedReport.Begin, text, StringComparison.Ordinal);
        Assert.Contains($"#### {name}, 20,000 records", text, StringComparison.Ordinal);

        var counts = LedgerCounts().Match(text);
        Assert.True(counts.Success, text);
        long Count(int group) => long.Parse(counts.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(Count(2) > Count(1), "the sync alone stored no dossier");
        Assert.True(Count(3) > Count(2), "the sync beside the readers stored no dossier");

        Assert.Matches(@"- Sync alone: \*\*[\d,]+ records/s\*\* \([\d,]+ records answered", text);
        Assert.Matches(@"- Sync with 2 readers: \*\*[\d,]+ records/s\*\*", text);
        Assert.Matches(@"\| round trip \| [1-9][\d,]* \| 0 \| [\d.]+ \| [\d.]+ \| [\d.]+ \|", text);
        Assert.Matches(@"\| server \(Server-Timing\) \| [\d,]+ \| 0 \| [\d.]+ \| [\d.]+ \| [\d.]+ \|", text);
        Assert.Matches(@"\| `dossier_rollups` \| [1-9][\d,]* \| [\d.]+ \| [^|]+ \| [\d,]+ \|", text);
        foreach (var (page, _) in MixedBenchmark.Pages(OpenDvc.Indicators.Calculation.Period.Year(2021), "U"))
        {
            Assert.Matches($@"\| {Regex.Escape(page)} \(`[^`]+`\) \| [\d.]+ \| [\d.]+ \| [\d,]+ \|", text);
        }

        foreach (var target in new[] { "uncached national views", "uncached unit views", "reads p99", "sync slowed" })
        {
            Assert.Matches($@"\| {target}[^|]* \| [-\d.]+ (ms|%) \| (met|\*\*not met\*\*)", text);
        }
    }

    [Fact]
    public void Rollup_rows_are_projected_linearly_from_one_size_and_by_the_power_law_through_the_last_two()
    {
        Assert.Equal((1_000.0, (double?)null), RollupTables.Project([(1_000, 100)], 10_000));

        // Rows doubled while dossiers quadrupled: b = 0.5, a table filling its key's combinations.
        var (rows, exponent) = RollupTables.Project([(10, 1), (1_000, 100), (4_000, 200)], 16_000);
        Assert.Equal(0.5, exponent!.Value, 9);
        Assert.Equal(400, rows, 6);
    }

    [GeneratedRegex(@"Dossiers in the ledger: ([\d,]+) before the sync, ([\d,]+) after it ran alone, ([\d,]+) after it ran with the readers")]
    private static partial Regex LedgerCounts();

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
