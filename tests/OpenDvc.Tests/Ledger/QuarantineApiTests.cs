using System.Net;
using System.Text;
using OpenDvc.Accounts.Users;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Sync;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Procedures;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

public abstract class QuarantineApiTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static StringContent Ndjson(params string[] records) =>
        new(string.Join('\n', records) + "\n", Encoding.UTF8, "application/x-ndjson");

    private static async Task<List<QuarantineView>> ListAsync(HttpClient client, string query = "")
    {
        var page = await TestApp.ReadAsync<Page<QuarantineView>>(await client.GetAsync($"/api/v1/quarantine?limit=500{query}", TestContext.Current.CancellationToken));
        return [.. page.Items];
    }

    [Fact]
    public async Task Staff_see_every_units_quarantine_and_a_units_key_or_focal_point_only_its_own()
    {
        var prefix = LedgerFiles.Prefix();
        using var hanoi = await App.ApiKeyClientAsync("01");
        using var hcmc = await App.ApiKeyClientAsync("79");
        await hanoi.PostAsync("/api/v1/dossiers/sync", Ndjson(LedgerFiles.Broken($"{prefix}a")), TestContext.Current.CancellationToken);
        await hcmc.PostAsync("/api/v1/dossiers/sync", Ndjson(LedgerFiles.Broken($"{prefix}b")), TestContext.Current.CancellationToken);
        using var viewer = await App.SignInAsync("viewer-q", Roles.Viewer);
        using var focal = await App.SignInAsync("focal-q-79", Roles.FocalPoint, "79");

        var seenByStaff = (await ListAsync(viewer)).Where(q => q.RawText.Contains(prefix, StringComparison.Ordinal)).ToList();
        var seenByKey = (await ListAsync(hanoi)).Where(q => q.RawText.Contains(prefix, StringComparison.Ordinal)).ToList();
        var forbidden = await focal.GetAsync("/api/v1/quarantine?unit=01", TestContext.Current.CancellationToken);

        Assert.Equal(["01", "79"], seenByStaff.Select(q => q.UnitCode).Order());
        var own = Assert.Single(seenByKey);
        Assert.Equal("01", own.UnitCode);
        Assert.Equal(LedgerFiles.Broken($"{prefix}a"), own.RawText);
        Assert.Equal("JSON_MALFORMED", Assert.Single(own.Reasons).Code);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Replay_stores_a_record_once_the_catalog_knows_its_procedure()
    {
        var prefix = LedgerFiles.Prefix();
        var procedure = "9." + prefix[1..8];
        using var hanoi = await App.ApiKeyClientAsync("01");
        var record = LedgerFiles.Record($"{prefix}1").Replace(LedgerFiles.Procedure, procedure, StringComparison.Ordinal);
        var first = await TestApp.ReadAsync<SyncAnswer>(await hanoi.PostAsync("/api/v1/dossiers/sync", Ndjson(record), TestContext.Current.CancellationToken));
        Assert.Equal("rejected", Assert.Single(first.Results).Outcome);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            db.Set<Procedure>().Add(new Procedure { Code = procedure, Name = "Thủ tục mới", Field = "Thử nghiệm", ManagingUnitCode = "BTP", StatutoryTime = 5, TimeUnit = ProcessingTimeUnit.WorkingDays });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var replay = await TestApp.ReadAsync<ReplaySummary>(await hanoi.PostAsync("/api/v1/quarantine/replay", null, TestContext.Current.CancellationToken));

        Assert.True(replay.Replayed >= 1);
        Assert.Single(await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code == $"{prefix}1")));
        var closed = (await ListAsync(hanoi, "&status=Replayed")).Single(q => q.DossierCode == $"{prefix}1");
        Assert.Equal(QuarantineStatus.Replayed, closed.Status);
        Assert.DoesNotContain(await ListAsync(hanoi, "&status=Open"), q => q.DossierCode == $"{prefix}1");
        Assert.Empty(await LedgerData.VerifyAsync(App));
    }

    [Fact]
    public async Task Export_downloads_the_units_records_as_csv_with_codes_and_raw_text()
    {
        var prefix = LedgerFiles.Prefix();
        using var hanoi = await App.ApiKeyClientAsync("01");
        await hanoi.PostAsync("/api/v1/dossiers/sync", Ndjson(LedgerFiles.Broken($"{prefix}x")), TestContext.Current.CancellationToken);

        var response = await hanoi.GetAsync("/api/v1/quarantine/export?format=csv", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("JSON_MALFORMED", csv, StringComparison.Ordinal);
        Assert.Contains(prefix + "x", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",79,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quarantine_page_shows_a_focal_point_only_its_units_records_and_sends_strangers_to_sign_in()
    {
        var prefix = LedgerFiles.Prefix();
        using var hanoi = await App.ApiKeyClientAsync("01");
        using var hcmc = await App.ApiKeyClientAsync("79");
        await hanoi.PostAsync("/api/v1/dossiers/sync", Ndjson(LedgerFiles.Broken($"{prefix}own")), TestContext.Current.CancellationToken);
        await hcmc.PostAsync("/api/v1/dossiers/sync", Ndjson(LedgerFiles.Broken($"{prefix}other")), TestContext.Current.CancellationToken);
        using var focal = await App.SignInAsync("focal-page-01", Roles.FocalPoint, "01");
        using var stranger = App.Anonymous();

        var page = await focal.GetStringAsync("/quarantine?limit=500", TestContext.Current.CancellationToken);
        var anonymous = await stranger.GetAsync("/quarantine", TestContext.Current.CancellationToken);

        Assert.Contains($"{prefix}own", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"{prefix}other", page, StringComparison.Ordinal);
        Assert.Contains("JSON_MALFORMED", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}

public sealed class QuarantineApiTestsOnSqlite(SqliteApp fixture) : QuarantineApiTests<SqliteApp>(fixture);

public sealed class QuarantineApiTestsOnPostgres(PostgresApp fixture) : QuarantineApiTests<PostgresApp>(fixture);
