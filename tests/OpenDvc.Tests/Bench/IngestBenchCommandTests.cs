using OpenDvc.Bench;
using OpenDvc.Bench.Ingest;

namespace OpenDvc.Tests.Bench;

/// <summary>
/// The <c>ingest</c> benchmark (issue 20) at a tiny size: the real <c>opendvc simulate</c> and <c>opendvc ingest</c>
/// processes against <c>sqlite3</c> and, when PostgreSQL's binaries are here, <c>psql</c>. It checks that the table
/// was written and that every process stored the file's rows, never its timings.
/// </summary>
public sealed class IngestBenchCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("opendvc-bench-ingest-test-").FullName;

    [Fact]
    public async Task Bench_ingest_compares_the_whole_ingest_process_with_the_users_tools_on_the_same_file()
    {
        var report = Path.Combine(directory, "benchmarks.md");
        await File.WriteAllTextAsync(report, $"# Benchmarks\n\n{IngestBenchCommand.Begin}\nold figures\n{IngestBenchCommand.End}\n\nMore text.\n", TestContext.Current.CancellationToken);

        var exit = await BenchProgram.Main(["ingest", "--dossiers", "1200", "--runs", "1", "--postgres", "default", "--output", report]);

        Assert.Equal(0, exit);
        var text = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("old figures", text, StringComparison.Ordinal);
        Assert.EndsWith(IngestBenchCommand.End + "\nMore text.\n", text, StringComparison.Ordinal);
        Assert.Contains("| database | process | median wall s |", text, StringComparison.Ordinal);
        var postgresHere = ThrowawayPostgres.Unavailable is null && ThrowawayPostgres.Psql is not null;
        var sqliteHere = ChildProcess.OnPath("sqlite3") is not null;
        var rows = text.Split('\n').Where(l => l.StartsWith("| SQLite |", StringComparison.Ordinal) || l.StartsWith("| PostgreSQL (default) |", StringComparison.Ordinal)).ToList();
        Assert.Equal(((sqliteHere ? 1 : 0) + (postgresHere ? 1 : 0)) * 3, rows.Count);

        // The bare tables hold every record of the file; the ledger holds the dossiers (later versions replace earlier ones).
        var stored = rows.Select(r => long.Parse(r.Split('|')[8].Trim(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(stored.Where((_, i) => i % 3 == 0), s => Assert.Equal(1200, s));
        Assert.All(stored.Where((_, i) => i % 3 != 0), s => Assert.InRange(s, 1000, 1200));
        Assert.Matches(@"\| `opendvc ingest`: first load \| [\d.]+ \| [\d,]+ \| [\d.]+ \| 1\.00 \| [\d,]+ \|", text);
        if (!postgresHere)
        {
            Assert.Contains("- Not run: PostgreSQL (default):", text, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
