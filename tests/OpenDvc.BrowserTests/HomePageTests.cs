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
        var languageLink = page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Ngôn ngữ: English" });
        var contrast = await languageLink.EvaluateAsync<double>(ContrastOfTextWithItsBackground);
        await languageLink.ClickAsync();
        await ArrivedAsync(page, "**/");
        var englishHeading = await page.Locator("h1").InnerTextAsync();
        await ScreenshotAsync(page, "home-en");

        Assert.Equal("Chương trình dịch vụ công trực tuyến", vietnameseHeading);
        Assert.Equal("Online public services programme", englishHeading);
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.True(contrast >= 4.5, $"the language switch's text has a contrast of {contrast:0.00}:1 with its background (WCAG AA: 4.5:1)");
    }

    /// <summary>WCAG's contrast ratio between an element's text colour and its own background colour.</summary>
    private const string ContrastOfTextWithItsBackground = """
        element => {
            const style = getComputedStyle(element);
            const luminance = css => {
                const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(v => {
                    const c = Number(v) / 255;
                    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
                });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
            return (a + 0.05) / (b + 0.05);
        }
        """;
}
