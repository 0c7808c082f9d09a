using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenDvc.Accounts.Users;
using OpenDvc.Indicators.Headline;
using OpenDvc.Ledger;
using OpenDvc.Registry.Services;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Platform;
using OpenDvc.Tests.Registry;

namespace OpenDvc.Tests.Indicators;

/// <summary>Issue 17: the programme at a glance, recomputed by hand, and the declared portal statistics beside it.</summary>
public abstract class HeadlineTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private const string Header = "month,metric,value,source,source_date";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Headline_figures_equal_a_recomputation_from_the_dossiers_and_the_registry()
    {
        await IndicatorData.EnsureAsync(App);
        using var anonymous = App.Anonymous();

        var headline = await TestApp.ReadAsync<HeadlineFigures>(await anonymous.GetAsync("/api/v1/indicators/headline?period=2023", Ct));

        var dossiers = await LedgerData.DossiersAsync(App, q => q.Where(d => d.OriginalCode == null && d.ReceivedMonth >= 202301 && d.ReceivedMonth <= 202312));
        var registry = await IndicatorData.RegistryAsync(App);
        var day = new DateOnly(2023, 12, 31);
        var offered = registry.Services.Where(s => s.OnlineSince <= day).ToList();
        bool FullProcess(OnlineService s) => s.Level == ServiceLevel.FullProcess && (s.FullProcessSince == null || s.FullProcessSince <= day);
        var services = offered.GroupBy(s => s.ProcedureCode).ToList();
        Assert.Equal(services.Count, headline.Services);
        Assert.True(headline.Services < headline.Offerings, "a procedure offered by two units is one service");
        Assert.Equal(services.Count(g => g.Any(FullProcess)), headline.ServicesFullProcess);
        Assert.Equal(headline.Services, headline.ServicesFullProcess + headline.ServicesPartial);
        Assert.Equal(offered.Count, headline.Offerings);
        Assert.Equal(offered.Count(FullProcess), headline.OfferingsFullProcess);
        Assert.Equal(dossiers.Count, headline.SyncedDossiers);
        Assert.Equal(dossiers.Count(d => d.Channel is DossierChannel.OnlineRemote or DossierChannel.OnlineAssisted), headline.OnlineDossiers);
        Assert.Equal(dossiers.Count(d => d.PaidOnline > 0), headline.OnlinePayments);
        Assert.Equal(dossiers.Where(d => d.PaidOnline > 0).Sum(d => d.Fee), headline.OnlinePaymentsAmount);
        Assert.Equal("2023", headline.Period);
        Assert.NotNull(headline.DataAsOf);
        Assert.NotNull(headline.FullProcessRate);
    }

    [Fact]
    public async Task The_dashboard_dates_its_figures_and_marks_declared_ones()
    {
        using var anonymous = App.Anonymous();

        var page = await anonymous.GetStringAsync("/dashboard?period=2023", Ct);

        Assert.Contains("id=\"data-as-of\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"card-services\"", page, StringComparison.Ordinal);
        Assert.Contains("data-metric=\"accounts\"", page, StringComparison.Ordinal);
        Assert.Contains(DemoDeclaredStatistics.Source, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declared_statistics_with_bad_rows_are_refused_whole_with_a_code_for_each_cell()
    {
        using var admin = await App.SignInAsync("declared-admin", Roles.Admin);
        var file = RegistryImportApiTests<TFixture>.CsvBytes(
            Header,
            "2031-01,accounts,100,Cổng DVCQG,2031-02-05",
            "2031-13,accounts,100,Cổng DVCQG,2031-02-05",
            "2031-02,visitors,100,Cổng DVCQG,2031-03-05",
            "2031-03,call_centre_calls,-4,Cổng DVCQG,2031-04-05",
            "2031-04,call_centre_calls,4,,2031-05-05",
            "2031-05,call_centre_calls,4,Cổng DVCQG,2031-04-30",
            "2031-01,accounts,120,Cổng DVCQG,2031-02-05");

        using var response = await admin.PostAsync("/api/v1/indicators/declared/import", RegistryImportApiTests<TFixture>.Upload(file, "declared.csv"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var codes = await CodesAsync(response);
        Assert.Equal(
            ["OD-DECLARED-MONTH-INVALID", "OD-DECLARED-METRIC-UNKNOWN", "OD-DECLARED-VALUE-INVALID", "OD-DECLARED-SOURCE-MISSING", "OD-DECLARED-DATE-BEFORE-MONTH", "OD-DECLARED-DUPLICATE"],
            codes);
        Assert.Empty(await SeriesAsync(admin, "2031"));
    }

    [Fact]
    public async Task A_month_imported_again_replaces_its_figures_and_never_adds_to_them()
    {
        using var admin = await App.SignInAsync("declared-admin", Roles.Admin);
        using var anonymous = App.Anonymous();
        var first = RegistryImportApiTests<TFixture>.CsvBytes(Header, "2032-01,accounts,100,Cổng DVCQG,2032-02-05", "2032-01,call_centre_calls,5,Cổng DVCQG,2032-02-05");
        var again = RegistryImportApiTests<TFixture>.CsvBytes(Header, "2032-01,accounts,250,Cổng DVCQG (sửa),2032-02-10");

        var created = await TestApp.ReadAsync<OpenDvc.Registry.Transfer.ImportReport>(await admin.PostAsync("/api/v1/indicators/declared/import", RegistryImportApiTests<TFixture>.Upload(first, "d.csv"), Ct));
        var replaced = await TestApp.ReadAsync<OpenDvc.Registry.Transfer.ImportReport>(await admin.PostAsync("/api/v1/indicators/declared/import", RegistryImportApiTests<TFixture>.Upload(again, "d.csv"), Ct));
        var headline = await TestApp.ReadAsync<HeadlineFigures>(await anonymous.GetAsync("/api/v1/indicators/headline?period=2032-01", Ct));

        Assert.Equal((2, 0), (created.Created, created.Updated));
        Assert.Equal((0, 1), (replaced.Created, replaced.Updated));
        var row = Assert.Single(await SeriesAsync(admin, "2032-01"));
        Assert.Equal((DeclaredMetric.Accounts, 250L, "Cổng DVCQG (sửa)"), (row.Metric, row.Value, row.Source));
        var accounts = Assert.Single(headline.Declared);
        Assert.Equal(("accounts", 250L), (accounts.Metric, accounts.Value));
    }

    [Fact]
    public async Task Only_admins_declare_a_month_and_a_flow_sums_over_the_period()
    {
        using var admin = await App.SignInAsync("declared-admin", Roles.Admin);
        using var focal = await App.SignInAsync("declared-focal", Roles.FocalPoint, "01");
        DeclaredInput[] Calls(long value) => [new("call_centre_calls", value, "Tổng đài 18001096", new DateOnly(2033, 12, 31))];

        using var refused = await focal.PutAsJsonAsync("/api/v1/indicators/declared/2033-01", Calls(10), Json.Options, Ct);
        (await admin.PutAsJsonAsync("/api/v1/indicators/declared/2033-01", Calls(10), Json.Options, Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/indicators/declared/2033-02", Calls(32), Json.Options, Ct)).EnsureSuccessStatusCode();
        var headline = await TestApp.ReadAsync<HeadlineFigures>(await admin.GetAsync("/api/v1/indicators/headline?period=2033-Q1", Ct));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var calls = Assert.Single(headline.Declared);
        Assert.Equal((42L, 2, 3), (calls.Value, calls.Months, calls.MonthsInPeriod));
    }

    private static async Task<List<DeclaredStatistic>> SeriesAsync(HttpClient client, string period) =>
        await TestApp.ReadAsync<List<DeclaredStatistic>>(await client.GetAsync($"/api/v1/indicators/declared?period={period}", Ct));

    private static async Task<List<string>> CodesAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();
    }
}

public sealed class HeadlineTestsOnSqlite(SqliteApp fixture) : HeadlineTests<SqliteApp>(fixture);

public sealed class HeadlineTestsOnPostgres(PostgresApp fixture) : HeadlineTests<PostgresApp>(fixture);
