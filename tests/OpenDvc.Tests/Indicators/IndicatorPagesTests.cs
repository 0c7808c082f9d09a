using System.Net;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

public sealed class IndicatorPagesTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Public_dashboard_shows_headline_figures_charts_and_both_rankings_without_sign_in()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var response = await client.GetAsync("/dashboard?period=2023", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bảng điều khiển quốc gia", html, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(html, "<svg class=\"chart\"")); // three monthly trends and the provinces' ranking bars
        Assert.Contains("<svg class=\"tile-map\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"trend-remote-title\">", html, StringComparison.Ordinal);
        Assert.Contains("Mục tiêu 50,0 %", html, StringComparison.Ordinal);
        Assert.Contains("data-group=\"Provinces\"", html, StringComparison.Ordinal);
        Assert.Contains("data-group=\"Ministries\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/indicators/units/79?period=2023\"", html, StringComparison.Ordinal);
        Assert.Contains("/api/v1/indicators/rankings/export?period=2023&amp;audience=Both&amp;group=Provinces&amp;format=xlsx", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_period_on_the_dashboard_says_so_and_shows_the_default_period()
    {
        using var client = App.Anonymous();

        var html = await client.GetStringAsync("/dashboard?period=20233", Ct);

        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Methodology_is_generated_from_every_definition()
    {
        using var client = App.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var html = await client.GetStringAsync("/indicators/methodology", Ct);

        Assert.Contains("How the indicators are computed", html, StringComparison.Ordinal);
        foreach (var code in new[] { "2.1", "3.3", "5.4", "FP", "RO", "HL" })
        {
            Assert.Contains($"id=\"indicator-{code}-v1\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("Satisfaction is shown only with at least 30 ratings.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unit_page_compares_with_the_national_median_and_peers_and_drills_down_to_a_service()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var html = await client.GetStringAsync("/indicators/units/01?period=2023", Ct);
        var service = await client.GetAsync("/indicators/units/01/services/" + IndicatorData.AllLate + "?period=2023-03", Ct);
        var serviceHtml = await service.Content.ReadAsStringAsync(Ct);

        Assert.Contains("Trung vị toàn quốc", html, StringComparison.Ordinal);
        Assert.Contains("Bách phân vị trong nhóm", html, StringComparison.Ordinal);
        Assert.Contains("data-code=\"2.1\"", html, StringComparison.Ordinal);
        Assert.Contains("Thời gian và chi phí tiết kiệm", html, StringComparison.Ordinal);
        Assert.Contains("lượt đi lại tránh được", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/indicators/units/01/services/{IndicatorData.AllLate}?period=2023&amp;audience=Both\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, service.StatusCode);
        Assert.Contains("0,0 %", serviceHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unit_services_export_to_excel_in_dossier_order()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var response = await client.GetAsync("/indicators/units/79?period=2023&format=xlsx&headers=codes", Ct);

        var rows = await IndicatorData.XlsxRowsAsync(response);
        Assert.NotEmpty(rows);
        Assert.Equal("procedure", rows[0].Keys.First());
        var dossiers = rows.Select(r => Convert.ToInt64(r["dossiers"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dossiers.OrderDescending(), dossiers);
    }

    [Fact]
    public async Task Unknown_unit_page_is_not_found()
    {
        using var client = App.Anonymous();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/indicators/units/NOPE", Ct)).StatusCode);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
