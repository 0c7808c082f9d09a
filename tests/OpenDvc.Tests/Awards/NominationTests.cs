using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Evidence;
using OpenDvc.Awards.Nominations;
using OpenDvc.Ledger;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Services;
using OpenDvc.Tests.Platform;
using static OpenDvc.Tests.Awards.AwardsData;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Tests.Awards;

/// <summary>Eligibility from hand-built ledgers at each boundary, quotas, the deadline and extensions, the frozen evidence, unit scoping.</summary>
public abstract class NominationTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<NominationCheck> CheckAsync(int campaign, string unit, string procedure)
    {
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        return await TestApp.ReadAsync<NominationCheck>(await admin.GetAsync($"/api/v1/awards/campaigns/{campaign}/check?unit={unit}&procedure={procedure}", Ct));
    }

    private static CriterionVerdict Criterion(NominationCheck check, string code) => check.Verdict.Criteria.Single(c => c.Code == code);

    private static NominationInput Input(string unit, string procedure, NominationCategory category = NominationCategory.CitizenServices) =>
        new(unit, procedure, category, "Dịch vụ được người dân sử dụng nhiều.", "Nguyễn Văn An", "an@example.gov.vn", "024 3000 0000");

    [Theory]
    [InlineData("02", 899, false)]
    [InlineData("04", 900, true)]
    public async Task Satisfaction_counts_from_90_percent_never_from_89_9(string unit, int satisfied, bool eligible)
    {
        var campaign = await CreateCampaignAsync(App, Campaign());
        var procedure = (await FullProcessServicesAsync(App, unit, 1))[0];
        await WriteAsync(App, Many(1000, i => Dossier(unit, procedure, 202205, DossierChannel.Direct, rating: (short)(i < satisfied ? 2 : 3))));

        var check = await CheckAsync(campaign, unit, procedure);

        Assert.Equal(1000, check.Evidence.Rated);
        Assert.Equal(eligible, Criterion(check, Eligibility.Satisfaction).Passed);
        Assert.False(Criterion(check, Eligibility.HighestOnline).Passed);
        Assert.False(Criterion(check, Eligibility.Savings).Passed);
        Assert.Equal(eligible, check.Verdict.Eligible);
        Assert.Contains(eligible ? "90.0 %" : "89.9 %", Criterion(check, Eligibility.Satisfaction).FiguresEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("06", 29, false)]
    [InlineData("08", 30, true)]
    public async Task Satisfaction_needs_the_minimum_number_of_ratings(string unit, int ratings, bool eligible)
    {
        var campaign = await CreateCampaignAsync(App, Campaign());
        var procedure = (await FullProcessServicesAsync(App, unit, 1))[0];
        await WriteAsync(App, Many(ratings, _ => Dossier(unit, procedure, 202303, DossierChannel.Direct, rating: 1)));

        var check = await CheckAsync(campaign, unit, procedure);

        Assert.Equal(1m, check.Evidence.Satisfaction);
        Assert.Equal(eligible, Criterion(check, Eligibility.Satisfaction).Passed);
        Assert.Equal(eligible, check.Verdict.Eligible);
    }

    [Theory]
    [InlineData("10", 5, true)]
    [InlineData("11", 4, false)]
    public async Task Highest_online_dossiers_must_hold_in_every_year_and_a_tie_shares_first_place(string unit, int ownIn2023, bool highest)
    {
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { TopOnlineServices = 1 }));
        var procedures = await FullProcessServicesAsync(App, unit, 2);
        await WriteAsync(App, Many(5, _ => Dossier(unit, procedures[0], 202204, DossierChannel.OnlineAssisted))
            .Concat(Many(ownIn2023, _ => Dossier(unit, procedures[0], 202304, DossierChannel.OnlineAssisted)))
            .Concat(Many(5, _ => Dossier(unit, procedures[1], 202207, DossierChannel.OnlineAssisted)))
            .Concat(Many(5, _ => Dossier(unit, procedures[1], 202307, DossierChannel.OnlineAssisted))));

        var check = await CheckAsync(campaign, unit, procedures[0]);

        Assert.Equal(highest, Criterion(check, Eligibility.HighestOnline).Passed);
        Assert.Equal(highest, check.Verdict.Eligible);
        Assert.Equal([1, highest ? 1 : 2], check.Evidence.Years.Select(y => y.Rank));
        Assert.Equal([5L, 5L], check.Evidence.Years.Select(y => y.UnitHighest));
    }

    [Theory]
    [InlineData("12", 250, true)]
    [InlineData("14", 249, false)]
    public async Task Savings_count_from_the_campaigns_threshold_of_hours(string unit, int remoteOnline, bool measurable)
    {
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 1000, TripsPerDossier = 2, HoursPerTrip = 2 }));
        var procedures = await FullProcessServicesAsync(App, unit, 2);
        await WriteAsync(App, Many(remoteOnline, _ => Dossier(unit, procedures[0], 202208, DossierChannel.OnlineRemote))
            .Concat(Many(300, _ => Dossier(unit, procedures[1], 202208, DossierChannel.OnlineAssisted)))
            .Concat(Many(300, _ => Dossier(unit, procedures[1], 202308, DossierChannel.OnlineAssisted))));

        var check = await CheckAsync(campaign, unit, procedures[0]);

        Assert.Equal(remoteOnline * 4m, check.Evidence.Savings.HoursSaved);
        Assert.Equal(measurable, Criterion(check, Eligibility.Savings).Passed);
        Assert.False(Criterion(check, Eligibility.HighestOnline).Passed);
        Assert.Equal(measurable, check.Verdict.Eligible);
    }

    [Fact]
    public async Task Savings_on_7_remote_dossiers_are_not_met_below_the_campaigns_minimum_sample_and_say_why_issue_18()
    {
        const string unit = "44";
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0 }));
        var procedure = (await FullProcessServicesAsync(App, unit, 1))[0];
        await WriteAsync(App, Many(7, _ => Dossier(unit, procedure, 202209, DossierChannel.OnlineRemote)));

        var check = await CheckAsync(campaign, unit, procedure);

        var savings = Criterion(check, Eligibility.Savings);
        Assert.Equal(7, check.Evidence.RemoteOnlineDossiers);
        Assert.False(savings.Passed);
        Assert.False(check.Verdict.Eligible);
        Assert.Contains("only 7 remote online dossiers, at least 30 needed", savings.FiguresEn, StringComparison.Ordinal);
        Assert.Contains("chỉ có 7 hồ sơ trực tuyến từ xa, cần ít nhất 30", savings.FiguresVi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nominees_savings_evidence_equals_the_indicators_savings_for_the_same_service_and_period_issue_19()
    {
        const string unit = "42";
        var campaign = await CreateCampaignAsync(App, Campaign());
        var procedure = (await FullProcessServicesAsync(App, unit, 1))[0];

        // Fee-free dossiers and assisted online ones are where the two formulas parted: only fee-bearing remote dossiers count.
        await WriteAsync(App, Many(40, i => Dossier(unit, procedure, 202203, DossierChannel.OnlineRemote, fee: i < 30 ? 40_000 : 0, processingMinutes: 3 * 1440))
            .Concat(Many(20, _ => Dossier(unit, procedure, 202304, DossierChannel.OnlineAssisted, fee: 0, processingMinutes: 4 * 1440)))
            .Concat(Many(10, i => Dossier(unit, procedure, 202305, DossierChannel.Direct, fee: i < 5 ? 50_000 : 0, processingMinutes: 9 * 1440))));
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        using var anonymous = App.Anonymous();

        var check = await admin.GetAsync($"/api/v1/awards/campaigns/{campaign}/check?unit={unit}&procedure={procedure}", Ct);
        var indicators = await anonymous.GetAsync($"/api/v1/indicators/savings?period=2022-01..2023-12&unit={unit}&procedure={procedure}", Ct);
        var evidence = System.Text.Json.Nodes.JsonNode.Parse(await check.Content.ReadAsStringAsync(Ct))!["evidence"]!["savings"];
        var estimate = System.Text.Json.Nodes.JsonNode.Parse(await indicators.Content.ReadAsStringAsync(Ct))!["estimate"];

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(HttpStatusCode.OK, indicators.StatusCode);
        Assert.Equal(estimate!["totalDong"]!.GetValue<decimal>(), evidence!["totalDong"]!.GetValue<decimal>());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(estimate, evidence), $"evidence {evidence.ToJsonString()}\nindicators {estimate.ToJsonString()}");
    }

    [Fact]
    public async Task Percentages_round_like_the_indicator_pages_so_22_of_24_is_91_7_issue_18()
    {
        const string unit = "37";
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinRatings = 20 }));
        var procedure = (await FullProcessServicesAsync(App, unit, 1))[0];
        await WriteAsync(App, Many(24, i => Dossier(unit, procedure, 202303, DossierChannel.Direct, rating: (short)(i < 22 ? 2 : 3))));
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        var fields = new Dictionary<string, string> { ["Procedure"] = procedure, ["Category"] = nameof(NominationCategory.CitizenServices) };

        var check = await CheckAsync(campaign, unit, procedure);
        var page = await TestApp.PostFormAsync(admin, $"/awards/nominate?handler=Check&campaign={campaign}&unit={unit}", fields, $"/awards/nominate?campaign={campaign}&unit={unit}");
        var html = await page.Content.ReadAsStringAsync(Ct);

        Assert.Contains("(91.7 %)", Criterion(check, Eligibility.Satisfaction).FiguresEn, StringComparison.Ordinal);
        Assert.Contains("(91,7 %)", Criterion(check, Eligibility.Satisfaction).FiguresVi, StringComparison.Ordinal);
        Assert.Contains("91,7 %", html, StringComparison.Ordinal);
        Assert.DoesNotContain("91,6 %", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_without_online_dossiers_has_no_rank_and_no_rank_exceeds_the_count_issue_18()
    {
        const string unit = "38";
        var campaign = await CreateCampaignAsync(App, Campaign());
        var procedures = await FullProcessServicesAsync(App, unit, 3);
        await WriteAsync(App, Many(5, _ => Dossier(unit, procedures[1], 202204, DossierChannel.OnlineRemote))
            .Concat(Many(3, _ => Dossier(unit, procedures[2], 202204, DossierChannel.OnlineRemote)))
            .Concat(Many(4, _ => Dossier(unit, procedures[1], 202304, DossierChannel.OnlineRemote))));
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);

        var response = await admin.GetAsync($"/api/v1/awards/campaigns/{campaign}/check?unit={unit}&procedure={procedures[0]}", Ct);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var years = json.RootElement.GetProperty("evidence").GetProperty("years").EnumerateArray().ToList();
        var ranked = await CheckAsync(campaign, unit, procedures[2]);

        Assert.All(years, y => Assert.Equal(System.Text.Json.JsonValueKind.Null, y.GetProperty("rank").ValueKind));
        Assert.Equal([2, 1], years.Select(y => y.GetProperty("servicesInUnit").GetInt32()));
        var figures = Criterion(await CheckAsync(campaign, unit, procedures[0]), Eligibility.HighestOnline).FiguresEn;
        Assert.Contains("2022: 0 online dossiers, no rank", figures, StringComparison.Ordinal);
        Assert.Contains("2023: 0 online dossiers, no rank", figures, StringComparison.Ordinal);
        Assert.Contains("2022: 3 online dossiers, rank 2 of 2", Criterion(ranked, Eligibility.HighestOnline).FiguresEn, StringComparison.Ordinal);
        Assert.Contains("2023: 0 online dossiers, no rank", Criterion(ranked, Eligibility.HighestOnline).FiguresEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(10, false)]
    public async Task Most_online_dossiers_means_among_the_units_top_services_in_every_year_not_only_first_issue_18(int index, bool passes)
    {
        var unit = passes ? "40" : "45";
        var campaign = await CreateCampaignAsync(App, Campaign());
        var procedures = await FullProcessServicesAsync(App, unit, 12);

        // Service i has 20 − i online dossiers in each year: ranks 1 to 12.
        await WriteAsync(App, procedures.SelectMany((procedure, i) =>
            Many(20 - i, _ => Dossier(unit, procedure, 202206, DossierChannel.OnlineRemote)).Concat(Many(20 - i, _ => Dossier(unit, procedure, 202306, DossierChannel.OnlineAssisted)))));

        var check = await CheckAsync(campaign, unit, procedures[index]);

        Assert.Equal([index + 1, index + 1], check.Evidence.Years.Select(y => (int)y.Rank!));
        Assert.Equal(passes, Criterion(check, Eligibility.HighestOnline).Passed);
        Assert.Equal(passes, check.Verdict.Eligible);
        Assert.Contains("top 10", Criterion(check, Eligibility.HighestOnline).FiguresEn, StringComparison.Ordinal);
        Assert.Contains("10 dịch vụ", Criterion(check, Eligibility.HighestOnline).FiguresVi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_service_is_not_eligible_whatever_its_figures_and_cannot_be_submitted()
    {
        const string unit = "15";
        var campaign = await CreateCampaignAsync(App, Campaign());
        var procedure = (await FullProcessServicesAsync(App, unit, 1))[0];
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            var service = await db.Set<OnlineService>().SingleAsync(s => s.UnitCode == unit && s.ProcedureCode == procedure, Ct);
            service.Level = ServiceLevel.Partial;
            service.FullProcessSince = null;
            await db.SaveChangesAsync(Ct);
        }

        await WriteAsync(App, Many(40, _ => Dossier(unit, procedure, 202301, DossierChannel.Direct, rating: 1)));
        using var focalPoint = await App.SignInAsync("awards-fp-15", Roles.FocalPoint, unit);

        var check = await CheckAsync(campaign, unit, procedure);
        var submitted = await focalPoint.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations", Input(unit, procedure), Json.Options, Ct);

        Assert.False(Criterion(check, Eligibility.FullProcess).Passed);
        Assert.True(Criterion(check, Eligibility.Satisfaction).Passed);
        Assert.False(check.Verdict.Eligible);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, submitted.StatusCode);
        Assert.Contains("OD-AWARD-NOT-ELIGIBLE", await submitted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quota_per_category_is_enforced_and_a_withdrawal_frees_a_place()
    {
        const string unit = "17";
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { CitizenQuota = 2, MinSavedHours = 0, MinRemoteDossiers = 0 }));
        var procedures = await FullProcessServicesAsync(App, unit, 3);
        using var focalPoint = await App.SignInAsync("awards-fp-17", Roles.FocalPoint, unit);
        var path = $"/api/v1/awards/campaigns/{campaign}/nominations";

        var first = await TestApp.ReadAsync<NominationView>(await focalPoint.PostAsJsonAsync(path, Input(unit, procedures[0]), Json.Options, Ct));
        var again = await focalPoint.PostAsJsonAsync(path, Input(unit, procedures[0]), Json.Options, Ct);
        await TestApp.ReadAsync<NominationView>(await focalPoint.PostAsJsonAsync(path, Input(unit, procedures[1]), Json.Options, Ct));
        var overQuota = await focalPoint.PostAsJsonAsync(path, Input(unit, procedures[2]), Json.Options, Ct);
        var withdrawn = await focalPoint.PostAsync($"/api/v1/awards/nominations/{first.Id}/withdraw", null, Ct);
        var afterWithdrawal = await focalPoint.PostAsJsonAsync(path, Input(unit, procedures[2]), Json.Options, Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("OD-AWARD-DUPLICATE", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, overQuota.StatusCode);
        Assert.Contains("OD-AWARD-QUOTA", await overQuota.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterWithdrawal.StatusCode);
    }

    [Fact]
    public async Task Simultaneous_submissions_from_one_unit_never_exceed_the_category_quota()
    {
        const string unit = "19";
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { CitizenQuota = 2, MinSavedHours = 0, MinRemoteDossiers = 0 }));
        var procedures = await FullProcessServicesAsync(App, unit, 5);
        using var focalPoint = await App.SignInAsync("awards-fp-19", Roles.FocalPoint, unit);
        var path = $"/api/v1/awards/campaigns/{campaign}/nominations";

        var responses = await Task.WhenAll(procedures.Select(p => focalPoint.PostAsJsonAsync(path, Input(unit, p), Json.Options, Ct)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(Ct)));
        using var scope = App.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<Nomination>()
            .CountAsync(n => n.CampaignId == campaign && n.UnitCode == unit && n.Status == NominationStatus.Submitted, Ct);

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(procedures.Count - 2, bodies.Count(b => b.Contains("OD-AWARD-QUOTA", StringComparison.Ordinal)));
        Assert.Equal(2, stored);
    }

    [Fact]
    public async Task Deadline_is_the_last_day_in_vietnam_time_and_an_extension_moves_it_for_one_unit_only()
    {
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { NominationDeadline = new DateOnly(2023, 8, 31), AnnouncementDate = new DateOnly(2023, 10, 10), MinSavedHours = 0, MinRemoteDossiers = 0 }));
        var late = (await FullProcessServicesAsync(App, "19", 1))[0];
        var extended = (await FullProcessServicesAsync(App, "20", 2));
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "awards-admin"), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2023, 8, 31, 23, 59, 0, TimeSpan.FromHours(7)).ToUniversalTime());
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var store = new NominationWorkflow(db, new ServiceEvidenceQuery(db, scope.ServiceProvider.GetRequiredService<OpenDvc.Indicators.Calculation.IndicatorCalculator>(), clock), clock);

        var lastMinute = await store.NominateServiceAsync(admin, campaign, Input("20", extended[0]), Ct);
        clock.SetUtcNow(new DateTimeOffset(2023, 9, 1, 0, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime());
        var tooLate = await store.NominateServiceAsync(admin, campaign, Input("19", late), Ct);
        var granted = await store.GrantExtensionAsync(campaign, "20", new DateOnly(2023, 9, 5), "Sự cố hệ thống một cửa", Ct);
        var withExtension = await store.NominateServiceAsync(admin, campaign, Input("20", extended[1]), Ct);
        var otherUnit = await store.NominateServiceAsync(admin, campaign, Input("19", late), Ct);
        var audited = await db.Set<AuditEntry>().AnyAsync(e => e.EntityType == nameof(CampaignExtension) && e.UnitCode == "20" && e.Action == "create", Ct);

        Assert.Null(lastMinute.Refusal);
        Assert.Equal("OD-AWARD-DEADLINE-PASSED", tooLate.Refusal?.Code);
        Assert.Null(granted);
        Assert.Null(withExtension.Refusal);
        Assert.Equal("OD-AWARD-DEADLINE-PASSED", otherUnit.Refusal?.Code);
        Assert.True(audited);
    }

    [Fact]
    public async Task Evidence_is_frozen_at_submission_when_new_dossiers_arrive()
    {
        const string unit = "22";
        var campaign = await CreateCampaignAsync(App, Campaign());
        var procedure = await SatisfyingServiceAsync(App, unit);
        using var focalPoint = await App.SignInAsync("awards-fp-22", Roles.FocalPoint, unit);
        var nominated = await TestApp.ReadAsync<NominationView>(await focalPoint.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations", Input(unit, procedure), Json.Options, Ct));

        await WriteAsync(App, Many(40, _ => Dossier(unit, procedure, 202303, DossierChannel.Direct, rating: 3)));
        var stored = await TestApp.ReadAsync<NominationView>(await focalPoint.GetAsync($"/api/v1/awards/nominations/{nominated.Id}", Ct));
        var live = await CheckAsync(campaign, unit, procedure);

        Assert.Equal(40, stored.Evidence!.Rated);
        Assert.Equal(1m, stored.Evidence.Satisfaction);
        Assert.True(stored.Verdict!.Eligible);
        Assert.Equal(nominated.DataScore, stored.DataScore);
        Assert.Equal(80, live.Evidence.Rated);
        Assert.False(live.Verdict.Eligible);
    }

    [Fact]
    public async Task A_file_of_nominations_is_written_whole_or_not_at_all()
    {
        const string unit = "27";
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { CitizenQuota = 2, MinSavedHours = 0, MinRemoteDossiers = 0 }));
        var procedures = await FullProcessServicesAsync(App, unit, 3);
        using var focalPoint = await App.SignInAsync("awards-fp-27", Roles.FocalPoint, unit);
        static MultipartFormDataContent Csv(IEnumerable<string> procedures) => new()
        {
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("unit,procedure,category,narrative,contact_name,contact_email,contact_phone\n"
                + string.Concat(procedures.Select(p => $"27,{p},CitizenServices,\"Mô tả, có dấu phẩy\",An,an@example.gov.vn,\n")))), "file", "nominations.csv" },
        };
        var path = $"/api/v1/awards/campaigns/{campaign}/nominations";

        var overQuota = await focalPoint.PostAsync($"{path}/import", Csv(procedures), Ct);
        var afterRefusal = await TestApp.ReadAsync<List<NominationView>>(await focalPoint.GetAsync(path, Ct));
        var imported = await focalPoint.PostAsync($"{path}/import", Csv(procedures.Take(2)), Ct);
        var afterImport = await TestApp.ReadAsync<List<NominationView>>(await focalPoint.GetAsync(path, Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, overQuota.StatusCode);
        Assert.Contains("OD-AWARD-QUOTA", await overQuota.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(afterRefusal);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(procedures.Take(2).Order(StringComparer.Ordinal), afterImport.Select(n => n.ProcedureCode).Order(StringComparer.Ordinal));
        Assert.All(afterImport, n => Assert.Equal("Mô tả, có dấu phẩy", n.Narrative));
    }

    [Fact]
    public async Task Focal_point_nominates_and_reads_only_its_own_units_nominations()
    {
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0 }));
        var own = (await FullProcessServicesAsync(App, UnitScopeAssertions.UnitA, 1))[0];
        var other = (await FullProcessServicesAsync(App, UnitScopeAssertions.UnitB, 1))[0];
        using var focalPoint = await UnitScopeAssertions.FocalPointAsync(App);
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        var path = $"/api/v1/awards/campaigns/{campaign}/nominations";
        var theirs = await TestApp.ReadAsync<NominationView>(await admin.PostAsJsonAsync(path, Input(UnitScopeAssertions.UnitB, other), Json.Options, Ct));

        var forOther = await focalPoint.PostAsJsonAsync(path, Input(UnitScopeAssertions.UnitB, other), Json.Options, Ct);
        var mine = await focalPoint.PostAsJsonAsync(path, Input(UnitScopeAssertions.UnitA, own), Json.Options, Ct);
        var listed = await TestApp.ReadAsync<List<NominationView>>(await focalPoint.GetAsync(path, Ct));
        var listOther = await focalPoint.GetAsync($"{path}?unit={UnitScopeAssertions.UnitB}", Ct);
        var readOther = await focalPoint.GetAsync($"/api/v1/awards/nominations/{theirs.Id}", Ct);
        var checkOther = await focalPoint.GetAsync($"/api/v1/awards/campaigns/{campaign}/check?unit={UnitScopeAssertions.UnitB}&procedure={other}", Ct);
        var exported = await focalPoint.GetStringAsync($"{path}/export?format=csv", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal([UnitScopeAssertions.UnitA], listed.Select(n => n.UnitCode).Distinct());
        Assert.Equal(HttpStatusCode.Forbidden, listOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, checkOther.StatusCode);
        Assert.DoesNotContain($",{UnitScopeAssertions.UnitB},", exported, StringComparison.Ordinal);
        Assert.Contains($",{UnitScopeAssertions.UnitA},", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_holds_no_quota_place_is_hidden_from_other_units_and_is_frozen_only_when_submitted()
    {
        const string unit = "33";
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { CitizenQuota = 1, MinSavedHours = 0, MinRemoteDossiers = 0 }));
        var strict = await CreateCampaignAsync(App, Campaign());
        var procedures = await FullProcessServicesAsync(App, unit, 2);
        using var focalPoint = await App.SignInAsync("awards-fp-33", Roles.FocalPoint, unit);
        using var otherUnit = await App.SignInAsync("awards-fp-34", Roles.FocalPoint, "34");
        var path = $"/api/v1/awards/campaigns/{campaign}/nominations";

        var draft = await TestApp.ReadAsync<NominationView>(await focalPoint.PostAsJsonAsync(path, Input(unit, procedures[0]) with { Draft = true }, Json.Options, Ct));
        var secondDraft = await focalPoint.PostAsJsonAsync(path, Input(unit, procedures[0]) with { Draft = true }, Json.Options, Ct);
        var submitted = await TestApp.ReadAsync<NominationView>(await focalPoint.PostAsJsonAsync(path, Input(unit, procedures[1]), Json.Options, Ct));
        var readByOther = await otherUnit.GetAsync($"/api/v1/awards/nominations/{draft.Id}", Ct);
        var submitByOther = await otherUnit.PostAsync($"/api/v1/awards/nominations/{draft.Id}/submit", null, Ct);
        var listedForOther = await TestApp.ReadAsync<List<NominationView>>(await otherUnit.GetAsync(path, Ct));
        var attached = await focalPoint.PostAsync($"/api/v1/awards/nominations/{draft.Id}/attachments",
            new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7\n%%EOF\n"u8.ToArray()), "file", "du-thao.pdf" } }, Ct);
        var edited = await TestApp.ReadAsync<NominationView>(await focalPoint.PutAsJsonAsync($"/api/v1/awards/nominations/{draft.Id}",
            new NominationDraftInput("Thuyết minh đã hoàn thiện", "Trần Thị Bình", "binh@example.gov.vn", null), Json.Options, Ct));
        var editedByOther = await otherUnit.PutAsJsonAsync($"/api/v1/awards/nominations/{draft.Id}", new NominationDraftInput("x", null, null, null), Json.Options, Ct);
        var editSubmitted = await focalPoint.PutAsJsonAsync($"/api/v1/awards/nominations/{submitted.Id}", new NominationDraftInput("x", null, null, null), Json.Options, Ct);
        var overQuota = await focalPoint.PostAsync($"/api/v1/awards/nominations/{draft.Id}/submit", null, Ct);
        var stillDraft = await TestApp.ReadAsync<NominationView>(await focalPoint.GetAsync($"/api/v1/awards/nominations/{draft.Id}", Ct));
        await focalPoint.PostAsync($"/api/v1/awards/nominations/{submitted.Id}/withdraw", null, Ct);
        var nowSubmitted = await TestApp.ReadAsync<NominationView>(await focalPoint.PostAsync($"/api/v1/awards/nominations/{draft.Id}/submit", null, Ct));
        var submittedAgain = await focalPoint.PostAsync($"/api/v1/awards/nominations/{draft.Id}/submit", null, Ct);
        var ineligibleDraft = await TestApp.ReadAsync<NominationView>(await focalPoint.PostAsJsonAsync(
            $"/api/v1/awards/campaigns/{strict}/nominations", Input(unit, procedures[0]) with { Draft = true }, Json.Options, Ct));
        var ineligibleSubmit = await focalPoint.PostAsync($"/api/v1/awards/nominations/{ineligibleDraft.Id}/submit", null, Ct);

        Assert.Equal((NominationStatus.Draft, (object?)null, (object?)null), (draft.Status, (object?)draft.Evidence, (object?)draft.Verdict));
        Assert.Equal(HttpStatusCode.Conflict, secondDraft.StatusCode);
        Assert.Contains("OD-AWARD-DUPLICATE", await secondDraft.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(NominationStatus.Submitted, submitted.Status); // the draft held none of the one place
        Assert.Equal(HttpStatusCode.Forbidden, readByOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, submitByOther.StatusCode);
        Assert.DoesNotContain(listedForOther, n => n.Id == draft.Id);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        Assert.Equal(("Thuyết minh đã hoàn thiện", "Trần Thị Bình", NominationStatus.Draft), (edited.Narrative, edited.ContactName, edited.Status));
        Assert.Equal(HttpStatusCode.Forbidden, editedByOther.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, editSubmitted.StatusCode);
        Assert.Equal("Thuyết minh đã hoàn thiện", nowSubmitted.Narrative);
        Assert.Equal(HttpStatusCode.Conflict, overQuota.StatusCode);
        Assert.Contains("OD-AWARD-QUOTA", await overQuota.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(NominationStatus.Draft, stillDraft.Status);
        Assert.Equal(NominationStatus.Submitted, nowSubmitted.Status);
        Assert.NotNull(nowSubmitted.Evidence);
        Assert.True(nowSubmitted.Verdict!.Eligible);
        Assert.Equal(HttpStatusCode.Conflict, submittedAgain.StatusCode);
        Assert.Contains("OD-AWARD-NOT-A-DRAFT", await submittedAgain.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(NominationStatus.Draft, ineligibleDraft.Status); // saved while not yet eligible
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ineligibleSubmit.StatusCode);
        Assert.Contains("OD-AWARD-NOT-ELIGIBLE", await ineligibleSubmit.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_focal_point_saves_a_draft_from_the_nominate_page_sees_today_s_verdict_edits_it_and_submits_it()
    {
        const string unit = "35";
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0 }));
        var procedure = (await FullProcessServicesAsync(App, unit, 1))[0];
        using var focalPoint = await App.SignInAsync("awards-fp-35", Roles.FocalPoint, unit);
        var form = $"/awards/nominate?campaign={campaign}&unit={unit}";

        var saved = await TestApp.PostFormAsync(focalPoint, $"/awards/nominate?handler=Draft&campaign={campaign}&unit={unit}",
            new() { ["Procedure"] = procedure, ["Category"] = nameof(NominationCategory.CitizenServices), ["Narrative"] = "Bản nháp thuyết minh" }, form);
        var page = TestApp.PathOf(saved.Headers.Location) ?? "";
        var draftPage = await focalPoint.GetStringAsync(saved.Headers.Location!.OriginalString, Ct);
        var edited = await TestApp.PostFormAsync(focalPoint, $"{page}?handler=Edit", new() { ["Narrative"] = "Thuyết minh sửa lần hai", ["ContactName"] = "Lê Văn Cường" }, page);
        var editedPage = await focalPoint.GetStringAsync(page, Ct);
        var sent = await TestApp.PostFormAsync(focalPoint, $"{page}?handler=Submit", [], page);
        var submittedPage = await focalPoint.GetStringAsync(sent.Headers.Location!.OriginalString, Ct);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Đã lưu bản nháp", draftPage, StringComparison.Ordinal);
        Assert.Contains("Bản nháp", draftPage, StringComparison.Ordinal);
        Assert.Contains("data-eligible=\"true\"", draftPage, StringComparison.Ordinal);
        Assert.Contains("handler=Submit", draftPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("Thuyết minh sửa lần hai", editedPage, StringComparison.Ordinal);
        Assert.Contains("Lê Văn Cường", editedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Đã gửi đề xuất", submittedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Submit", submittedPage, StringComparison.Ordinal);
    }
}

public sealed class NominationTestsOnSqlite(SqliteApp fixture) : NominationTests<SqliteApp>(fixture);

public sealed class NominationTestsOnPostgres(PostgresApp fixture) : NominationTests<PostgresApp>(fixture);
