using System.Net;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Tests.Platform;
using static OpenDvc.Tests.Awards.AwardsData;

namespace OpenDvc.Tests.Awards;

/// <summary>The awards' pages through real HTTP forms with anti-forgery tokens: nominate, configure, extend, rank; unit scoping.</summary>
public sealed class AwardsPagesTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Focal_point_checks_a_service_then_submits_it_and_sees_the_frozen_verdict()
    {
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0 }));
        var procedure = (await FullProcessServicesAsync(App, UnitScopeAssertions.UnitA, 1))[0];
        using var focalPoint = await UnitScopeAssertions.FocalPointAsync(App);
        var form = $"/awards/nominate?campaign={campaign}";
        var fields = new Dictionary<string, string> { ["Procedure"] = procedure, ["Category"] = nameof(NominationCategory.CitizenServices), ["Narrative"] = "Thuyết minh" };

        var checkedPage = await TestApp.PostFormAsync(focalPoint, $"/awards/nominate?handler=Check&campaign={campaign}&unit={UnitScopeAssertions.UnitA}", new(fields), form);
        var submitted = await TestApp.PostFormAsync(focalPoint, $"/awards/nominate?handler=Submit&campaign={campaign}&unit={UnitScopeAssertions.UnitA}", new(fields), form);
        var nominationPage = await focalPoint.GetStringAsync(submitted.Headers.Location!.OriginalString, Ct);

        var html = await checkedPage.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, checkedPage.StatusCode);
        Assert.Contains("data-criterion=\"a-full-process\"", html, StringComparison.Ordinal);
        Assert.Contains("data-eligible=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains("data-eligible=\"true\"", nominationPage, StringComparison.Ordinal);
        Assert.Contains(procedure, nominationPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Focal_point_cannot_open_the_nominate_form_or_a_nomination_of_another_unit()
    {
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0 }));
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        var procedure = (await FullProcessServicesAsync(App, UnitScopeAssertions.UnitB, 1))[0];
        var submitted = await TestApp.PostFormAsync(admin, $"/awards/nominate?handler=Submit&campaign={campaign}&unit={UnitScopeAssertions.UnitB}",
            new() { ["Procedure"] = procedure, ["Category"] = nameof(NominationCategory.CitizenServices) }, $"/awards/nominate?campaign={campaign}&unit={UnitScopeAssertions.UnitB}");
        using var focalPoint = await UnitScopeAssertions.FocalPointAsync(App);

        var other = await focalPoint.GetAsync(submitted.Headers.Location!.OriginalString, Ct);
        var list = await focalPoint.GetAsync($"/awards/nominations?campaign={campaign}&unit={UnitScopeAssertions.UnitB}", Ct);
        var results = await focalPoint.GetAsync($"/awards/results/{campaign}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.True(UnitScopeAssertions.IsForbidden(other));
        Assert.True(UnitScopeAssertions.IsForbidden(list));
        Assert.True(UnitScopeAssertions.IsForbidden(results));
    }

    [Fact]
    public async Task Admin_changes_the_campaign_and_grants_an_extension_on_the_campaign_page()
    {
        var campaign = await CreateCampaignAsync(App, Campaign());
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        var page = $"/awards/campaigns/{campaign}";
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = "Đợt đã sửa", ["Input.Letter"] = "3179/BTTTT-CĐSQG", ["Input.FirstYear"] = "2022", ["Input.LastYear"] = "2023",
            ["Input.NominationDeadline"] = "2030-08-31", ["Input.AnnouncementDate"] = "2030-10-10", ["Input.CitizenQuota"] = "4", ["Input.BusinessQuota"] = "5",
            ["Input.SolutionQuota"] = "1", ["Input.MinSatisfaction"] = "0,9", ["Input.MinRatings"] = "50", ["Input.MinSavedHours"] = "1000",
            ["Input.TripsPerDossier"] = "2", ["Input.HoursPerTrip"] = "1,5", ["Input.CostPerTrip"] = "30000", ["Input.ValueOfHour"] = "22500",
            ["Rubric"] = "benefit | Lợi ích | Benefit | 60\nuptake | Sử dụng | Uptake | 40", ["Input.ScaleMax"] = "10", ["Input.ReviewersPerNomination"] = "2",
            ["Input.DataWeight"] = "0,5", ["Input.NormaliseReviewers"] = "true",
        };

        var saved = await TestApp.PostFormAsync(admin, page, form);
        var extended = await TestApp.PostFormAsync(admin, $"{page}?handler=Extend", new() { ["ExtensionUnit"] = "30", ["ExtensionUntil"] = "2030-09-15", ["ExtensionReason"] = "Sự cố" }, page);
        var campaigns = await TestApp.ReadAsync<List<CampaignView>>(await admin.GetAsync("/api/v1/awards/campaigns", Ct));
        var html = await admin.GetStringAsync(page, Ct);
        var extensionsCsv = await admin.GetStringAsync($"{page}?format=csv", Ct);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        var changed = campaigns.Single(c => c.Id == campaign).Settings;
        Assert.Equal(("Đợt đã sửa", 4, 0.9m, 50, 1.5m, 0.5m), (changed.Name, changed.CitizenQuota, changed.MinSatisfaction, changed.MinRatings, changed.HoursPerTrip, changed.DataWeight));
        Assert.Equal(["benefit", "uptake"], changed.Rubric.Select(r => r.Code));
        Assert.Contains("15/09/2030", html, StringComparison.Ordinal);
        Assert.Contains($"{campaign},30,2030-09-15,Sự cố", extensionsCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_shortlists_on_the_results_page_and_the_decision_is_kept()
    {
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0 }));
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        var procedure = (await FullProcessServicesAsync(App, "33", 1))[0];
        var created = await TestApp.ReadAsync<OpenDvc.Awards.Nominations.NominationView>(await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/nominations",
            System.Net.Http.Json.JsonContent.Create(new OpenDvc.Awards.Nominations.NominationInput("33", procedure, NominationCategory.CitizenServices, null, null, null, null), options: Json.Options), Ct));
        var page = $"/awards/results/{campaign}";

        var decided = await TestApp.PostFormAsync(admin, $"{page}?handler=Decide", new() { ["nomination"] = $"{created.Id}", ["shortlisted"] = "true", ["selected"] = "false" }, page);
        var html = await admin.GetStringAsync(page, Ct);
        var ranking = await TestApp.ReadAsync<OpenDvc.Awards.Results.RankingView>(await admin.GetAsync($"/api/v1/awards/campaigns/{campaign}/ranking", Ct));

        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Contains("Bỏ khỏi danh sách rút gọn", html, StringComparison.Ordinal);
        Assert.True(Assert.Single(ranking.Ranking).Entry.Shortlisted);
        Assert.False(ranking.Ranking[0].Entry.Selected);
    }

    [Fact]
    public async Task Admin_opens_a_new_campaign_with_the_2023_rubric_and_defaults()
    {
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        using var focalPoint = await UnitScopeAssertions.FocalPointAsync(App);

        var opened = await TestApp.PostFormAsync(admin, "/awards?handler=Open", new() { ["NewName"] = "Tôn vinh 2024", ["NewYear"] = "2024" }, "/awards");
        var refused = await TestApp.PostFormAsync(focalPoint, "/awards?handler=Open", new() { ["NewName"] = "Không được", ["NewYear"] = "2024" }, "/awards");
        var campaigns = await TestApp.ReadAsync<List<CampaignView>>(await admin.GetAsync("/api/v1/awards/campaigns", Ct));

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.True(UnitScopeAssertions.IsForbidden(refused));
        var created = Assert.Single(campaigns, c => c.Settings.Name == "Tôn vinh 2024").Settings;
        Assert.Equal((2023, 2024, new DateOnly(2024, 8, 31), 5, 5), (created.FirstYear, created.LastYear, created.NominationDeadline, created.CitizenQuota, created.BusinessQuota));
        Assert.Equal(Campaign2023.Rubric.Select(c => c.Code), created.Rubric.Select(c => c.Code));
        Assert.DoesNotContain(campaigns, c => c.Settings.Name == "Không được");
    }

    [Fact]
    public async Task Every_awards_page_answers_its_role_and_the_public_sees_only_the_winners_page()
    {
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        using var reviewer = await App.SignInAsync("awards-pages-reviewer", Roles.Reviewer);
        using var anonymous = App.Anonymous();

        foreach (var path in new[] { "/awards", "/awards/results/1", "/awards/campaigns/1", "/awards/nominations?campaign=1", "/awards/nominate?campaign=1", "/awards?format=csv" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path, Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/awards/reviews?done=false", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/awards/reviews?format=xlsx", Ct)).StatusCode);
        Assert.True(UnitScopeAssertions.IsForbidden(await reviewer.GetAsync("/awards/nominate?campaign=1", Ct)));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/awards/winners", Ct)).StatusCode);
        Assert.Equal("/account/login", TestApp.PathOf((await anonymous.GetAsync("/awards", Ct)).Headers.Location));
        Assert.Contains("3179/BTTTT-CĐSQG", await admin.GetStringAsync("/awards", Ct), StringComparison.Ordinal);
    }
}
