using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Awards.Results;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Tests.Platform;
using static OpenDvc.Tests.Awards.AwardsData;

namespace OpenDvc.Tests.Awards;

/// <summary>
/// Issue 18, "ministries and provinces are honoured apart": letter 3179 asks for the excellent services of ministries
/// and of provinces, so nominations are ranked and selected within each group and category, each group by its own
/// quota on the campaign, and the results pages, the public winners and the exports show the groups.
/// </summary>
public abstract class GroupRankingTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A submitted nomination with a given data score and no frozen evidence, built straight into the database (the ranking reads only these).</summary>
    private async Task<int> NominationAsync(int campaign, string unit, NominationCategory category, decimal dataScore)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var procedure = await db.Set<Procedure>().OrderBy(p => p.Code).Select(p => p.Code).FirstAsync(Ct);
        var nomination = new Nomination
        {
            CampaignId = campaign, UnitCode = unit, ProcedureCode = procedure, Category = category, Status = NominationStatus.Submitted,
            SubmittedAt = DateTimeOffset.UtcNow, DataScore = dataScore, Evidence = "null", Verdict = "null",
        };
        db.Add(nomination);
        await db.SaveChangesAsync(Ct);
        return nomination.Id;
    }

    private static async Task<Dictionary<string, RankedNomination>> RankingAsync(HttpClient admin, int campaign) =>
        (await TestApp.ReadAsync<RankingView>(await admin.GetAsync($"/api/v1/awards/campaigns/{campaign}/ranking", Ct))).Ranking
            .ToDictionary(r => $"{r.Entry.UnitCode}/{r.Entry.Category}");

    [Fact]
    public async Task Nominations_are_ranked_and_selected_within_each_group_and_category_by_the_groups_quotas_issue_18()
    {
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinistryAwards = 1, ProvinceAwards = 2 }));
        (string Unit, NominationCategory Category, decimal Score)[] nominations =
        [
            ("BTP", NominationCategory.CitizenServices, 90), ("BCA", NominationCategory.CitizenServices, 80), ("BYT", NominationCategory.CitizenServices, 70),
            ("01", NominationCategory.CitizenServices, 60), ("79", NominationCategory.CitizenServices, 50), ("48", NominationCategory.CitizenServices, 40),
            ("BTC", NominationCategory.BusinessServices, 85), ("02", NominationCategory.BusinessServices, 30),
        ];
        foreach (var (unit, category, score) in nominations)
        {
            await NominationAsync(campaign, unit, category, score);
        }

        using var admin = await App.SignInAsync("group-ranking-admin", Roles.Admin);
        var ranking = await RankingAsync(admin, campaign);
        var selection = await TestApp.ReadAsync<ResultsApi.SelectionView>(await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/select-within-quotas", null, Ct));
        var selected = (await RankingAsync(admin, campaign)).Values.Where(r => r.Entry.Selected).Select(r => r.Entry.UnitCode).Order(StringComparer.Ordinal);
        var export = await admin.GetStringAsync($"/api/v1/awards/campaigns/{campaign}/ranking/export?format=csv", Ct);

        Assert.Equal((1, 2, 3), (ranking["BTP/CitizenServices"].Rank, ranking["BCA/CitizenServices"].Rank, ranking["BYT/CitizenServices"].Rank));
        Assert.Equal((1, 2, 3), (ranking["01/CitizenServices"].Rank, ranking["79/CitizenServices"].Rank, ranking["48/CitizenServices"].Rank));
        Assert.Equal((1, 1), (ranking["BTC/BusinessServices"].Rank, ranking["02/BusinessServices"].Rank));
        Assert.Equal(UnitGroup.Provinces, ranking["01/CitizenServices"].Entry.Group);
        Assert.Equal(UnitGroup.Ministries, ranking["BTP/CitizenServices"].Entry.Group);
        Assert.Equal(5, selection.Selected);
        Assert.Equal(["01", "02", "79", "BTC", "BTP"], selected);
        Assert.StartsWith("group,category,rank", export, StringComparison.Ordinal);
        Assert.Contains("Provinces,CitizenServices,2", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ministry_service_never_displaces_a_provinces_even_with_a_higher_score_issue_18()
    {
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinistryAwards = 2, ProvinceAwards = 1 }));
        await NominationAsync(campaign, "BTP", NominationCategory.CitizenServices, 95);
        await NominationAsync(campaign, "BCA", NominationCategory.CitizenServices, 94);
        var third = await NominationAsync(campaign, "BYT", NominationCategory.CitizenServices, 93);
        var province = await NominationAsync(campaign, "22", NominationCategory.CitizenServices, 10);
        using var admin = await App.SignInAsync("group-ranking-admin", Roles.Admin);

        await TestApp.ReadAsync<ResultsApi.SelectionView>(await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/select-within-quotas", null, Ct));
        var overQuota = await admin.PutAsJsonAsync($"/api/v1/awards/nominations/{third}/decision", new DecisionInput(true, true), Json.Options, Ct);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/publish", null, Ct)).StatusCode);
        var published = (await TestApp.ReadAsync<List<PublishedResults>>(await App.Anonymous().GetAsync("/api/v1/awards/results", Ct))).Single(r => r.CampaignId == campaign);
        var page = await App.Anonymous().GetStringAsync("/awards/winners", Ct);
        var export = await App.Anonymous().GetStringAsync("/awards/winners?format=csv", Ct);

        Assert.Equal(HttpStatusCode.Conflict, overQuota.StatusCode);
        Assert.Contains("OD-AWARD-GROUP-QUOTA", await overQuota.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(["22", "BCA", "BTP"], published.Winners.Select(w => w.UnitCode).Order(StringComparer.Ordinal));
        var winner = published.Winners.Single(w => w.Nomination.Id == province);
        Assert.Equal((UnitGroup.Provinces, 1, "Tỉnh Quảng Ninh"), (winner.Group, winner.Rank, winner.UnitName));
        Assert.Contains("Tỉnh, thành phố trực thuộc Trung ương — ", page, StringComparison.Ordinal);
        Assert.Contains("Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ — ", page, StringComparison.Ordinal);
        Assert.Contains(",Provinces,CitizenServices,1,22,", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_groups_quotas_are_on_the_campaign_and_the_demo_campaign_has_them_issue_18()
    {
        using var admin = await App.SignInAsync("group-ranking-admin", Roles.Admin);
        var campaigns = await TestApp.ReadAsync<List<CampaignView>>(await admin.GetAsync("/api/v1/awards/campaigns", Ct));
        var demo = campaigns.First(c => c.Settings.Letter == OpenDvc.Directives.Demo.DemoDirectives.Honouring2023);

        var page = await admin.GetStringAsync($"/awards/campaigns/{demo.Id}", Ct);

        Assert.Equal((5, 10), (demo.Settings.MinistryAwards, demo.Settings.ProvinceAwards));
        Assert.Contains("name=\"Input.MinistryAwards\" type=\"number\" value=\"5\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.ProvinceAwards\" type=\"number\" value=\"10\"", page, StringComparison.Ordinal);
    }
}

public sealed class GroupRankingTestsOnSqlite(SqliteApp fixture) : GroupRankingTests<SqliteApp>(fixture);

public sealed class GroupRankingTestsOnPostgres(PostgresApp fixture) : GroupRankingTests<PostgresApp>(fixture);
