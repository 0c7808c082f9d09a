using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

/// <summary>
/// Crash safety (issue 3): the real <c>opendvc</c> program, as a child process, is killed with SIGKILL in the middle
/// of an ingest; a rerun on the whole file must store every record exactly once, and verify must pass.
/// </summary>
public abstract class LedgerCrashTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private const int Valid = 3000;
    private const int Broken = 30;

    [Fact]
    public async Task Ingest_killed_mid_file_then_rerun_stores_every_record_exactly_once()
    {
        var prefix = LedgerFiles.Prefix();
        var lines = Enumerable.Range(0, Valid).Select(i => LedgerFiles.Record($"{prefix}{i}"))
            .Concat(Enumerable.Range(0, Broken).Select(i => LedgerFiles.Broken($"{prefix}bad{i}")))
            .OrderBy(line => line.GetHashCode(StringComparison.Ordinal))
            .ToList();
        var path = Path.Combine(Path.GetTempPath(), $"opendvc-crash-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllBytesAsync(path, LedgerFiles.Ndjson(lines), TestContext.Current.CancellationToken);
        var database = App.Services.GetRequiredService<DatabaseSettings>().ConnectionString;
        try
        {
            // Fed through standard input, so the first run cannot finish before it is killed.
            using (var first = Start("ingest", "-", "--batch-size", "100", "--database", database))
            {
                var feeding = FeedAsync(first, lines.Take(Valid / 2));
                while (await CountAsync(prefix) == 0)
                {
                    Assert.False(first.HasExited, "the first ingest ended before it stored a batch");
                    await Task.Delay(50, TestContext.Current.CancellationToken);
                }

                first.Kill();
                await first.WaitForExitAsync(TestContext.Current.CancellationToken);
                await feeding;
            }

            var survived = await CountAsync(prefix);
            Assert.InRange(survived, 1, Valid - 1);

            var (exit, output) = await RunAsync("ingest", path, "--batch-size", "100", "--database", database);

            Assert.True(exit == 0, output);
            Assert.Contains(
                string.Create(CultureInfo.InvariantCulture, $"read {Valid + Broken:N0} = accepted {Valid - survived:N0} + unchanged {survived:N0} + stale 0 + quarantined {Broken}"),
                output,
                StringComparison.Ordinal);
            Assert.Equal(Valid, await CountAsync(prefix));
            Assert.Equal(Valid, await AcceptedInQualityAsync());
            var (verified, report) = await RunAsync("verify", "--database", database);
            Assert.True(verified == 0, report);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The data-quality counters are written in each batch's transaction: a killed batch is not counted, so every record is accepted once in them too.</summary>
    private async Task<long> AcceptedInQualityAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return await db.Set<OpenDvc.Ledger.Quality.LedgerQualityDay>().SumAsync(q => q.Accepted, TestContext.Current.CancellationToken);
    }

    private async Task<int> CountAsync(string prefix) => (await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix)))).Count;

    private static async Task FeedAsync(Process child, IEnumerable<string> lines)
    {
        try
        {
            foreach (var line in lines)
            {
                await child.StandardInput.WriteLineAsync(line);
            }

            await child.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
            // The child was killed while we were still writing: that is the point.
        }
    }

    private static Process Start(params string[] args) => OpenDvcProcess.Start(args);

    private static Task<(int Exit, string Output)> RunAsync(params string[] args) => OpenDvcProcess.RunAsync(args);
}

public sealed class LedgerCrashTestsOnSqlite(SqliteApp fixture) : LedgerCrashTests<SqliteApp>(fixture);

public sealed class LedgerCrashTestsOnPostgres(PostgresApp fixture) : LedgerCrashTests<PostgresApp>(fixture);
