using Microsoft.Playwright;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Directives;
using OpenDvc.Tests.Platform;

namespace OpenDvc.BrowserTests;

public sealed class DirectivesTests(Browser browser, SqliteApp app) : BrowserTests(browser, app)
{
    [Fact]
    public async Task Focal_point_uploads_and_submits_a_catalog_the_admin_returns_it_and_the_matrix_follows()
    {
        await App.CreateUserAsync("browser-fp-08", Roles.FocalPoint, "08");
        await App.CreateUserAsync("browser-directives-admin", Roles.Admin);
        var catalog = await DirectivesData.DemoCatalogAsync(App);
        var submission = $"/submissions/{catalog}/08";
        var matrix = "/compliance?units=Provinces&kind=ProcedureCatalog";
        var focal = await NewPageAsync();

        await SignInAsync(focal, "browser-fp-08", submission);
        var template = await focal.RunAndWaitForDownloadAsync(() => focal.GetByRole(AriaRole.Link, new() { Name = "Tải mẫu Excel (danh mục hiện tại)" }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"catalog-08-{Guid.NewGuid():N}.xlsx");
        await template.SaveAsAsync(file);
        await focal.GetByLabel("Tệp danh mục (.xlsx hoặc .csv)").SetInputFilesAsync(file);
        await focal.GetByRole(AriaRole.Button, new() { Name = "Tải lên danh mục" }).ClickAsync();
        await ArrivedAsync(focal, "**?saved=catalog");
        await focal.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await ArrivedAsync(focal, "**?saved=submitted");
        var focalStatus = await focal.Locator("#submission-status").InnerTextAsync();
        await ScreenshotAsync(focal, "directives-focal-point-submitted-vi");
        File.Delete(file);

        var admin = await NewPageAsync();
        await SignInAsync(admin, "browser-directives-admin", matrix);
        var before = await CellAsync(admin, catalog);
        await admin.GotoAsync(submission);
        await admin.GetByLabel("Ý kiến").First.FillAsync("Thiếu lý do đối với thủ tục một phần.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();
        await ArrivedAsync(admin, "**?saved=returned");
        await admin.GotoAsync(matrix);
        var after = await CellAsync(admin, catalog);
        await ScreenshotAsync(admin, "directives-compliance-matrix-returned-vi");

        Assert.Equal("Đã gửi", focalStatus);
        Assert.Equal("Trễ hạn", before);
        Assert.Equal("Bị trả lại", after);
    }

    private static Task<string> CellAsync(IPage page, int deliverable) =>
        page.Locator($"tr[data-unit='08'] td[data-deliverable='{deliverable}'] a").InnerTextAsync();
}
