using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Appraisal;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Awards.Results;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;
using static OpenDvc.Tests.Awards.AwardsData;

namespace OpenDvc.Tests.Awards;

/// <summary>Balanced assignment without conflicts of interest, scoring, the admin's decisions, publication and the public results.</summary>
public abstract class AppraisalTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, int> GoodScores = Campaign2023.Rubric.ToDictionary(c => c.Code, _ => 8);

    /// <summary>The same three reviewers in every test: experts of units 24 and 25, and one of the agency.</summary>
    private async Task<(HttpClient Expert24, HttpClient Expert25, HttpClient Central)> ReviewersAsync() =>
        (await App.SignInAsync("rev-24", Roles.Reviewer, "24"), await App.SignInAsync("rev-25", Roles.Reviewer, "25"), await App.SignInAsync("rev-central", Roles.Reviewer));

    private async Task<List<NominationView>> NominateAsync(HttpClient admin, int campaign, string unit, int count)
    {
        var nominations = new List<NominationView>();
        foreach (var procedure in await FullProcessServicesAsync(App, unit, count))
        {
            var input = new NominationInput(unit, procedure, NominationCategory.CitizenServices, "Mô tả", "Liên hệ", "lienhe@example.gov.vn", null);
            nominations.Add(await TestApp.ReadAsync<NominationView>(await admin.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations", input, Json.Options, Ct)));
        }

        return nominations;
    }

    private async Task<List<(int NominationId, string Reviewer, string? ReviewerUnit, string NominationUnit)>> AssignmentsAsync(int campaign)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var rows = await (from r in db.Set<Review>()
                          join n in db.Set<Nomination>() on r.NominationId equals n.Id
                          join u in db.Set<User>() on r.ReviewerUserName equals u.UserName
                          where n.CampaignId == campaign
                          select new { r.NominationId, r.ReviewerUserName, u.UnitCode, NominationUnit = n.UnitCode }).ToListAsync(Ct);
        return rows.Select(r => (r.NominationId, r.ReviewerUserName, (string?)r.UnitCode, r.NominationUnit)).ToList();
    }

    [Fact]
    public async Task Assignment_is_balanced_and_never_gives_an_expert_their_own_units_nomination()
    {
        await ReviewersAsync();
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0, ReviewersPerNomination = 2 }));
        await NominateAsync(admin, campaign, "24", 2);
        await NominateAsync(admin, campaign, "25", 2);

        var first = await TestApp.ReadAsync<AssignmentResult>(await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/assignments", null, Ct));
        var again = await TestApp.ReadAsync<AssignmentResult>(await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/assignments", null, Ct));
        var assignments = await AssignmentsAsync(campaign);

        Assert.Equal(8, first.Added);
        Assert.Equal(0, again.Added);
        Assert.All(assignments, a => Assert.NotEqual(a.NominationUnit, a.ReviewerUnit));
        Assert.All(assignments.GroupBy(a => a.NominationId), g => Assert.Equal(2, g.Select(a => a.Reviewer).Distinct().Count()));
        Assert.Equal([("rev-24", 2), ("rev-25", 2), ("rev-central", 4)],
            assignments.GroupBy(a => a.Reviewer).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())));
    }

    [Fact]
    public async Task The_api_refuses_a_score_on_the_reviewers_own_unit_and_on_what_is_not_assigned()
    {
        var (expert24, expert25, central) = await ReviewersAsync();
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0, ReviewersPerNomination = 1 }));
        var nomination = (await NominateAsync(admin, campaign, "24", 1))[0];
        await TestApp.ReadAsync<AssignmentResult>(await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/assignments", null, Ct));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            // Even a stray assignment (made by hand in the database) does not let the expert score their own unit.
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            db.Add(new Review { NominationId = nomination.Id, ReviewerUserName = "rev-24" });
            await db.SaveChangesAsync(Ct);
        }

        var path = $"/api/v1/awards/nominations/{nomination.Id}/scores";
        var own = await expert24.PutAsJsonAsync(path, new ScoreInput(GoodScores, "Tốt"), Ct);
        var notAssigned = await central.PutAsJsonAsync(path, new ScoreInput(GoodScores, "Tốt"), Ct);
        var outOfScale = await expert25.PutAsJsonAsync(path, new ScoreInput(GoodScores.ToDictionary(s => s.Key, _ => 11), null), Ct);
        var scored = await expert25.PutAsJsonAsync(path, new ScoreInput(GoodScores, "Giảm nhiều thời gian đi lại"), Ct);
        var done = await TestApp.ReadAsync<List<ReviewView>>(await expert25.GetAsync("/api/v1/awards/reviews?done=true", Ct));
        var todo = await TestApp.ReadAsync<List<ReviewView>>(await expert25.GetAsync("/api/v1/awards/reviews?done=false", Ct));
        var viewer = await App.SignInAsync("awards-viewer", Roles.Viewer);
        var asViewer = await viewer.PutAsJsonAsync(path, new ScoreInput(GoodScores, null), Ct);

        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("OD-AWARD-CONFLICT-OF-INTEREST", await own.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, notAssigned.StatusCode);
        Assert.Contains("OD-AWARD-NOT-ASSIGNED", await notAssigned.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfScale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, scored.StatusCode);
        Assert.Equal(80m, Assert.Single(done, r => r.NominationId == nomination.Id).Total);
        Assert.DoesNotContain(todo, r => r.NominationId == nomination.Id);
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
    }

    [Fact]
    public async Task Admin_selects_and_publishes_and_only_then_the_public_sees_the_winner_with_its_evidence()
    {
        await ReviewersAsync();
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        using var anonymous = App.Anonymous();
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0, ReviewersPerNomination = 1, Name = "Đợt công bố thử" }));
        var nomination = (await NominateAsync(admin, campaign, "26", 1))[0];
        await TestApp.ReadAsync<AssignmentResult>(await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/assignments", null, Ct));
        var reviewer = (await AssignmentsAsync(campaign)).Single().Reviewer;
        using var reviewerClient = await App.SignInAsync(reviewer, Roles.Reviewer);
        Assert.Equal(HttpStatusCode.NoContent, (await reviewerClient.PutAsJsonAsync($"/api/v1/awards/nominations/{nomination.Id}/scores", new ScoreInput(GoodScores, null), Ct)).StatusCode);

        var ranking = await TestApp.ReadAsync<RankingView>(await admin.GetAsync($"/api/v1/awards/campaigns/{campaign}/ranking", Ct));
        var emptyPublish = await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/publish", null, Ct);
        var decided = await admin.PutAsJsonAsync($"/api/v1/awards/nominations/{nomination.Id}/decision", new DecisionInput(true, true), Ct);
        var beforePublish = await anonymous.GetStringAsync("/api/v1/awards/results", Ct);
        var published = await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/publish", null, Ct);
        var results = await TestApp.ReadAsync<List<PublishedResults>>(await anonymous.GetAsync("/api/v1/awards/results", Ct));
        var lateScore = await reviewerClient.PutAsJsonAsync($"/api/v1/awards/nominations/{nomination.Id}/scores", new ScoreInput(GoodScores, null), Ct);
        var rankingCsv = await admin.GetStringAsync($"/api/v1/awards/campaigns/{campaign}/ranking/export?format=csv", Ct);
        var scoresCsv = await admin.GetStringAsync($"/api/v1/awards/campaigns/{campaign}/scores/export?format=csv", Ct);
        var spreadCsv = await admin.GetStringAsync($"/api/v1/awards/campaigns/{campaign}/spread/export?format=csv", Ct);
        await using var scope = App.Services.CreateAsyncScope();
        var nominationKey = nomination.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var campaignKey = campaign.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<AuditEntry>()
            .Where(e => (e.EntityType == nameof(Nomination) && e.EntityKey == nominationKey) || (e.EntityType == nameof(AwardCampaign) && e.EntityKey == campaignKey) || e.EntityType == nameof(Review))
            .Select(e => new { e.EntityType, e.Action, e.After }).ToListAsync(Ct);

        var row = Assert.Single(ranking.Ranking);
        Assert.Equal(80m, row.PanelScore);
        Assert.Equal(Math.Round((0.4m * nomination.DataScore) + (0.6m * 80m), 2), row.FinalScore);
        Assert.Contains("z-score", ranking.Rule, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, emptyPublish.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, decided.StatusCode);
        Assert.DoesNotContain("Đợt công bố thử", beforePublish, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, published.StatusCode);
        var winner = Assert.Single(Assert.Single(results, r => r.CampaignId == campaign).Winners);
        Assert.Equal(nomination.ProcedureCode, winner.ProcedureCode);
        Assert.NotNull(winner.Nomination.Evidence);
        Assert.Null(winner.Nomination.ContactEmail);
        Assert.Equal(HttpStatusCode.Conflict, lateScore.StatusCode);
        Assert.Contains($",{nomination.Id},26,", rankingCsv, StringComparison.Ordinal);
        Assert.Contains(reviewer, scoresCsv, StringComparison.Ordinal);
        Assert.Contains($"{reviewer},1,80", spreadCsv, StringComparison.Ordinal);
        Assert.Contains(audit, e => e.EntityType == nameof(Review) && e.Action == "update" && e.After!.Contains("\"Scores\"", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.EntityType == nameof(Nomination) && e.Action == "update" && e.After!.Contains("\"Selected\":true", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.EntityType == nameof(AwardCampaign) && e.Action == "update" && e.After!.Contains("\"PublishedAt\":\"20", StringComparison.Ordinal));
    }
    [Fact]
    public async Task Publishing_asks_for_confirmation_and_the_winners_page_names_the_unit_issue_18()
    {
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        using var anonymous = App.Anonymous();
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0, Name = "Đợt xác nhận công bố" }));
        var nomination = (await NominateAsync(admin, campaign, "22", 1))[0];
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/awards/nominations/{nomination.Id}/decision", new DecisionInput(true, true), Ct)).StatusCode);
        var confirm = $"/awards/results/{campaign}/publish";

        var results = await admin.GetStringAsync($"/awards/results/{campaign}", Ct);
        var confirmation = await admin.GetStringAsync(confirm, Ct);
        var unconfirmed = await TestApp.PostFormAsync(admin, confirm, []);
        var oldButton = await TestApp.PostFormAsync(admin, $"/awards/results/{campaign}?handler=Publish", [], $"/awards/results/{campaign}");
        var stillUnpublished = await anonymous.GetStringAsync("/awards/winners", Ct);
        var confirmed = await TestApp.PostFormAsync(admin, confirm, new() { ["Confirm"] = "true" });
        var winners = await anonymous.GetStringAsync("/awards/winners", Ct);

        Assert.Contains($"href=\"{confirm}\"", results, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Publish", results, StringComparison.Ordinal);
        Assert.Contains(nomination.ProcedureCode, confirmation, StringComparison.Ordinal);
        Assert.Contains("Tỉnh Quảng Ninh", confirmation, StringComparison.Ordinal);
        Assert.Contains("name=\"Confirm\"", confirmation, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, oldButton.StatusCode);
        Assert.DoesNotContain("Đợt xác nhận công bố", stillUnpublished, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var section = winners[winners.IndexOf("Đợt xác nhận công bố", StringComparison.Ordinal)..];
        Assert.Contains("<a href=\"/units/22\">Tỉnh Quảng Ninh</a>", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=\"/units/22\">22</a>", section, StringComparison.Ordinal);
    }
}

public sealed class AppraisalTestsOnSqlite(SqliteApp fixture) : AppraisalTests<SqliteApp>(fixture);

public sealed class AppraisalTestsOnPostgres(PostgresApp fixture) : AppraisalTests<PostgresApp>(fixture);
