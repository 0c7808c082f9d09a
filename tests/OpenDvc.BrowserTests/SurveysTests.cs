using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Platform;

namespace OpenDvc.BrowserTests;

/// <summary>Issue 16 in Chromium: an admin builds and opens a survey, a focal point answers it, the admin sees the chart.</summary>
public sealed partial class SurveysTests(Browser browser, SqliteApp app) : BrowserTests(browser, app)
{
    [Fact]
    public async Task An_admin_builds_and_opens_a_survey_a_focal_point_answers_it_and_the_admin_sees_the_answer_in_the_chart()
    {
        // 48 (Đà Nẵng) is in force before and after the 2025 reorganisations, so it is asked whatever day the test runs.
        await App.CreateUserAsync("browser-surveys-admin", Roles.Admin);
        await App.CreateUserAsync("browser-surveys-fp-48", Roles.FocalPoint, "48");
        var title = $"Khảo sát thử trên trình duyệt {Guid.NewGuid():N}"[..40];
        var admin = await NewPageAsync();

        await SignInAsync(admin, "browser-surveys-admin", "/surveys");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Lập khảo sát mới" }).ClickAsync();
        await ArrivedAsync(admin, "**/surveys/edit");
        await admin.GetByLabel("Mã bộ khảo sát").FillAsync("browser-test");
        await admin.GetByLabel("Tiêu đề tiếng Việt").FillAsync(title);
        await admin.GetByLabel("Tiêu đề tiếng Anh").FillAsync("A browser test survey");
        var question = admin.Locator("#question-1");
        await question.GetByLabel("Mã câu hỏi").FillAsync("obstacle");
        await question.GetByLabel("Loại câu hỏi").SelectOptionAsync("SingleChoice");
        await question.GetByLabel("Bắt buộc trả lời").CheckAsync();
        await question.GetByLabel("Câu hỏi bằng tiếng Việt").FillAsync("Vướng mắc lớn nhất?");
        await question.GetByLabel("Câu hỏi bằng tiếng Anh").FillAsync("The main obstacle?");
        await question.GetByLabel("Câu 1, phương án 1: tiếng Việt").FillAsync("Thiếu kết nối dữ liệu");
        await question.GetByLabel("Câu 1, phương án 1: tiếng Anh").FillAsync("No data links");
        await question.GetByLabel("Câu 1, phương án 2: tiếng Việt").FillAsync("Quy định còn yêu cầu giấy");
        await question.GetByLabel("Câu 1, phương án 2: tiếng Anh").FillAsync("Rules still ask for paper");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp" }).Last.ClickAsync();
        await ArrivedAsync(admin, DraftSaved());
        await admin.GetByRole(AriaRole.Link, new() { Name = "Mở khảo sát…" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Xác nhận mở khảo sát" }).ClickAsync();
        await ArrivedAsync(admin, "**?saved=Open");
        var id = SurveyId().Match(admin.Url).Groups[1].Value;
        var state = await admin.Locator("#survey-state").InnerTextAsync();

        var focal = await NewPageAsync();
        await SignInAsync(focal, "browser-surveys-fp-48", "/surveys");
        await focal.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await ArrivedAsync(focal, $"**/surveys/{id}/units/48");
        await focal.GetByLabel("Quy định còn yêu cầu giấy").CheckAsync();
        await focal.GetByRole(AriaRole.Button, new() { Name = "Gửi câu trả lời" }).ClickAsync();
        await ArrivedAsync(focal, "**?saved=sent");
        await ScreenshotAsync(focal, "surveys-focal-point-sent-vi");

        await admin.GotoAsync($"/surveys/{id}/results");
        var bars = await admin.Locator("#chart-obstacle rect.chart-bar title").AllTextContentsAsync();
        var heights = await admin.Locator("#chart-obstacle rect.chart-bar").EvaluateAllAsync<double[]>("bars => bars.map(b => b.height.baseVal.value)");
        var description = await admin.Locator("#chart-obstacle desc").TextContentAsync();
        await ScreenshotAsync(admin, "surveys-results-chart-vi");

        Assert.Equal("Trạng thái: Đang mở", state);
        Assert.Equal(["Thiếu kết nối dữ liệu: 0", "Quy định còn yêu cầu giấy: 1"], bars);
        Assert.Equal(0, heights[0]);
        Assert.True(heights[1] > 0, "the answered option's bar is drawn");
        Assert.Equal("Thiếu kết nối dữ liệu: 0; Quy định còn yêu cầu giấy: 1", description);
    }

    [GeneratedRegex(@"/surveys/edit/\d+\?saved=draft$")]
    private static partial Regex DraftSaved();

    [GeneratedRegex(@"/surveys/edit/(\d+)")]
    private static partial Regex SurveyId();
}
