using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Surveys.Portal;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Surveys;

/// <summary>The app at 10:00 in Hà Nội on 14 May 2024 (quarter 2024-Q2), a probe timeout of 1 s, loopback portals allowed.</summary>
public sealed class PortalSqliteApp : SqliteApp
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 5, 14, 3, 0, 0, TimeSpan.Zero));

    protected override TimeProvider? Time => Clock;

    protected override string[]? Configuration => ["--Surveys:Portal:ProbeTimeout=00:00:01", "--Surveys:Portal:AllowPrivateAddresses=true"];
}

public sealed class PortalPostgresApp(PostgresCluster cluster) : PostgresApp(cluster)
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 5, 14, 3, 0, 0, TimeSpan.Zero));

    protected override TimeProvider? Time => Clock;

    protected override string[]? Configuration => ["--Surveys:Portal:ProbeTimeout=00:00:01", "--Surveys:Portal:AllowPrivateAddresses=true"];
}

/// <summary>
/// The portal checklist through HTTP (issue 16, part 2): a quarter is its own version and starts from the previous
/// one, the compliance summary is what the rule gives by hand, only the unit's focal point writes, checklist items are
/// versioned by quarter, and the probe records slow, down and failing portals as such without harming the app.
/// </summary>
public abstract class PortalAssessmentTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Codes = [.. PortalCriteria.Seed().Select(c => c.Code)];

    [Fact]
    public async Task Each_quarter_is_its_own_version_and_starts_as_a_copy_of_the_previous_one()
    {
        using var focal = await FocalPointAsync("02");
        var q1 = Codes.Select((c, i) => new ItemInput(c, i == 0 ? PortalVerdict.Partly : PortalVerdict.Met, i == 0 ? "https://dvc.example/a" : null, i == 0 ? "đang làm" : null)).ToList();
        Assert.Equal(HttpStatusCode.NoContent, (await focal.PostAsJsonAsync(Sheet("02", "2022-Q1") + "/submit", new AssessmentInput(q1), Json.Options, Ct)).StatusCode);

        var fresh = await TestApp.ReadAsync<AssessmentSheet>(await focal.GetAsync(Sheet("02", "2022-Q2"), Ct));
        var draft = await focal.PutAsJsonAsync(Sheet("02", "2022-Q2"), new AssessmentInput([new(Codes[0], PortalVerdict.Met, null, null)]), Json.Options, Ct);
        var q2 = await TestApp.ReadAsync<AssessmentSheet>(await focal.GetAsync(Sheet("02", "2022-Q2"), Ct));
        var first = await TestApp.ReadAsync<AssessmentSheet>(await focal.GetAsync(Sheet("02", "2022-Q1"), Ct));
        var again = await focal.PostAsJsonAsync(Sheet("02", "2022-Q1") + "/submit", new AssessmentInput(q1), Json.Options, Ct);
        var overview = await TestApp.ReadAsync<UnitPortalOverview>(await focal.GetAsync($"{PortalApi.Root}/units/02", Ct));

        Assert.Equal((AssessmentState.NotStarted, "2022-Q1"), (fresh.State, fresh.CopiedFrom));
        Assert.Equal(q1.Select(i => i.Verdict), fresh.Items.Select(i => i.Verdict));
        Assert.Equal("https://dvc.example/a", fresh.Items[0].EvidenceUrl);
        Assert.Equal(HttpStatusCode.NoContent, draft.StatusCode);
        Assert.Equal((AssessmentState.Draft, "2022-Q1", PortalVerdict.Met), (q2.State, q2.CopiedFrom, q2.Items[0].Verdict));
        Assert.Equal(1m, q2.Compliance.Score);
        Assert.Equal((AssessmentState.Submitted, PortalVerdict.Partly), (first.State, first.Items[0].Verdict));
        Assert.Equal(Math.Round(11.5m / 12, 4), first.Compliance.Score);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("OD-PORTAL-ALREADY-SUBMITTED", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(["2022-Q2", "2022-Q1"], overview.Quarters.Where(q => q.Quarter.StartsWith("2022", StringComparison.Ordinal)).Select(q => q.Quarter));
    }

    [Fact]
    public async Task The_compliance_summary_matches_hand_computed_values()
    {
        // 01: 6 met, 2 partly, 2 not met, 2 not applicable: (6 + 0.5 × 2) / 10 = 0.7.
        await SendAsync("01", "2022-Q3", Verdicts((6, PortalVerdict.Met), (2, PortalVerdict.Partly), (2, PortalVerdict.NotMet), (2, PortalVerdict.NotApplicable)), submit: true);
        // 79: 3 met, 6 partly, 3 not met: (3 + 3) / 12 = 0.5.
        await SendAsync("79", "2022-Q3", Verdicts((3, PortalVerdict.Met), (6, PortalVerdict.Partly), (3, PortalVerdict.NotMet)), submit: true);
        // BTP: a draft with 4 met, 8 not assessed (counted as not met): 4 / 12; drafts stay out of the mean.
        await SendAsync("BTP", "2022-Q3", Verdicts((4, PortalVerdict.Met)), submit: false);
        await AddProbesAsync("01", new DateOnly(2022, 8, 1), [100, 200, 300, 400, 500, 600, 700, 800], [ProbeOutcome.HttpError, ProbeOutcome.Timeout]);

        using var staff = await App.SignInAsync("portal-viewer", Roles.Viewer);
        var summary = await TestApp.ReadAsync<ComplianceOverview>(await staff.GetAsync($"{PortalApi.Root}?quarter=2022-Q3", Ct));
        var csv = await staff.GetStringAsync($"{PortalApi.Root}/export?quarter=2022-Q3&format=csv", Ct);

        var hanoi = summary.Rows.Single(r => r.UnitCode == "01");
        Assert.Equal((6, 2, 2, 2, 0, 10, 0.7m), (hanoi.Compliance.Met, hanoi.Compliance.Partly, hanoi.Compliance.NotMet, hanoi.Compliance.NotApplicable, hanoi.Compliance.Unassessed, hanoi.Compliance.Applicable, hanoi.Compliance.Score!.Value));
        Assert.Equal(0.5m, summary.Rows.Single(r => r.UnitCode == "79").Compliance.Score);
        var btp = summary.Rows.Single(r => r.UnitCode == "BTP");
        Assert.Equal((AssessmentState.Draft, 8, 0.3333m), (btp.State, btp.Compliance.Unassessed, btp.Compliance.Score!.Value));
        Assert.Equal((2, 1, 0.6m), (summary.Submitted, summary.Drafts, summary.MeanScore!.Value));
        Assert.Equal(summary.Units - 3, summary.NotStarted);
        // The first item: met by both sent assessments; the last: not applicable for 01, not met for 79.
        Assert.Equal((2, 0, 0, 0), Counts(summary.Criteria[0]));
        Assert.Equal((0, 0, 1, 1), Counts(summary.Criteria[^1]));
        // Probes: 8 of 10 up; nearest-rank p50 of the 8 answered = the 4th = 400 ms, p95 = the 8th = 800 ms.
        Assert.Equal((10, 0.8m, 400, 800), (hanoi.Probe!.Probes, hanoi.Probe.Uptime!.Value, hanoi.Probe.P50!.Value, hanoi.Probe.P95!.Value));
        var line = csv.Split('\n').Single(l => l.StartsWith("01,", StringComparison.Ordinal));
        Assert.Contains(",70", line, StringComparison.Ordinal);
        Assert.Contains(",80", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_units_own_focal_point_writes_its_assessment_and_staff_read_every_unit()
    {
        // A unit no other test of the class assesses: unit 01's 2022-Q3, sent whole by another test, would be copied
        // forward into 2022-Q4 and make the incomplete sending below complete.
        using var haiPhong = await FocalPointAsync("31");
        using var admin = await App.SignInAsync("portal-admin", Roles.Admin);
        using var viewer = await App.SignInAsync("portal-viewer", Roles.Viewer);
        var body = new AssessmentInput([new(Codes[0], PortalVerdict.Met, null, null)]);

        Assert.Equal(HttpStatusCode.Forbidden, (await haiPhong.PutAsJsonAsync(Sheet("79", "2022-Q4"), body, Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await haiPhong.GetAsync(Sheet("79", "2022-Q4"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await haiPhong.GetAsync(PortalApi.Root, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync(Sheet("31", "2022-Q4"), body, Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync(Sheet("31", "2022-Q4"), body, Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await haiPhong.PutAsJsonAsync(Sheet("31", "2022-Q4"), body, Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(Sheet("31", "2022-Q4"), Ct)).StatusCode);
        var invalid = await haiPhong.PutAsJsonAsync(Sheet("31", "2022-Q4"), new AssessmentInput([new("no-such", PortalVerdict.Met, null, null), new(Codes[1], PortalVerdict.Met, "javascript:alert(1)", null)]), Json.Options, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var text = await invalid.Content.ReadAsStringAsync(Ct);
        Assert.Contains("OD-PORTAL-UNKNOWN-CRITERION", text, StringComparison.Ordinal);
        Assert.Contains("OD-PORTAL-EVIDENCE-URL", text, StringComparison.Ordinal);
        var incomplete = await haiPhong.PostAsJsonAsync(Sheet("31", "2022-Q4") + "/submit", body, Json.Options, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        Assert.Equal(Codes.Length, (await incomplete.Content.ReadAsStringAsync(Ct)).Split("OD-PORTAL-VERDICT-REQUIRED").Length);
        Assert.Equal(HttpStatusCode.BadRequest, (await haiPhong.GetAsync(Sheet("31", "2022-Q5"), Ct)).StatusCode);
    }

    [Fact]
    public async Task Checklist_items_are_versioned_by_quarter()
    {
        using var admin = await App.SignInAsync("portal-admin", Roles.Admin);
        using var focal = await FocalPointAsync("06");
        var revision = new CriterionInput("progress-10s", PortalArea.Performance, null, "Hiển thị tiến trình sau 5 giây", "Progress shown past 5 seconds", "Thông tư mới, Điều 3", new DateOnly(2024, 7, 1));
        var added = new CriterionInput("chatbot", PortalArea.Experience, 130, "Hỗ trợ trực tuyến", "Online help", "Thông tư mới, Điều 4", new DateOnly(2024, 7, 1));

        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PostAsJsonAsync($"{PortalApi.Root}/criteria", added, Json.Options, Ct)).StatusCode);
        var past = await admin.PostAsJsonAsync($"{PortalApi.Root}/criteria", added with { EffectiveFrom = new DateOnly(2024, 1, 1) }, Json.Options, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("OD-PORTAL-CRITERION-DAY", await past.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var v2 = await TestApp.ReadAsync<CriterionView>(await admin.PostAsJsonAsync($"{PortalApi.Root}/criteria", revision, Json.Options, Ct));
        await TestApp.ReadAsync<CriterionView>(await admin.PostAsJsonAsync($"{PortalApi.Root}/criteria", added, Json.Options, Ct));

        var q2 = await TestApp.ReadAsync<AssessmentSheet>(await focal.GetAsync(Sheet("06", "2024-Q2"), Ct));
        var q3 = await TestApp.ReadAsync<AssessmentSheet>(await focal.GetAsync(Sheet("06", "2024-Q3"), Ct));
        var future = await focal.PutAsJsonAsync(Sheet("06", "2024-Q3"), new AssessmentInput([]), Json.Options, Ct);

        Assert.Equal(2, v2.Version);
        Assert.Equal(1, q2.Items.Single(i => i.Criterion.Code == "progress-10s").Criterion.Version);
        Assert.Equal(new DateOnly(2024, 6, 30), q2.Items.Single(i => i.Criterion.Code == "progress-10s").Criterion.EffectiveTo);
        Assert.DoesNotContain(q2.Items, i => i.Criterion.Code == "chatbot");
        Assert.Equal(2, q3.Items.Single(i => i.Criterion.Code == "progress-10s").Criterion.Version);
        Assert.Equal(Codes.Length + 1, q3.Items.Count);
        Assert.Equal(HttpStatusCode.Conflict, future.StatusCode);
        Assert.Contains("OD-PORTAL-QUARTER-FUTURE", await future.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_records_slow_down_and_failing_portals_as_such_and_keeps_to_its_timeout()
    {
        await using var portal = await LocalPortal.StartAsync();
        await SetPortalAsync("01", portal.Url("/ok"), probe: false);
        await SetPortalAsync("79", portal.Url("/slow"), probe: false);
        await SetPortalAsync("BTP", portal.Url("/error"), probe: false);
        await SetPortalAsync("02", LocalPortal.DownUrl(), probe: false);
        var prober = App.Services.GetRequiredService<PortalProber>();

        var ok = await prober.ProbeUnitAsync("01", Ct);
        var watch = Stopwatch.StartNew();
        var slow = await prober.ProbeUnitAsync("79", Ct);
        var slowTook = watch.Elapsed;
        var error = await prober.ProbeUnitAsync("BTP", Ct);
        var down = await prober.ProbeUnitAsync("02", Ct);

        Assert.Equal((ProbeOutcome.Up, 200), (ok!.Outcome, ok.StatusCode!.Value));
        Assert.Equal((ProbeOutcome.Timeout, (int?)null), (slow!.Outcome, slow.StatusCode));
        Assert.InRange(slowTook, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.InRange(slow.Milliseconds, 900, 4000);
        Assert.Equal((ProbeOutcome.HttpError, 500), (error!.Outcome, error.StatusCode!.Value));
        Assert.Equal((ProbeOutcome.Unreachable, (int?)null), (down!.Outcome, down.StatusCode));

        using var anonymous = App.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz", Ct)).StatusCode);
        using var staff = await App.SignInAsync("portal-viewer", Roles.Viewer);
        var overview = await TestApp.ReadAsync<UnitPortalOverview>(await staff.GetAsync($"{PortalApi.Root}/units/79?quarter=2024-Q2", Ct));
        Assert.Equal((1, 0m), (overview.Probe!.Probes, overview.Probe.Uptime!.Value));
        Assert.Equal(ProbeOutcome.Timeout, overview.Latest[0].Outcome);
        var page = await staff.GetStringAsync("/portal-assessments/units/79?quarter=2024-Q2", Ct);
        Assert.Contains("probe-stats", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scheduled_probe_sends_one_request_per_host_per_interval()
    {
        await using var portal = await LocalPortal.StartAsync();
        await SetPortalAsync("08", portal.Url("/ok"), probe: true);
        await SetPortalAsync("10", portal.Url("/ok?unit=10"), probe: true);
        var prober = App.Services.GetRequiredService<PortalProber>();

        var first = await prober.ProbeDueAsync(TimeSpan.FromHours(1), Ct);
        var hitsAfterFirst = portal.Hits;
        var second = await prober.ProbeDueAsync(TimeSpan.FromHours(1), Ct);

        Assert.True(first >= 1);
        Assert.Equal(1, hitsAfterFirst);
        Assert.Equal(0, second);
        Assert.Equal(1, portal.Hits);
        using var staff = await App.SignInAsync("portal-viewer", Roles.Viewer);
        foreach (var unit in new[] { "08", "10" })
        {
            var overview = await TestApp.ReadAsync<UnitPortalOverview>(await staff.GetAsync($"{PortalApi.Root}/units/{unit}?quarter=2024-Q2", Ct));
            Assert.Equal((1, ProbeOutcome.Up), (overview.Probe!.Probes, overview.Latest[0].Outcome));
        }
    }

    [Fact]
    public async Task The_demo_round_shows_on_first_start()
    {
        using var staff = await App.SignInAsync("portal-viewer", Roles.Viewer);
        var summary = await TestApp.ReadAsync<ComplianceOverview>(await staff.GetAsync(PortalApi.Root, Ct));
        var page = await staff.GetStringAsync("/portal-assessments", Ct);

        Assert.Equal(DemoPortal.Quarter, summary.Quarter);
        Assert.Equal((DemoPortal.DraftOnly.Length, DemoPortal.NotStarted.Length), (summary.Drafts, summary.NotStarted));
        Assert.Equal(summary.Units - DemoPortal.DraftOnly.Length - DemoPortal.NotStarted.Length, summary.Submitted);
        Assert.InRange(summary.MeanScore!.Value, 0.4m, 0.9m);
        Assert.All(summary.Rows, r => Assert.True(r.Probe is { Probes: 92 }, r.UnitCode));
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("0,5", page, StringComparison.Ordinal);
    }

    private static (int, int, int, int) Counts(CriterionCounts c) => (c.Met, c.Partly, c.NotMet, c.NotApplicable);

    private static List<ItemInput> Verdicts(params (int Count, PortalVerdict Verdict)[] runs) =>
        [.. runs.SelectMany(r => Enumerable.Repeat(r.Verdict, r.Count)).Select((v, i) => new ItemInput(Codes[i], v, null, null))];

    private static string Sheet(string unit, string quarter) => $"{PortalApi.Root}/units/{unit}/quarters/{quarter}";

    private Task<HttpClient> FocalPointAsync(string unit) => App.SignInAsync($"portal-focal-{unit}", Roles.FocalPoint, unit);

    private async Task SendAsync(string unit, string quarter, List<ItemInput> items, bool submit)
    {
        using var client = await FocalPointAsync(unit);
        var response = submit
            ? await client.PostAsJsonAsync(Sheet(unit, quarter) + "/submit", new AssessmentInput(items), Json.Options, Ct)
            : await client.PutAsJsonAsync(Sheet(unit, quarter), new AssessmentInput(items), Json.Options, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task SetPortalAsync(string unit, string url, bool probe)
    {
        using var client = await FocalPointAsync(unit);
        var response = await client.PutAsJsonAsync($"{PortalApi.Root}/units/{unit}/portal", new PortalInput(url, probe), Json.Options, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task AddProbesAsync(string unit, DateOnly day, int[] upMilliseconds, ProbeOutcome[] failures)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var at = VietnamTime.StartOfDay(day).ToUniversalTime();
        db.AddRange(upMilliseconds.Select((ms, i) => new PortalProbeResult { UnitCode = unit, At = at.AddHours(i), Outcome = ProbeOutcome.Up, StatusCode = 200, Milliseconds = ms }));
        db.AddRange(failures.Select((o, i) => new PortalProbeResult { UnitCode = unit, At = at.AddDays(1).AddHours(i), Outcome = o, Milliseconds = 10_000 }));
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class PortalAssessmentTestsOnSqlite(PortalSqliteApp fixture) : PortalAssessmentTests<PortalSqliteApp>(fixture);

public sealed class PortalAssessmentTestsOnPostgres(PortalPostgresApp fixture) : PortalAssessmentTests<PortalPostgresApp>(fixture);

/// <summary>The probe's address check and the quarter arithmetic, without an app.</summary>
public sealed class PortalProbeAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.5", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void Only_public_addresses_are_probed_by_default(string address, bool expected) =>
        Assert.Equal(expected, PortalProber.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void Quarters_read_and_count_as_written()
    {
        Assert.True(Quarter.TryParse("2024-Q1", out var q));
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31), "2023-Q4"), (q.FirstDay, q.LastDay, q.Previous.ToString()));
        Assert.False(Quarter.TryParse("2024-Q5", out _));
        Assert.False(Quarter.TryParse("24-Q1", out _));
        Assert.Equal("2024-Q4", Quarter.Of(new DateOnly(2024, 12, 31)).ToString());
    }
}
