using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Directives.Demo;
using OpenDvc.Directives.Letters;
using OpenDvc.Ledger;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;
using static OpenDvc.Tests.Awards.AwardsData;

namespace OpenDvc.BrowserTests;

/// <summary>
/// Issue 18, "a nomination is the deliverable": on the demo data a focal point opens letter 3179's deliverable from
/// its unit's list, follows it to the demo campaign's nomination form, submits a nomination and finds the deliverable
/// sent. The demo ledger is empty in these tests, so the unit's service gets the 40 satisfied ratings that make it
/// eligible, in the campaign's first year.
/// </summary>
public sealed class NominationsDeliverableTests(Browser browser, SqliteApp app) : BrowserTests(browser, app)
{
    private const string Unit = "01";

    [Fact]
    public async Task Focal_point_walks_from_letter_3179s_deliverable_to_a_submitted_nomination_and_sees_it_sent_issue_18()
    {
        var ct = TestContext.Current.CancellationToken;
        int deliverable;
        int firstYear;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            var letters = await db.Set<Deliverable>().AsNoTracking().Where(d => d.Directive!.Number == DemoDirectives.Honouring2023).ToListAsync(ct);
            deliverable = letters.Single().Id;
            firstYear = await db.Set<AwardCampaign>().Where(c => c.Id == letters.Single().CampaignId).Select(c => c.FirstYear).SingleAsync(ct);
        }

        var procedure = (await FullProcessServicesAsync(App, Unit, 1))[0];
        await WriteAsync(App, Many(40, _ => Dossier(Unit, procedure, (firstYear * 100) + 2, DossierChannel.Direct, rating: 1)));
        await App.CreateUserAsync("browser-nominations-fp-01", Roles.FocalPoint, Unit);
        var focal = await NewPageAsync();

        await SignInAsync(focal, "browser-nominations-fp-01", $"/deliverables/{Unit}");
        var before = await focal.Locator("#unit-deliverables tr", new() { Has = focal.Locator($"a[href='/submissions/{deliverable}/{Unit}']") }).Locator("td").Last.InnerTextAsync();
        await focal.Locator($"#unit-deliverables a[href='/submissions/{deliverable}/{Unit}']").ClickAsync();
        await ArrivedAsync(focal, $"**/submissions/{deliverable}/{Unit}");
        var statusBefore = await focal.Locator("#submission-status").InnerTextAsync();
        await focal.Locator("#go-nominate").ClickAsync();
        await ArrivedAsync(focal, new System.Text.RegularExpressions.Regex("/awards/nominate\\?campaign=\\d+"));
        await focal.Locator("select[name=Procedure]").SelectOptionAsync(procedure);
        await focal.Locator("select[name=Category]").SelectOptionAsync("CitizenServices");
        await focal.Locator("textarea[name=Narrative]").FillAsync("Người dân được đánh giá hài lòng khi nộp hồ sơ.");
        await focal.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra điều kiện" }).ClickAsync();
        var verdict = await focal.Locator("#verdict-heading .badge").InnerTextAsync();
        await focal.GetByRole(AriaRole.Button, new() { Name = "Gửi đề xuất" }).ClickAsync();
        await ArrivedAsync(focal, "**/awards/nominations/*?submitted=true");
        await focal.GotoAsync($"/deliverables/{Unit}");
        var after = await focal.Locator("#unit-deliverables tr", new() { Has = focal.Locator($"a[href='/submissions/{deliverable}/{Unit}']") }).Locator("td").Last.InnerTextAsync();
        await focal.Locator($"#unit-deliverables a[href='/submissions/{deliverable}/{Unit}']").ClickAsync();
        await ArrivedAsync(focal, $"**/submissions/{deliverable}/{Unit}");
        var statusAfter = await focal.Locator("#submission-status").InnerTextAsync();
        await ScreenshotAsync(focal, "directives-nominations-deliverable-sent-vi");

        Assert.Equal("Chưa đến hạn", before.Trim());
        Assert.NotEqual("Đã gửi", statusBefore);
        Assert.Equal("Đủ điều kiện", verdict);
        Assert.Equal("Đúng hạn", after.Trim());
        Assert.Equal("Đã gửi", statusAfter);
    }
}
