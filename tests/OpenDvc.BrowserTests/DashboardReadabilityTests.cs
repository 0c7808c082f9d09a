using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Indicators;
using OpenDvc.Tests.Platform;

namespace OpenDvc.BrowserTests;

/// <summary>
/// Issue 17, in Chromium on a desktop (1366×900) and a phone (390×844): no text overflows its box, chart labels are
/// at least 11 px as rendered, the tile map has one tile per province of the period, and the pickers change the period.
/// </summary>
public sealed class DashboardReadabilityTests(Browser browser, SqliteApp app) : BrowserTests(browser, app)
{
    /// <summary>Elements whose text must fit: scroll boxes (.table-wrap, .chart-box) are left out, they scroll on purpose.</summary>
    private const string Overflowing = """
        () => {
            const boxes = [document.documentElement, document.querySelector('main'),
                ...document.querySelectorAll('main h1, main h2, main h3, main p, main label, main li, .card, .card span, figcaption, form.filters, nav')];
            return boxes.filter(e => e && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline')
                .map(e => `${e.tagName}#${e.id}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}: ${(e.textContent || '').trim().slice(0, 40)}`);
        }
        """;

    /// <summary>The smallest font of any chart or map label as drawn: its CSS size times the SVG's scale on screen.</summary>
    private const string SmallestChartLabel = """
        () => Math.min(...[...document.querySelectorAll('svg.chart text, svg.tile-map text')].map(t => {
            const svg = t.ownerSVGElement;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(getComputedStyle(t).fontSize) * scale;
        }))
        """;

    private static string CurrentYear => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Year.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task Dashboard_and_unit_page_text_fits_and_chart_labels_are_at_least_11_px(int width, int height)
    {
        await IndicatorData.EnsureAsync(App);
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(width, height);

        await page.GotoAsync("/dashboard?period=2023");
        var dashboardOverflow = await page.EvaluateAsync<string[]>(Overflowing);
        var dashboardSmallest = await page.EvaluateAsync<double>(SmallestChartLabel);
        var tiles = await page.Locator("#province-map a.tile").CountAsync();
        await ScreenshotAsync(page, $"dashboard-{width}");
        await page.Locator("#province-map").ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, $"dashboard-map-{width}.png") });
        await page.Locator("#trend-dossiers").ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, $"dashboard-dossiers-chart-{width}.png") });
        await page.GotoAsync("/indicators/units/79?period=2023");
        var unitOverflow = await page.EvaluateAsync<string[]>(Overflowing);
        var unitSmallest = await page.EvaluateAsync<double>(SmallestChartLabel);
        var services = await page.Locator("table.services tbody tr").CountAsync();
        await ScreenshotAsync(page, $"unit-page-{width}");

        Assert.Empty(dashboardOverflow);
        Assert.Empty(unitOverflow);
        Assert.True(dashboardSmallest >= 11, $"dashboard chart label drawn at {dashboardSmallest:F1} px");
        Assert.True(unitSmallest >= 11, $"unit page chart label drawn at {unitSmallest:F1} px");
        Assert.Equal(63, tiles);
        Assert.InRange(services, 1, 25);
    }

    [Fact]
    public async Task Picking_the_current_year_shows_its_34_provinces_on_the_map()
    {
        await IndicatorData.EnsureAsync(App);
        var page = await NewPageAsync();

        await page.GotoAsync("/dashboard?period=2023");
        var before = await page.Locator("#headline").GetAttributeAsync("data-period");
        var tilesBefore = await page.Locator("#province-map a.tile").CountAsync();
        await page.Locator("#period-picker select[name=year]").SelectOptionAsync(CurrentYear);
        await page.Locator("#period-picker select[name=part]").SelectOptionAsync("");
        await page.Locator("#period-picker button[type=submit]").ClickAsync();
        await ArrivedAsync(page, $"**/dashboard?year={CurrentYear}*");
        var after = await page.Locator("#headline").GetAttributeAsync("data-period");
        var tilesAfter = await page.Locator("#province-map a.tile").CountAsync();
        await page.Locator("#period-picker select[name=year]").SelectOptionAsync("2023");
        await page.Locator("#period-picker select[name=part]").SelectOptionAsync("Q2");
        await page.Locator("#period-picker button[type=submit]").ClickAsync();
        await ArrivedAsync(page, "**/dashboard?year=2023&part=Q2*");
        var quarter = await page.Locator("#headline").GetAttributeAsync("data-period");
        await page.Locator("#range-picker input[name=from]").FillAsync("2023-01");
        await page.Locator("#range-picker input[name=to]").FillAsync("2023-06");
        await page.Locator("#range-picker button[type=submit]").ClickAsync();
        await ArrivedAsync(page, "**/dashboard?from=2023-01&to=2023-06*");
        var range = await page.Locator("#headline").GetAttributeAsync("data-period");

        Assert.Equal("2023", before);
        Assert.Equal(63, tilesBefore);
        Assert.Equal(CurrentYear, after);
        Assert.Equal(34, tilesAfter);
        Assert.Equal("2023-Q2", quarter);
        Assert.Equal("2023-01..2023-06", range);
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task The_quarantine_table_keeps_the_reason_in_view_beside_a_long_record(int width, int height)
    {
        var tag = "T" + Guid.NewGuid().ToString("N")[..10];
        using var hanoi = await App.ApiKeyClientAsync("01");
        var longRecord = $"{{\"MaHoSo\":\"{tag}\",\"TrichYeu\":\"{new string('x', 400)}\", oops";
        using var content = new StringContent(longRecord + "\n", Encoding.UTF8, "application/x-ndjson");
        await hanoi.PostAsync("/api/v1/dossiers/sync", content, TestContext.Current.CancellationToken);
        await App.CreateUserAsync($"browser-quarantine-{width}", Roles.FocalPoint, "01");
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(width, height);

        await page.GotoAsync("/account/login?returnUrl=%2Fquarantine");
        await page.GetByLabel("Tên đăng nhập").FillAsync($"browser-quarantine-{width}");
        await page.GetByLabel("Mật khẩu").FillAsync(TestApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await ArrivedAsync(page, "**/quarantine");
        var reason = page.Locator("table.quarantine td.reasons").First;
        var box = await reason.BoundingBoxAsync();
        await ScreenshotAsync(page, $"quarantine-{width}");

        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"reason cell at {box.X:F0}–{box.X + box.Width:F0} px of {width}");
        Assert.Contains("JSON_MALFORMED", await reason.InnerTextAsync(), StringComparison.Ordinal);
    }
}
