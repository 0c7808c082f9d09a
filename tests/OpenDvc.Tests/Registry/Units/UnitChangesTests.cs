using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Transfer;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Registry.Units;

/// <summary>The app with a clock the test moves: 10:00 in Hà Nội on 15 August 2026 until a test says otherwise.</summary>
public sealed class UnitClockSqliteApp : SqliteApp
{
    public static readonly DateTimeOffset Start = new(2026, 8, 15, 3, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override TimeProvider? Time => Clock;
}

public sealed class UnitClockPostgresApp(PostgresCluster cluster) : PostgresApp(cluster)
{
    public FakeTimeProvider Clock { get; } = new(UnitClockSqliteApp.Start);

    protected override TimeProvider? Time => Clock;
}

/// <summary>Admins record future changes of the registry (issue 15): nothing moves before the day, a bad file writes nothing.</summary>
public abstract class UnitChangesTests<TFixture>(TFixture fixture, FakeTimeProvider clock) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeTimeProvider Clock => clock;

    [Fact]
    public async Task A_merger_recorded_for_a_future_date_changes_nothing_until_that_date()
    {
        using var admin = await App.SignInAsync("timeline-admin", "admin");
        using var langSon = await App.ApiKeyClientAsync("20");
        using var anonymous = App.Anonymous();
        var prefix = Ledger.LedgerFiles.Prefix();
        var day = new DateOnly(2026, 10, 1);
        UnitChange[] changes =
        [
            new(day, UnitChangeKind.Merger, "20", "22"),
            new(day, UnitChangeKind.Version, "22", Kind: UnitKind.Province, Name: "Tỉnh Quảng Ninh - Lạng Sơn", ShortName: "Quảng Ninh - Lạng Sơn", Region: "Đông Bắc"),
        ];

        var recorded = await admin.PostAsJsonAsync("/api/v1/units/changes", new UnitChangesInput(changes), Json.Options, Ct);
        var before = await UnitsAsync(anonymous, "");
        var merging = await TestApp.ReadAsync<UnitView>(await anonymous.GetAsync("/api/v1/units/20", Ct));
        var syncBefore = await UnitTimelineTests<TFixture>.SyncAsync(langSon, UnitTimelineTests<TFixture>.Received($"{prefix}a", "20", new DateOnly(2026, 8, 15)));
        Clock.SetUtcNow(new DateTimeOffset(2026, 10, 1, 0, 30, 0, TimeSpan.FromHours(7)).ToUniversalTime());
        var after = await UnitsAsync(anonymous, "");
        var syncAfter = await UnitTimelineTests<TFixture>.SyncAsync(langSon, UnitTimelineTests<TFixture>.Received($"{prefix}b", "20", new DateOnly(2026, 10, 1)));

        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Contains(before, u => u.Code == "20");
        Assert.Equal("Tỉnh Quảng Ninh", before.Single(u => u.Code == "22").Name);
        Assert.Equal(("Tỉnh Lạng Sơn", new DateOnly(2026, 9, 30), "22"), (merging.Name, merging.ValidTo!.Value, merging.SuccessorCode));
        Assert.Equal(1L, syncBefore.Accepted);
        Assert.DoesNotContain(after, u => u.Code == "20");
        Assert.Equal("Tỉnh Quảng Ninh - Lạng Sơn", after.Single(u => u.Code == "22").Name);
        Assert.Equal("UNIT_NOT_IN_FORCE:MaDonVi", Assert.Single(Assert.Single(syncAfter.Results).Reasons).Code);
    }

