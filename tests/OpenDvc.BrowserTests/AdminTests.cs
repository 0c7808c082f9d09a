using Microsoft.Playwright;
using MiniExcelLibs;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Platform;

namespace OpenDvc.BrowserTests;

public sealed class AdminTests(Browser browser, SqliteApp app) : BrowserTests(browser, app)
{
    [Fact]
    public async Task Admin_filters_the_audit_log_and_exports_it_to_excel()
    {
        await App.CreateUserAsync("browser-admin", Roles.Admin);
        await App.CreateUserAsync("browser-fp", Roles.FocalPoint, "01");
        var page = await NewPageAsync();

        await page.GotoAsync("/account/login?returnUrl=%2Fadmin%2Faudit");
        await page.GetByLabel("Tên đăng nhập").FillAsync("browser-admin");
        await page.GetByLabel("Mật khẩu").FillAsync(TestApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await ArrivedAsync(page, "**/admin/audit");
        await page.GetByLabel("Loại đối tượng").SelectOptionAsync("UserRole");
        await page.GetByLabel("Khóa đối tượng").FillAsync("browser-fp");
        await page.Locator("#audit-filters button[type=submit]").ClickAsync();
        await ArrivedAsync(page, new System.Text.RegularExpressions.Regex("/admin/audit\\?.*entitykey=browser-fp", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        var rows = await page.Locator("#audit-table > tbody > tr").CountAsync();
        await page.Locator("#audit-table details summary").First.ClickAsync();
        await ScreenshotAsync(page, "admin-audit-filtered");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-xlsx").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        var sheet = MiniExcel.Query(file, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        File.Delete(file);

        Assert.Equal(1, rows);
        Assert.Equal("audit-log.xlsx", download.SuggestedFilename);
        Assert.Equal(["Số", "Thời điểm", "Người thực hiện", "Thao tác", "Loại đối tượng", "Khóa đối tượng", "Đơn vị", "Trước", "Sau"], sheet[0].Values.Select(v => v?.ToString() ?? "").ToArray());
        Assert.Equal(2, sheet.Count);
        Assert.Equal("browser-fp", sheet[1]["F"]?.ToString());
    }
}
