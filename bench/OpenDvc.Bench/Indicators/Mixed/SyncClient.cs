using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.ApiKeys;
using OpenDvc.Ledger.Sync;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Units;

namespace OpenDvc.Bench.Indicators.Mixed;

/// <summary>What a paced sync achieved: records the server answered for, of them accepted, over the wall time.</summary>
public sealed record SyncRun(long Sent, long Read, long Accepted, long Requests, long Refused, TimeSpan Elapsed)
{
    public double RecordsPerSecond => Read / Math.Max(Elapsed.TotalSeconds, 1e-3);
}

/// <summary>
/// A one-stop system's sync over HTTP, as the real <c>POST /api/v1/dossiers/sync</c> (<see cref="SyncApi"/>) sees it:
/// simulated records, one request per unit with that unit's API key (a key writes only its own unit's dossiers),
/// NDJSON bodies. Paced: each <see cref="Window"/> of records at the rate goes out as one request per unit among
/// them (a few at a time, within the server's <see cref="SyncOptions"/> gate), then the client waits for the window's
/// end; a window whose requests take longer is followed at once, so a server that cannot keep up shows as fewer records/s.
/// </summary>
internal sealed class SyncClient(HttpClient http, IReadOnlyDictionary<string, string> keys)
{
    // Two requests of a unit at a time, eight in all (SyncOptions' defaults): four keeps clear of 429.
    private const int Parallel = 4;

    /// <summary>Records of this long go out together, one request per unit: units sync a batch every few seconds (decision 008).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>A key for every unit of the registry (issued as <c>opendvc keys issue</c> does).</summary>
    public static async Task<Dictionary<string, string>> IssueKeysAsync(WebApplication app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var administration = scope.ServiceProvider.GetRequiredService<ApiKeyAdministration>();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in await db.Set<Unit>().Select(u => u.Code).Distinct().ToListAsync(ct))
        {
            var (issued, refusal) = await administration.IssueAsync(unit, "bench sync", ct);
            keys[unit] = issued?.PlainText ?? throw new CliException(refusal!);
        }

        return keys;
    }

    /// <summary>
    /// Syncs the records of <paramref name="feed"/> (<paramref name="rate"/> × <paramref name="seconds"/> of them) at
    /// <paramref name="rate"/> a second: each window's records go out, then the client waits until the records sent so
    /// far are due at that rate.
    /// </summary>
    public async Task<SyncRun> RunAsync(TextReader feed, int rate, CancellationToken ct)
    {
        var total = new SyncRun(0, 0, 0, 0, 0, TimeSpan.Zero);
        var clock = Stopwatch.StartNew();
        while (await ReadAsync(feed, (int)(rate * Window.TotalSeconds), ct) is { Count: > 0 } lines)
        {
            total = Add(total, await SendAsync(lines, ct));
            var wait = TimeSpan.FromSeconds(total.Sent / (double)rate) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }
        }

        return total with { Elapsed = clock.Elapsed };
    }

    /// <summary>The next <paramref name="count"/> lines of the feed, fewer at its end.</summary>
    public static async Task<List<string>> ReadAsync(TextReader feed, int count, CancellationToken ct)
    {
        var lines = new List<string>(count);
        while (lines.Count < count && await feed.ReadLineAsync(ct) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>One request per unit among <paramref name="lines"/>; a record without a unit that has a key is not sent.</summary>
    public async Task<SyncRun> SendAsync(IReadOnlyList<string> lines, CancellationToken ct)
    {
        var byUnit = lines.Select(l => (Unit: UnitOf(l), Line: l))
            .Where(l => l.Unit is not null && keys.ContainsKey(l.Unit))
            .GroupBy(l => l.Unit!, StringComparer.Ordinal)
            .ToList();
        var total = new SyncRun(0, 0, 0, 0, 0, TimeSpan.Zero);
        var gate = new Lock();
        await System.Threading.Tasks.Parallel.ForEachAsync(byUnit, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct }, async (unit, token) =>
        {
            var (answer, refused) = await PostAsync(unit.Key, string.Join('\n', unit.Select(l => l.Line)) + "\n", token);
            lock (gate)
            {
                total = Add(total, new SyncRun(unit.Count(), answer?.Read ?? 0, answer?.Accepted ?? 0, 1, refused ? 1 : 0, TimeSpan.Zero));
            }
        });
        return total;
    }

    private async Task<(SyncAnswer? Answer, bool Refused)> PostAsync(string unit, string body, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dossiers/sync")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
            };
            request.Headers.Add("X-Api-Key", keys[unit]);
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 20)
            {
                // The gate is full for a moment: as a one-stop system would, send again shortly.
                await Task.Delay(50, ct);
                continue;
            }

            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<SyncAnswer>(ct), false)
                : (null, true);
        }
    }

    private static SyncRun Add(SyncRun a, SyncRun b) =>
        new(a.Sent + b.Sent, a.Read + b.Read, a.Accepted + b.Accepted, a.Requests + b.Requests, a.Refused + b.Refused, a.Elapsed + b.Elapsed);

    /// <summary>The record's <c>MaDonVi</c>, or null when it has none (a malformed record).</summary>
    private static string? UnitOf(string line)
    {
        try
        {
            using var record = JsonDocument.Parse(line);
            return record.RootElement.ValueKind == JsonValueKind.Object && record.RootElement.TryGetProperty("MaDonVi", out var unit) && unit.ValueKind == JsonValueKind.String
                ? unit.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
