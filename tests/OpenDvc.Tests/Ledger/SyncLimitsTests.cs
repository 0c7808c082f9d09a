using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Sync;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

/// <summary>
/// Issue 14: one unit's key must not be able to take the server down or fill its disk. Every limit of a sync request is
/// checked before the work it bounds, answered 413/429 with a problem document, and a refused request stores nothing.
/// The app runs with a quarantine quota of <see cref="Quota"/> records a day so the quota can be reached here.
/// </summary>
public abstract class SyncLimitsTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    public const int Quota = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ByteArrayContent Ndjson(byte[] body, bool gzip = false)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return content;
    }

    private static byte[] Lines(IEnumerable<string> lines) => LedgerFiles.Ndjson(lines);

    [Fact]
    public async Task A_request_over_the_record_limit_is_refused_whole_and_stores_nothing()
    {
        var prefix = LedgerFiles.Prefix();
        using var hanoi = await App.ApiKeyClientAsync("01");
        var lines = new[] { LedgerFiles.Record($"{prefix}valid"), LedgerFiles.Broken($"{prefix}bad") }
            .Concat(Enumerable.Repeat("{}", new SyncOptions().MaxRecords));

        using var response = await hanoi.PostAsync("/api/v1/dossiers/sync", Ndjson(Lines(lines)), Ct);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "OD-SYNC-TOO-MANY-RECORDS");
        Assert.Empty(await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix))));
        Assert.Equal(0, await QuarantinedAsync(prefix));
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_for_its_ratio_after_its_first_mebibyte()
    {
        using var hanoi = await App.ApiKeyClientAsync("01");
        var bomb = LedgerFiles.Gzip(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{}\n", 1_000_000))));
        var newlines = new byte[20 << 20];
        Array.Fill(newlines, (byte)'\n');
        newlines = LedgerFiles.Gzip(newlines);

        using var records = await hanoi.PostAsync("/api/v1/dossiers/sync", Ndjson(bomb, gzip: true), Ct);
        using var blank = await hanoi.PostAsync("/api/v1/dossiers/sync", Ndjson(newlines, gzip: true), Ct);

        Assert.True(bomb.Length < 3_000_000 / 64, $"the bomb is {bomb.Length} bytes");
        await AssertProblemAsync(records, HttpStatusCode.RequestEntityTooLarge, "OD-SYNC-TOO-MANY-RECORDS");
        await AssertProblemAsync(blank, HttpStatusCode.RequestEntityTooLarge, "OD-SYNC-COMPRESSION-RATIO");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_with_content_length_and_chunked()
    {
        var prefix = LedgerFiles.Prefix();
        using var hanoi = await App.ApiKeyClientAsync("01");
        var limit = new SyncOptions().MaxBodyBytes;
        var body = Encoding.UTF8.GetBytes($"{{\"isUpdating\":false,\"data\":[{LedgerFiles.Record($"{prefix}1")}{string.Concat(Enumerable.Repeat(",{}", (int)(limit / 3) + 10))}]}}");
        var padded = $"{{\"MaHoSo\":\"{prefix}2\",\"GhiChu\":\"{new string('x', 100_000)}\"}}";
        var chunked = new StreamContent(new UnseekableStream(Lines(Enumerable.Repeat(padded, (int)(limit / padded.Length) + 2))));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");

        using var sized = await hanoi.PostAsync("/api/v1/dossiers/sync", new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, Ct);
        using var streamed = await hanoi.PostAsync("/api/v1/dossiers/sync", chunked, Ct);

        await AssertProblemAsync(sized, HttpStatusCode.RequestEntityTooLarge, "OD-SYNC-BODY-TOO-LARGE");
        await AssertProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "OD-SYNC-BODY-TOO-LARGE");
        Assert.Empty(await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix))));
    }

    [Fact]
    public async Task Invalid_utf8_is_refused_not_repaired_and_two_such_records_stay_two()
    {
        var prefix = LedgerFiles.Prefix();
        using var hanoi = await App.ApiKeyClientAsync("01");
        var record = LedgerFiles.Record($"{prefix}u8-A@");
        var body = new List<byte>();
        foreach (var wrong in new byte[] { 0xFF, 0xFE })
        {
            var bytes = Encoding.UTF8.GetBytes(record);
            bytes[Array.IndexOf(bytes, (byte)'@')] = wrong;
            body.AddRange(bytes);
            body.Add((byte)'\n');
        }

        var answer = await TestApp.ReadAsync<SyncAnswer>(await hanoi.PostAsync("/api/v1/dossiers/sync", Ndjson([.. body]), Ct));

        Assert.Equal((2L, 0L, 2L), (answer.Read, answer.Accepted, answer.Rejected));
        Assert.All(answer.Results, r => Assert.Equal("UTF8_INVALID", Assert.Single(r.Reasons).Code));
        Assert.Empty(await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix))));
        var kept = await QuarantinedTextsAsync(prefix.TrimEnd('-'));
        Assert.Equal(2, kept.Count);
        Assert.Contains(kept, t => t.Contains(@"u8-A\xFF", StringComparison.Ordinal));
        Assert.Contains(kept, t => t.Contains(@"u8-A\xFE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_long_refused_record_is_kept_as_its_beginning_with_its_length()
    {
        var prefix = LedgerFiles.Prefix();
        using var hcmc = await App.ApiKeyClientAsync("79");
        var padding = new string('x', 200_000);
        var line = $"{{\"MaHoSo\":\"{prefix}long\",\"MaDonVi\":\"79\",\"GhiChu\":\"{padding}\"";

        var answer = await TestApp.ReadAsync<SyncAnswer>(await hcmc.PostAsync("/api/v1/dossiers/sync", Ndjson(Lines([line])), Ct));

        Assert.Equal(1L, answer.Rejected);
        var kept = Assert.Single(await QuarantinedTextsAsync(prefix));
        Assert.True(kept.Length < QuarantinedRecord.MaxKeptChars + 100, $"kept {kept.Length} characters");
        Assert.EndsWith(string.Create(CultureInfo.InvariantCulture, $"[{line.Length:N0} characters in all]"), kept, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_units_daily_quarantine_quota_refused_records_are_answered_but_not_kept()
    {
        var prefix = LedgerFiles.Prefix();
        using var unit = await App.ApiKeyClientAsync("48");
        var broken = Enumerable.Range(0, Quota + 15).Select(i => LedgerFiles.Broken($"{prefix}{i}")).Append(LedgerFiles.Record($"{prefix}ok", unit: "48"));

        var answer = await TestApp.ReadAsync<SyncAnswer>(await unit.PostAsync("/api/v1/dossiers/sync", Ndjson(Lines(broken)), Ct));
        var again = await TestApp.ReadAsync<SyncAnswer>(await unit.PostAsync("/api/v1/dossiers/sync", Ndjson(Lines([LedgerFiles.Broken($"{prefix}late")])), Ct));

        Assert.Equal((Quota + 16L, 1L, Quota + 15L, 15L), (answer.Read, answer.Accepted, answer.Rejected, answer.NotKept));
        Assert.Equal(Quota, await QuarantinedAsync(prefix));
        Assert.Equal("QUARANTINE_QUOTA_EXCEEDED", again.Results.Single().Reasons[0].Code);
        Assert.Equal(1L, again.NotKept);
        Assert.Single(await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix))));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("message_vi").GetString()));
    }

    private async Task<int> QuarantinedAsync(string prefix) => (await QuarantinedTextsAsync(prefix)).Count;

    private async Task<List<string>> QuarantinedTextsAsync(string prefix)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return await db.Set<QuarantinedRecord>().Where(q => q.RawText.Contains(prefix)).Select(q => q.RawText).ToListAsync(Ct);
    }
}

public sealed class SmallQuotaSqliteApp : SqliteApp
{
    protected override string[]? Configuration => [$"--Ledger:Sync:QuarantinePerUnitPerDay={SyncLimitsTests<SqliteApp>.Quota}"];
}

public sealed class SmallQuotaPostgresApp(PostgresCluster cluster) : PostgresApp(cluster)
{
    protected override string[]? Configuration => [$"--Ledger:Sync:QuarantinePerUnitPerDay={SyncLimitsTests<SqliteApp>.Quota}"];
}

public sealed class SyncLimitsTestsOnSqlite(SmallQuotaSqliteApp fixture) : SyncLimitsTests<SmallQuotaSqliteApp>(fixture);

public sealed class SyncLimitsTestsOnPostgres(SmallQuotaPostgresApp fixture) : SyncLimitsTests<SmallQuotaPostgresApp>(fixture);
