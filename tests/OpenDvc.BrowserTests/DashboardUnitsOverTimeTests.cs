using System.Globalization;

namespace OpenDvc.BrowserTests;

/// <summary>Issue 15: the dashboard's rankings hold the units in force on the period's last day (63 provinces in 2023, 34 today).</summary>
public sealed class DashboardUnitsOverTimeTests(Browser browser, OpenDvc.Tests.Platform.SqliteApp app) : BrowserTests(browser, app)
{
    [Fact]
    public async Task The_dashboard_for_2023_lists_63_provinces_and_for_the_current_year_34()
    {
        var page = await NewPageAsync();
        var currentYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Year.ToString(CultureInfo.InvariantCulture);

        await page.GotoAsync("/dashboard?period=2023");
        var provinces2023 = await page.Locator("table[data-group=Provinces] tbody tr").CountAsync();
        var names2023 = await page.Locator("table[data-group=Provinces] tbody th").AllInnerTextsAsync();
        await page.Locator("#period-picker select[name=year]").SelectOptionAsync(currentYear);
        await page.Locator("#period-picker button[type=submit]").ClickAsync();
        await page.WaitForURLAsync($"**/dashboard?year={currentYear}*");
        var provincesNow = await page.Locator("table[data-group=Provinces] tbody tr").CountAsync();
        var namesNow = await page.Locator("table[data-group=Provinces] tbody th").AllInnerTextsAsync();
        var note = await page.Locator("#ranking-units-on").InnerTextAsync();
        await ScreenshotAsync(page, "dashboard-units-now-vi");

        Assert.Equal(63, provinces2023);
        Assert.Equal(34, provincesNow);
        Assert.Contains("Tỉnh Bình Dương", names2023);
        Assert.DoesNotContain("Tỉnh Bình Dương", namesNow);
        Assert.Contains("Thành phố Hồ Chí Minh", namesNow);
        Assert.Contains($"31/12/{currentYear}", note, StringComparison.Ordinal);
    }
}
