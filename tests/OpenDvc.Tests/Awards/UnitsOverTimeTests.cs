using System.Net;
using System.Net.Http.Json;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Appraisal;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Awards.Results;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;
using static OpenDvc.Tests.Awards.AwardsData;

namespace OpenDvc.Tests.Awards;

/// <summary>
/// Issue 15: a campaign's eligible units are those in force on its last day (its deadline, or the end of its last
/// covered year if earlier): 10 (the old Lào Cai, ended 30/6/2025) neither nominates nor gets an extension in a
/// 2024–2025 campaign; 15, the new Lào Cai, does; in a 2022–2023 campaign 10 still does.
/// </summary>
public abstract class UnitsOverTimeTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NominationInput Draft(string unit, string procedure) =>
        new(unit, procedure, NominationCategory.CitizenServices, "Dịch vụ được người dân sử dụng nhiều.", "Nguyễn Văn An", "an@example.gov.vn", "024 3000 0000", Draft: true);

    [Fact]
    public async Task Only_units_in_force_on_the_campaigns_last_day_nominate_and_get_extensions()
    {
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { FirstYear = 2024, LastYear = 2025 }));
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        var oldLaoCai = (await FullProcessServicesAsync(App, "10", 1))[0];
        var laoCai = (await FullProcessServicesAsync(App, "15", 1))[0];

        var ended = await admin.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations", Draft("10", oldLaoCai), Json.Options, Ct);
        var successor = await admin.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations", Draft("15", laoCai), Json.Options, Ct);
        var extension = await admin.PutAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/extensions/10",
            new { until = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(2)), reason = "Sắp xếp đơn vị hành chính" }, Json.Options, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ended.StatusCode);
        var problem = await ended.Content.ReadAsStringAsync(Ct);
        Assert.Contains("OD-AWARD-UNIT-NOT-IN-FORCE", problem, StringComparison.Ordinal);
        Assert.Contains("15", problem, StringComparison.Ordinal);
        Assert.True(successor.IsSuccessStatusCode, await successor.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, extension.StatusCode);
    }

    [Fact]
    public async Task A_published_winner_is_named_as_on_the_campaigns_last_day()
    {
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        using var anonymous = App.Anonymous();
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0, ReviewersPerNomination = 1, Name = "Đợt 2022–2023, tên theo thời gian" }));
        var input = new NominationInput("15", (await FullProcessServicesAsync(App, "15", 1))[0], NominationCategory.CitizenServices, "Mô tả", "Liên hệ", "lienhe@example.gov.vn", null);
        var nomination = await TestApp.ReadAsync<NominationView>(await admin.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations", input, Json.Options, Ct));
        using var reviewer = await App.SignInAsync("rev-names", Roles.Reviewer);
        var scores = Campaign2023.Rubric.ToDictionary(c => c.Code, _ => 8);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            // One reviewer assigned by hand: the assignment's balancing is not what this test is about.
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            db.Add(new Review { NominationId = nomination.Id, ReviewerUserName = "rev-names" });
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await reviewer.PutAsJsonAsync($"/api/v1/awards/nominations/{nomination.Id}/scores", new ScoreInput(scores, null), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/awards/nominations/{nomination.Id}/decision", new DecisionInput(true, true), Ct)).StatusCode);
        var publishPage = await admin.GetStringAsync($"/awards/results/{campaign}/publish", Ct);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/publish", null, Ct)).StatusCode);
        var results = await TestApp.ReadAsync<List<PublishedResults>>(await anonymous.GetAsync("/api/v1/awards/results", Ct));

        Assert.Equal("Tỉnh Yên Bái", Assert.Single(Assert.Single(results, r => r.CampaignId == campaign).Winners).UnitName);
        Assert.Contains("Tỉnh Yên Bái", publishPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_that_ended_after_a_campaigns_years_is_eligible_in_it()
    {
        var campaign = await CreateCampaignAsync(App, Campaign());
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);

        var extension = await admin.PutAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/extensions/10",
            new { until = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(2)), reason = "Gia hạn" }, Json.Options, Ct);
        var nominated = await admin.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations", Draft("10", (await FullProcessServicesAsync(App, "10", 1))[0]), Json.Options, Ct);

        Assert.Equal(HttpStatusCode.NoContent, extension.StatusCode);
        Assert.True(nominated.IsSuccessStatusCode, await nominated.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class UnitsOverTimeTestsOnSqlite(SqliteApp fixture) : UnitsOverTimeTests<SqliteApp>(fixture);

public sealed class UnitsOverTimeTestsOnPostgres(PostgresApp fixture) : UnitsOverTimeTests<PostgresApp>(fixture);
