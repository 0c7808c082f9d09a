using OpenDvc.Tests.Platform;

namespace OpenDvc.BrowserTests;

public sealed class HomePageTests(Browser browser, SqliteApp app) : BrowserTests(browser, app)
{
    [Fact]
    public async Task Home_page_is_vietnamese_first_and_switches_to_english()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/");
        var vietnameseHeading = await page.Locator("h1").InnerTextAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Ngôn ngữ: English" }).ClickAsync();
        await page.WaitForURLAsync("**/");
        var englishHeading = await page.Locator("h1").InnerTextAsync();
        await ScreenshotAsync(page, "home-en");

        Assert.Equal("Chương trình dịch vụ công trực tuyến", vietnameseHeading);
        Assert.Equal("Online public services programme", englishHeading);
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
    }
}
