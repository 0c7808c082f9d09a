using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

/// <summary>
/// Issue 14: the real server, as its own process, on SQLite, fed what a hostile or broken one-stop system could send.
/// Its memory is read from /proc, and <c>/healthz</c> is asked all along. Stated bound: the server's peak resident memory
/// while the payloads are sent stays within <see cref="MemoryBound"/> of what it held before them (docs/security.md).
/// </summary>
public sealed class SyncHostileInputTests : IAsyncLifetime
{
    private const long MemoryBound = 200L << 20;

    /// <summary>What a payload may be answered: taken, malformed envelope or headers, too large, wrong media type.</summary>
    private static readonly int[] Expected = [200, 400, 413, 415];

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"opendvc-hostile-{Guid.NewGuid():N}");
    private readonly StringBuilder serverOutput = new();
    private Process? server;
    private HttpClient? client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Process Server => server!;

    private HttpClient Client => client!;

    private string Database => Path.Combine(directory, "opendvc.db");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        var port = OpenDvcProcess.FreePort();
        server = OpenDvcProcess.Start(
            ["serve", "--demo", "--database", Database, "--urls", $"http://127.0.0.1:{port}"],
            serverOutput,
            new Dictionary<string, string>
            {
                ["Ledger__DemoDossiers"] = "0",
                ["Indicators__WarmDashboardEvery"] = "00:00:00",
                ["DataChanges__PollInterval"] = "00:00:00",
            });
        client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        var started = Stopwatch.StartNew();
        while (!await HealthyAsync())
        {
            Assert.False(server.HasExited, $"the server ended: {serverOutput}");
            Assert.True(started.Elapsed < TimeSpan.FromMinutes(3), $"the server did not answer /healthz: {serverOutput}");
            await Task.Delay(250, Ct);
        }

        var (exit, output) = await OpenDvcProcess.RunAsync("keys", "issue", "01", "--database", Database);
        Assert.True(exit == 0, output);
        client.DefaultRequestHeaders.Add("X-Api-Key", output.Trim().Split('\n')[^1].Trim());
    }

    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        if (server is { HasExited: false })
        {
            server.Kill();
            await server.WaitForExitAsync();
        }

        server?.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the ending server: the temporary folder is cleaned by the system.
        }
    }

    [Fact]
    public async Task The_three_payloads_that_took_the_server_down_are_refused_within_the_memory_bound()
    {
        await WarmUpAsync();
        var ones = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{}\n", 100_000)));
        var bomb = LedgerFiles.Gzip(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{}\n", 1_000_000))));
        var envelope = new StringBuilder("{\"isUpdating\":false,\"data\":[{}");
        envelope.Insert(envelope.Length, ",{}", 6_000_000).Append("]}");
        var big = Encoding.ASCII.GetBytes(envelope.ToString());

        var (answers, peak, health) = await WhileWatchedAsync<List<(HttpStatusCode Status, string? Code)>>(async () =>
        [
            await SendAsync(ones, "application/x-ndjson"),
            await SendAsync(bomb, "application/x-ndjson", gzip: true),
            await SendAsync(big, "application/json"),
        ]);

        Assert.Equal([HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge], answers.Select(a => a.Status));
        Assert.All(answers, a => Assert.StartsWith("OD-SYNC-", a.Code, StringComparison.Ordinal));
        Assert.True(peak < MemoryBound, $"the server's memory grew by {peak >> 20} MiB");
        Assert.True(health.Failures == 0 && health.Answers > 0, $"/healthz: {health.Answers} answers, {health.Failures} failures");
    }

    [Fact]
    public async Task Fuzzed_sync_payloads_never_fail_the_server_nor_pass_its_memory_bound()
    {
        await WarmUpAsync();
        var seed = Environment.TickCount;
        var fuzz = new SyncFuzz(seed);

        var (answers, peak, health) = await WhileWatchedAsync(async () =>
        {
            var all = new List<(HttpStatusCode Status, string? Code)>();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 400 && clock.Elapsed < TimeSpan.FromSeconds(60); i++)
            {
                var (body, mediaType, gzip) = fuzz.Next();
                all.Add(await SendAsync(body, mediaType, gzip));
            }

            return all;
        });

        Assert.True(answers.Count >= 50, $"only {answers.Count} payloads were sent (seed {seed})");
        var failed = answers.Where(a => (int)a.Status >= 500).ToList();
        Assert.True(failed.Count == 0, $"seed {seed}: {failed.Count} answers of 5xx, first {failed.FirstOrDefault()}; {serverOutput}");
        Assert.All(answers, a => Assert.Contains((int)a.Status, Expected));
        Assert.True(peak < MemoryBound, $"seed {seed}: the server's memory grew by {peak >> 20} MiB");
        Assert.True(health.Failures == 0, $"seed {seed}: /healthz failed {health.Failures} times");
        var (verified, report) = await OpenDvcProcess.RunAsync("verify", "--database", Database);
        Assert.True(verified == 0, $"seed {seed}: {report}");
    }

    private async Task<bool> HealthyAsync()
    {
        try
        {
            using var response = await Client.GetAsync("/healthz", Ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>One valid record first, so the sync path, the catalog and the database are warm before memory is measured.</summary>
    private async Task WarmUpAsync()
    {
        var (status, code) = await SendAsync(LedgerFiles.Ndjson([LedgerFiles.Record(LedgerFiles.Prefix() + "warm")]), "application/x-ndjson");
        Assert.True(status == HttpStatusCode.OK, $"{status} {code}: {serverOutput}");
    }

    /// <summary>Runs <paramref name="work"/> while /healthz is asked every 100 ms; the server's peak memory above its start, and how /healthz fared.</summary>
    private async Task<(T Result, long PeakGrowth, (int Answers, int Failures) Health)> WhileWatchedAsync<T>(Func<Task<T>> work)
    {
        var before = OpenDvcProcess.Memory(Server).Resident;
        OpenDvcProcess.ResetPeakMemory(Server);
        using var stop = new CancellationTokenSource();
        var health = WatchHealthAsync(stop.Token);
        var result = await work();
        await stop.CancelAsync();
        var peak = OpenDvcProcess.Memory(Server).Peak;
        return (result, peak - before, await health);
    }

    private async Task<(int Answers, int Failures)> WatchHealthAsync(CancellationToken stop)
    {
        using var watcher = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var (answers, failures) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await watcher.GetAsync("/healthz", CancellationToken.None);
                (answers, failures) = response.IsSuccessStatusCode ? (answers + 1, failures) : (answers, failures + 1);
            }
            catch (HttpRequestException)
            {
                failures++;
            }
            catch (TaskCanceledException)
            {
                failures++;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return (answers, failures);
    }

    private async Task<(HttpStatusCode Status, string? Code)> SendAsync(byte[] body, string mediaType, bool gzip = false)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        using var response = await Client.PostAsync("/api/v1/dossiers/sync", content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(text);
            code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }

        return (response.StatusCode, code);
    }
}
