using System.Net;
using System.Net.Http.Json;
using OpenDvc.Accounts.Users;
using OpenDvc.Indicators.Editions;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Storage;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

public abstract class EditionsApiTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_publishes_an_edition_that_does_not_move_when_late_dossiers_arrive()
    {
        await IndicatorData.EnsureAsync(App);
        using var admin = await App.SignInAsync("editions-admin", Roles.Admin);
        using var anonymous = App.Anonymous();

        var published = await TestApp.ReadAsync<EditionView>(await admin.PostAsJsonAsync("/api/v1/indicators/editions", new { period = "2023-Q1" }, Ct));
        var live = await LiveDossiersOfHanoiAsync(anonymous);
        await LedgerData.WriteAsync(App, Enumerable.Range(0, 5).Select(i => LedgerData.Entry(LateArrival($"EDITION-LATE-{i}"), i + 1)).ToList());
        var liveAfter = await LiveDossiersOfHanoiAsync(anonymous);
        var readBack = await TestApp.ReadAsync<EditionView>(await anonymous.GetAsync($"/api/v1/indicators/editions/{published.Id}", Ct));
        var list = await TestApp.ReadAsync<List<EditionView>>(await anonymous.GetAsync("/api/v1/indicators/editions", Ct));

        Assert.Equal("2023-Q1", published.Period);
        Assert.Equal("editions-admin", published.PublishedBy);
        Assert.Contains("2.1 v1", published.DefinitionVersions, StringComparison.Ordinal);
        Assert.Equal(86, readBack.Rows!.Count);
        Assert.Equal(live + 5, liveAfter);
        Assert.Equal(
            published.Rows!.Select(r => (r.Unit, r.Rank, r.Index.Points)),
            readBack.Rows.Select(r => (r.Unit, r.Rank, r.Index.Points)));
        Assert.Contains(list, e => e.Id == published.Id && e.Rows is null);
    }

    [Fact]
    public async Task Only_admins_publish_and_a_bad_period_is_refused()
    {
        using var viewer = await App.SignInAsync("editions-viewer", Roles.Viewer);
        using var admin = await App.SignInAsync("editions-admin-2", Roles.Admin);
        using var anonymous = App.Anonymous();

        var asViewer = await viewer.PostAsJsonAsync("/api/v1/indicators/editions", new { period = "2023" }, Ct);
        var badPeriod = await admin.PostAsJsonAsync("/api/v1/indicators/editions", new { period = "2023-Q9" }, Ct);
        var unknown = await anonymous.GetAsync("/api/v1/indicators/editions/999999", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<long> LiveDossiersOfHanoiAsync(HttpClient client) =>
        (await TestApp.ReadAsync<OpenDvc.Indicators.Calculation.IndicatorsView>(await client.GetAsync("/api/v1/indicators?period=2023-Q1&unit=01", Ct))).Totals.Dossiers;

    private static Dossier LateArrival(string code)
    {
        var dossier = new Dossier
        {
            Code = code,
            UnitCode = "01",
            ProcedureCode = IndicatorData.AllLate,
            ReceivedMonth = 202302,
            Channel = DossierChannel.Direct,
            ApplicantType = ApplicantType.Citizen,
            Status = DossierStatus.Returned,
            Clock = ClockBucket.Late,
            ProcessingMinutes = 40 * 1440,
            ReceivedAt = new DateTimeOffset(2023, 2, 10, 9, 0, 0, TimeSpan.FromHours(7)),
            UpdatedAt = new DateTimeOffset(2023, 5, 10, 9, 0, 0, TimeSpan.FromHours(7)),
        };
        dossier.ContentHash = DossierColumns.Hash(dossier);
        return dossier;
    }
}

public sealed class EditionsApiTestsOnSqlite(SqliteApp fixture) : EditionsApiTests<SqliteApp>(fixture);

public sealed class EditionsApiTestsOnPostgres(PostgresApp fixture) : EditionsApiTests<PostgresApp>(fixture);
