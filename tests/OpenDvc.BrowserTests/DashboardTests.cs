using System.Net.Http.Json;
using Microsoft.Playwright;
using MiniExcelLibs;
using OpenDvc.Tests.Indicators;
using OpenDvc.Tests.Platform;

namespace OpenDvc.BrowserTests;

public sealed class DashboardTests(Browser browser, SqliteApp app) : BrowserTests(browser, app)
{
    [Fact]
    public async Task Public_dashboard_renders_charts_and_rankings_switches_to_english_and_back_exports_excel_and_shows_a_published_edition()
    {
        await IndicatorData.EnsureAsync(App);
        var page = await NewPageAsync();

        await page.GotoAsync("/");
        await page.Locator("main a[href='/dashboard']").ClickAsync();
        await page.WaitForURLAsync("**/dashboard");
        await page.GotoAsync("/dashboard?period=2023");
        var largestPaint = await page.EvaluateAsync<double>(
            "() => new Promise(resolve => new PerformanceObserver(list => { const e = list.getEntries(); resolve(e[e.length - 1].startTime); }).observe({ type: 'largest-contentful-paint', buffered: true }))");
        var charts = await page.Locator("svg.chart[role=img]").CountAsync();
        var chartTitle = await page.Locator("svg.chart title").First.TextContentAsync();
        var provinces = await page.Locator("table[data-group=Provinces] tbody tr").CountAsync();
        var firstProvince = await page.Locator("table[data-group=Provinces] tbody tr").First.Locator("th").InnerTextAsync();
        var liveStatus = await page.Locator("#edition-status").GetAttributeAsync("data-edition");
        var ministries = await page.Locator("table[data-group=Ministries] tbody tr").CountAsync();
        var heading = await page.Locator("h1").InnerTextAsync();
        await ScreenshotAsync(page, "dashboard-vi");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ngôn ngữ: English" }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard?period=2023");
        var englishHeading = await page.Locator("h1").InnerTextAsync();
        var englishChartTitle = await page.Locator("svg.chart title").First.TextContentAsync();
        await ScreenshotAsync(page, "dashboard-en");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-Provinces-xlsx").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"rankings-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        var sheet = MiniExcel.Query(file, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        File.Delete(file);
        await page.GetByRole(AriaRole.Link, new() { Name = "Language: Tiếng Việt" }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard?period=2023");
        var headingAgain = await page.Locator("h1").InnerTextAsync();

        // An admin publishes an edition of 2023; the public page then shows it instead of live figures.
        using var admin = await App.SignInAsync("browser-editions-admin", "admin");
        using var publish = await admin.PostAsJsonAsync("/api/v1/indicators/editions", new { period = "2023" }, TestContext.Current.CancellationToken);
        publish.EnsureSuccessStatusCode();
        await page.ReloadAsync();
        var editionStatus = await page.Locator("#edition-status").GetAttributeAsync("data-edition");
        var editionProvinces = await page.Locator("table[data-group=Provinces][data-edition] tbody tr").CountAsync();
        await ScreenshotAsync(page, "dashboard-edition-vi");

        Assert.Equal("Bảng điều khiển quốc gia về dịch vụ công trực tuyến", heading);
        Assert.Equal("National online public services dashboard", englishHeading);
        Assert.Equal(heading, headingAgain);
        Assert.Equal("live", liveStatus);
        Assert.NotEqual("live", editionStatus);
        Assert.Equal(provinces, editionProvinces);
        Assert.Equal(4, charts); // three monthly trends and the provinces' ranking bars
        Assert.Equal("Tỷ lệ hồ sơ trực tuyến từ xa theo tháng", chartTitle);
        Assert.Equal("Remote online dossier rate by month", englishChartTitle);
        Assert.Equal(63, provinces);
        Assert.True(ministries >= 22, $"{ministries} ministries");
        Assert.Equal("rankings-2023.xlsx", download.SuggestedFilename);
        // Downloaded in English: the heading's four lines and a blank one, then the headers and the 63 provinces.
        Assert.StartsWith("Rankings by the index", sheet[0].Values.First()?.ToString(), StringComparison.Ordinal);
        Assert.Equal("Period: year 2023", sheet[1].Values.First()?.ToString());
        Assert.StartsWith("Data up to ", sheet[2].Values.First()?.ToString(), StringComparison.Ordinal);
        Assert.Equal(["Group", "Rank", "Previous rank", "Change", "Unit code", "Unit", "Index points (of 100)", "Points with data"], sheet[5].Values.Take(8).Select(v => v?.ToString() ?? "").ToArray());
        Assert.Equal(6 + 63, sheet.Count);
        Assert.Equal("Provinces", sheet[6].Values.First()?.ToString());
        Assert.Equal(firstProvince, sheet[6].Values.ElementAt(5)?.ToString());
        Assert.True(largestPaint < 1000, $"largest contentful paint after {largestPaint:F0} ms");
    }
}
