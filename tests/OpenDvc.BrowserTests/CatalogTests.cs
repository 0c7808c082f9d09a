using Microsoft.Playwright;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Platform;

namespace OpenDvc.BrowserTests;

public sealed class CatalogTests(Browser browser, SqliteApp app) : BrowserTests(browser, app)
{
    [Fact]
    public async Task Signed_in_viewer_searches_the_procedure_catalog_and_switches_to_english()
    {
        await App.CreateUserAsync("catalog-viewer", Roles.Viewer);
        var page = await NewPageAsync();

        await page.GotoAsync("/account/login?returnUrl=%2Fprocedures");
        await page.GetByLabel("Tên đăng nhập").FillAsync("catalog-viewer");
        await page.GetByLabel("Mật khẩu").FillAsync(TestApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await ArrivedAsync(page, "**/procedures");
        await page.GetByLabel("Tìm theo mã hoặc tên").FillAsync("khai sinh");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm kiếm" }).ClickAsync();
        await ArrivedAsync(page, "**/procedures?q=*");
        var names = await page.Locator("tbody th[scope=row]").AllInnerTextsAsync();
        await ScreenshotAsync(page, "catalog-search-vi");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ngôn ngữ: English" }).ClickAsync();
        await ArrivedAsync(page, "**/procedures?q=*");
        var englishHeading = await page.Locator("h1").InnerTextAsync();
        var englishNames = await page.Locator("tbody th[scope=row]").AllInnerTextsAsync();
        await ScreenshotAsync(page, "catalog-search-en");

        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Contains("khai sinh", n, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Administrative procedures", englishHeading);
        Assert.Equal(names, englishNames);
        Assert.Equal("khai sinh", await page.GetByLabel("Search by code or name").InputValueAsync());
    }

    [Fact]
    public async Task Procedure_page_lists_the_units_offering_it()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/procedures?q=khai%20sinh");
        await page.Locator("tbody td a").First.ClickAsync();
        await ArrivedAsync(page, "**/procedures/*");
        var offered = await page.Locator("tbody tr").CountAsync();
        await ScreenshotAsync(page, "procedure-page-vi");

        Assert.True(offered > 10, $"{offered} units");
        Assert.Contains("khai sinh", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Focal_point_changes_a_service_level_on_its_own_unit_page_without_javascript()
    {
        await App.CreateUserAsync("catalog-focal-52", Roles.FocalPoint, "52");
        var page = await NewPageAsync();

        await page.GotoAsync("/account/login?returnUrl=%2Funits%2F52%3Flevel%3DFullProcess");
        await page.GetByLabel("Tên đăng nhập").FillAsync("catalog-focal-52");
        await page.GetByLabel("Mật khẩu").FillAsync(TestApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await ArrivedAsync(page, "**/units/52?level=FullProcess");
        var firstRow = page.Locator("#service-table tbody tr").First;
        var code = await firstRow.Locator("td a").First.InnerTextAsync();
        await firstRow.GetByRole(AriaRole.Button, new() { Name = $"Đổi mức {code}: Một phần" }).ClickAsync();
        await ArrivedAsync(page, "**/units/52?saved=true");
        await page.Locator("details summary").First.ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, "unit-page-focal-point-vi.png") });
        var row = page.Locator("#service-table tbody tr", new() { Has = page.Locator($"a[href='/procedures/{code}']") });

        Assert.Equal("Một phần", await row.Locator(".badge").InnerTextAsync());
        Assert.Equal("Đã lưu.", await page.Locator("[role=status]").InnerTextAsync());
    }
}
