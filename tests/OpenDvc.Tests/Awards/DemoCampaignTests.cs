using System.Net;
using System.Net.Http.Json;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Directives.Demo;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Time;
using OpenDvc.Tests.Directives;
using OpenDvc.Tests.Platform;
using static OpenDvc.Tests.Awards.AwardsData;

namespace OpenDvc.Tests.Awards;

/// <summary>
/// The demo data a newcomer meets on first start (issue 18): the letters with their own dates, and an awards campaign
/// open on the day the app first starts, covering that year and the one before.
/// </summary>
public abstract class DemoCampaignTests<TFixture>(TFixture fixture, Func<TFixture, Microsoft.Extensions.Time.Testing.FakeTimeProvider> clock) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private readonly TFixture fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_campaign_is_open_on_the_first_day_and_a_focal_point_nominates_without_an_extension()
    {
        var today = VietnamTime.DateOf(clock(fixture).GetUtcNow());
        using var admin = await App.SignInAsync("demo-admin", Roles.Admin);
        using var focalPoint = await App.SignInAsync("demo-fp-36", Roles.FocalPoint, "36");
        var campaigns = await TestApp.ReadAsync<List<CampaignView>>(await admin.GetAsync("/api/v1/awards/campaigns", Ct));
        var demo = Assert.Single(campaigns, c => c.Settings.Letter == DemoDirectives.Honouring2023);
        var procedure = await SatisfyingServiceAsync(App, "36");

        var nominated = await focalPoint.PostAsJsonAsync($"/api/v1/awards/campaigns/{demo.Id}/nominations",
            new NominationInput("36", procedure, NominationCategory.CitizenServices, "Dịch vụ được đánh giá cao.", "Trần Thị Bình", "binh@example.gov.vn", null), Json.Options, Ct);

        Assert.Equal((today.Year - 1, today.Year), (demo.Settings.FirstYear, demo.Settings.LastYear));
        Assert.InRange(demo.Settings.NominationDeadline, today, today.AddYears(1));
        Assert.True(demo.Settings.AnnouncementDate > demo.Settings.NominationDeadline);
        Assert.Equal(HttpStatusCode.Created, nominated.StatusCode);
    }

    [Fact]
    public async Task The_demo_letters_carry_their_own_dates()
    {
        using var anonymous = App.Anonymous();

        var directives = await TestApp.ReadAsync<List<DirectiveView>>(await anonymous.GetAsync("/api/v1/directives", Ct));

        Assert.Equal(new DateOnly(2021, 7, 21), Assert.Single(directives, d => d.Number == DemoDirectives.Level4Plan2021).Date);
        Assert.Equal(new DateOnly(2023, 8, 7), Assert.Single(directives, d => d.Number == DemoDirectives.Honouring2023).Date);
    }
}

public sealed class DemoCampaignTestsOnSqlite(ClockedSqliteApp fixture) : DemoCampaignTests<ClockedSqliteApp>(fixture, f => f.Clock);

public sealed class DemoCampaignTestsOnPostgres(ClockedPostgresApp fixture) : DemoCampaignTests<ClockedPostgresApp>(fixture, f => f.Clock);