    [Fact]
    public async Task A_bad_timeline_file_is_refused_whole_row_by_row_with_codes()
    {
        using var admin = await App.SignInAsync("timeline-admin2", "admin");
        const string header = "day,change,code,successor,kind,name,short_name,region,focal_point_agency,note\n";
        const string file = header
            + "2027-01-01,Merger,04,11,,,,,,\n"
            + "2027-01-01,Merger,04,12,,,,,,\n"
            + "2027-01-01,Merger,14,40,,,,,,\n"
            + "2027-01-01,Merger,40,14,,,,,,\n"
            + "2027-01-01,Merger,38,10,,,,,,\n"
            + "2027-01-15,Version,42,,Province,Tỉnh Hà Tĩnh,Hà Tĩnh,Bắc Trung Bộ,,\n";

        var refused = await ImportAsync(admin, file, dryRun: false);
        var checkedOnly = await ImportAsync(admin, header + "2027-01-01,Merger,04,11,,,,,,\n", dryRun: true);

        Assert.Equal(HttpStatusCode.UnprocessableContent, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal("OD-IMPORT-INVALID", problem.RootElement.GetProperty("code").GetString());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal(
            [(3, "OD-UNIT-ABSORBED-TWICE"), (4, "OD-UNIT-SUCCESSOR-CYCLE"), (5, "OD-UNIT-SUCCESSOR-CYCLE"), (6, "OD-UNIT-SUCCESSOR-NOT-IN-FORCE"), (7, "OD-UNIT-CHANGE-DAY")],
            errors);
        Assert.All(problem.RootElement.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("messageVi").GetString())));
        var report = await TestApp.ReadAsync<ImportReport>(checkedOnly);
        Assert.True(report.DryRun);
        Assert.True(report.Created > 0);
        using var anonymous = App.Anonymous();
        var caoBang = await TestApp.ReadAsync<UnitView>(await anonymous.GetAsync("/api/v1/units/04?on=2027-01-01", Ct));
        Assert.Equal((null, null), (caoBang.ValidTo, caoBang.SuccessorCode));
    }

    [Fact]
    public async Task Changes_in_the_past_are_refused_and_only_admins_record_changes()
    {
        using var admin = await App.SignInAsync("timeline-admin3", "admin");
        using var focal = await App.SignInAsync("timeline-focal", "focal_point", "04");
        var past = new UnitChangesInput([new(new DateOnly(2026, 8, 1), UnitChangeKind.Merger, "04", "11")]);

        var refused = await admin.PostAsJsonAsync("/api/v1/units/changes", past, Json.Options, Ct);
        var forbidden = await focal.PostAsJsonAsync("/api/v1/units/changes?dryRun=true", new UnitChangesInput([new(new DateOnly(2027, 1, 1), UnitChangeKind.Merger, "04", "11")]), Json.Options, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableContent, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal("OD-UNIT-CHANGES-INVALID", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("OD-UNIT-CHANGE-PAST", Assert.Single(problem.RootElement.GetProperty("violations").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_changes_page_records_one_change_with_a_dry_run()
    {
        using var admin = await App.SignInAsync("timeline-admin4", "admin");

        var response = await TestApp.PostFormAsync(admin, "/units/changes?handler=Change", new()
        {
            ["change.Day"] = "2027-01-01", ["change.Change"] = "Functions", ["change.Code"] = "BYT", ["change.Successor"] = "BGDDT", ["dryRun"] = "true",
        }, "/units/changes");
        var wrong = await TestApp.PostFormAsync(admin, "/units/changes?handler=Change", new()
        {
            ["change.Day"] = "2027-01-01", ["change.Change"] = "Merger", ["change.Code"] = "ZZ", ["change.Successor"] = "BGDDT",
        }, "/units/changes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"change-result\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableContent, wrong.StatusCode);
        Assert.Contains("OD-UNIT-UNKNOWN", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var anonymous = App.Anonymous();
        Assert.Empty((await TestApp.ReadAsync<UnitView>(await anonymous.GetAsync("/api/v1/units/BGDDT", Ct))).Predecessors!);
    }

    private static async Task<IReadOnlyList<UnitView>> UnitsAsync(HttpClient client, string query) =>
        (await TestApp.ReadAsync<Page<UnitView>>(await client.GetAsync($"/api/v1/units?limit=500{query}", Ct))).Items;

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, bool dryRun)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "timeline.csv" } };
        return await client.PostAsync($"/api/v1/units/changes/import?dryRun={dryRun}", form, Ct);
    }
}

public sealed class UnitChangesTestsOnSqlite(UnitClockSqliteApp fixture) : UnitChangesTests<UnitClockSqliteApp>(fixture, fixture.Clock);

public sealed class UnitChangesTestsOnPostgres(UnitClockPostgresApp fixture) : UnitChangesTests<UnitClockPostgresApp>(fixture, fixture.Clock);
