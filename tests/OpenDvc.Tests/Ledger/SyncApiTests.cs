using System.Net;
using System.Text;
using OpenDvc.Ledger.Sync;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

public abstract class SyncApiTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static StringContent Envelope(params string[] records) =>
        new($"{{\"isUpdating\":false,\"data\":[{string.Join(',', records)}]}}", Encoding.UTF8, "application/json");

    private static StringContent Ndjson(params string[] records) =>
        new(string.Join('\n', records) + "\n", Encoding.UTF8, "application/x-ndjson");

    [Fact]
    public async Task A_units_key_stores_its_own_dossiers_and_each_record_gets_its_outcome()
    {
        var prefix = LedgerFiles.Prefix();
        using var hanoi = await App.ApiKeyClientAsync("01");
        var unknownProcedure = LedgerFiles.Record($"{prefix}3").Replace(LedgerFiles.Procedure, "9.999999", StringComparison.Ordinal);

        var answer = await TestApp.ReadAsync<SyncAnswer>(await hanoi.PostAsync(
            "/api/v1/dossiers/sync?outcomes=all",
            Envelope(LedgerFiles.Record($"{prefix}1"), LedgerFiles.Record($"{prefix}2", unit: "79"), unknownProcedure),
            TestContext.Current.CancellationToken));

        Assert.Equal((3L, 1L, 2L), (answer.Read, answer.Accepted, answer.Rejected));
        Assert.Equal(["accepted", "rejected", "rejected"], answer.Results.Select(r => r.Outcome));
        Assert.Equal($"{prefix}1", answer.Results[0].DossierCode);
        Assert.Equal("UNIT_NOT_ALLOWED:MaDonVi", Assert.Single(answer.Results[1].Reasons).Code);
        Assert.Contains(answer.Results[2].Reasons, r => r.Code.StartsWith("PROCEDURE_UNKNOWN", StringComparison.Ordinal) && r.MessageVi.Length > 0 && r.MessageEn.Length > 0);
        Assert.Equal([$"{prefix}1"], (await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix)))).Select(d => d.Code));
    }

    [Fact]
    public async Task An_ndjson_resend_is_unchanged_and_an_older_version_is_stale()
    {
        var prefix = LedgerFiles.Prefix();
        using var hanoi = await App.ApiKeyClientAsync("01");
        await hanoi.PostAsync("/api/v1/dossiers/sync", Ndjson(LedgerFiles.Record($"{prefix}1", version: 3)), TestContext.Current.CancellationToken);

        var answer = await TestApp.ReadAsync<SyncAnswer>(await hanoi.PostAsync(
            "/api/v1/dossiers/sync?outcomes=all",
            Ndjson(LedgerFiles.Record($"{prefix}1", version: 3), LedgerFiles.Record($"{prefix}1", version: 1)),
            TestContext.Current.CancellationToken));

        Assert.Equal(["unchanged", "stale"], answer.Results.Select(r => r.Outcome));
    }

    [Fact]
    public async Task By_default_the_answer_counts_every_record_and_lists_only_the_rejected_ones()
    {
        var prefix = LedgerFiles.Prefix();
        using var hanoi = await App.ApiKeyClientAsync("01");
        var records = Enumerable.Range(0, 50).Select(i => LedgerFiles.Record($"{prefix}{i}")).Append(LedgerFiles.Broken($"{prefix}bad")).ToArray();

        var answer = await TestApp.ReadAsync<SyncAnswer>(await hanoi.PostAsync("/api/v1/dossiers/sync", Ndjson(records), TestContext.Current.CancellationToken));

        Assert.Equal((51L, 50L, 1L, 0L), (answer.Read, answer.Accepted, answer.Rejected, answer.NotKept));
        var rejected = Assert.Single(answer.Results);
        Assert.Equal(("rejected", 51L), (rejected.Outcome, rejected.Line));
    }

    [Fact]
    public async Task Another_units_key_cannot_take_over_a_stored_dossier_code()
    {
        var prefix = LedgerFiles.Prefix();
        using var hanoi = await App.ApiKeyClientAsync("01");
        using var hcmc = await App.ApiKeyClientAsync("79");
        await hanoi.PostAsync("/api/v1/dossiers/sync", Envelope(LedgerFiles.Record($"{prefix}1")), TestContext.Current.CancellationToken);

        var answer = await TestApp.ReadAsync<SyncAnswer>(await hcmc.PostAsync(
            "/api/v1/dossiers/sync", Envelope(LedgerFiles.Record($"{prefix}1", version: 9, unit: "79")), TestContext.Current.CancellationToken));

        var result = Assert.Single(answer.Results);
        Assert.Equal("rejected", result.Outcome);
        Assert.Equal("DOSSIER_OWNED_BY_OTHER_UNIT:MaHoSo", Assert.Single(result.Reasons).Code);
        Assert.Equal("01", Assert.Single(await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix)))).UnitCode);
    }

    [Fact]
    public async Task Sync_without_a_key_is_refused_and_an_unknown_media_type_is_a_problem()
    {
        using var anonymous = App.Anonymous();
        using var hanoi = await App.ApiKeyClientAsync("01");

        var refused = await anonymous.PostAsync("/api/v1/dossiers/sync", Envelope(), TestContext.Current.CancellationToken);
        var wrongType = await hanoi.PostAsync("/api/v1/dossiers/sync", new StringContent("x", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Contains("OD-SYNC-MEDIA-TYPE", await wrongType.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}

public sealed class SyncApiTestsOnSqlite(SqliteApp fixture) : SyncApiTests<SqliteApp>(fixture);

public sealed class SyncApiTestsOnPostgres(PostgresApp fixture) : SyncApiTests<PostgresApp>(fixture);
