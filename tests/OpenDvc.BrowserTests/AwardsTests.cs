using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OpenDvc.Accounts.Users;
using OpenDvc.Ledger;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Tests.Platform;
using static OpenDvc.Tests.Awards.AwardsData;

namespace OpenDvc.BrowserTests;

public sealed class AwardsTests(Browser browser, SqliteApp app) : BrowserTests(browser, app)
{
    private async Task<IPage> SignInAsync(string userName, string returnUrl)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(TestApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await ArrivedAsync(page, "**" + returnUrl);
        return page;
    }

    [Fact]
    public async Task Focal_point_nominates_a_reviewer_scores_the_admin_publishes_and_the_public_sees_the_winner()
    {
        const string unit = "52";
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { Name = "Đợt thử trên trình duyệt", ReviewersPerNomination = 1 }));
        var procedure = (await FullProcessServicesAsync(App, unit, 1))[0];
        await WriteAsync(App, Many(40, i => Dossier(unit, procedure, 202303, DossierChannel.OnlineRemote, rating: (short)(i < 38 ? 1 : 3))));
        string name;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            name = await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<Procedure>().Where(p => p.Code == procedure).Select(p => p.Name).SingleAsync(TestContext.Current.CancellationToken);
        }

        await App.CreateUserAsync("browser-awards-fp", Roles.FocalPoint, unit);
        await App.CreateUserAsync("browser-awards-reviewer", Roles.Reviewer);
        await App.CreateUserAsync("browser-awards-admin", Roles.Admin);

        var focalPoint = await SignInAsync("browser-awards-fp", $"/awards/nominate?campaign={campaign}");
        await focalPoint.Locator("select[name=Procedure]").SelectOptionAsync(procedure);
        await focalPoint.Locator("select[name=Category]").SelectOptionAsync("CitizenServices");
        await focalPoint.Locator("textarea[name=Narrative]").FillAsync("Người dân nộp hồ sơ từ xa, không phải đến bộ phận một cửa.");
        await focalPoint.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra điều kiện" }).ClickAsync();
        var verdict = await focalPoint.Locator("#verdict-heading .badge").InnerTextAsync();
        var satisfaction = await focalPoint.Locator("[data-criterion='b2-satisfaction']").InnerTextAsync();
        await ScreenshotAsync(focalPoint, "awards-nominate-verdict-vi");
        await focalPoint.GetByRole(AriaRole.Button, new() { Name = "Gửi đề xuất" }).ClickAsync();
        await ArrivedAsync(focalPoint, "**/awards/nominations/*?submitted=true");
        var submitted = await focalPoint.Locator("[role=status]").InnerTextAsync();

        var admin = await SignInAsync("browser-awards-admin", $"/awards/results/{campaign}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Phân công chấm cân bằng (1 người mỗi đề xuất)" }).ClickAsync();
        await ArrivedAsync(admin, $"**/awards/results/{campaign}");

        var reviewer = await SignInAsync("browser-awards-reviewer", "/awards/reviews?done=false");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await ArrivedAsync(reviewer, "**/awards/reviews/*");
        foreach (var input in await reviewer.Locator("input[type=number]").AllAsync())
        {
            await input.FillAsync("8");
        }

        await reviewer.Locator("textarea[name=Comment]").FillAsync("Giảm nhiều chuyến đi cho người dân.");
        await ScreenshotAsync(reviewer, "awards-review-form-vi");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Lưu điểm" }).ClickAsync();
        await ArrivedAsync(reviewer, "**/awards/reviews?done=false");
        await reviewer.GotoAsync("/awards/reviews?done=true");
        var doneRows = await reviewer.Locator("tbody tr").AllInnerTextsAsync();

        await admin.ReloadAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Chọn tôn vinh {procedure}" }).ClickAsync();
        await ArrivedAsync(admin, $"**/awards/results/{campaign}");
        await ScreenshotAsync(admin, "awards-results-admin-vi");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Công bố kết quả" }).ClickAsync();
        await ArrivedAsync(admin, $"**/awards/results/{campaign}/publish");
        await admin.GetByRole(AriaRole.Checkbox).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Công bố kết quả" }).ClickAsync();
        await ArrivedAsync(admin, $"**/awards/results/{campaign}");

        var visitor = await NewPageAsync();
        await visitor.GotoAsync("/awards/winners");
        var section = visitor.Locator("section", new() { Has = visitor.GetByRole(AriaRole.Heading, new() { Name = "Đợt thử trên trình duyệt" }) });
        var winners = await section.Locator("table").First.Locator("tbody th[scope=row]").AllInnerTextsAsync();
        await ScreenshotAsync(visitor, "awards-winners-public-vi");
        var english = await NewPageAsync("en-GB");
        await english.GotoAsync("/awards/winners");
        var englishHeading = await english.Locator("h1").InnerTextAsync();
        var englishCaption = await english.Locator("section table caption").First.InnerTextAsync();
        await ScreenshotAsync(english, "awards-winners-public-en");

        Assert.Equal("Đủ điều kiện", verdict);
        Assert.Contains("38/40", satisfaction, StringComparison.Ordinal);
        Assert.Contains("Đã gửi đề xuất", submitted, StringComparison.Ordinal);
        Assert.Single(doneRows, r => r.Contains(name, StringComparison.Ordinal) && r.Contains("80", StringComparison.Ordinal));
        Assert.Equal([name], winners);
        Assert.Equal("Excellent online services", englishHeading);
        Assert.EndsWith(" — Services for citizens", englishCaption, StringComparison.Ordinal); // the group (ministries or provinces), then the category
    }
}
