using System.Globalization;
using System.Net;
using System.Text.Json;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.UnitReport;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>
/// The monthly report packs (issue 4) read back with PdfPig: their figures are compared with what the indicator API
/// answers for the same unit and month, so a pack that drifted from the calculator fails here.
/// </summary>
public abstract class ReportPackTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private const string Month = "2023-06";
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_units_pack_prints_the_indicator_apis_values_score_median_and_percentile_for_the_month()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var response = await client.GetAsync($"/indicators/units/{IndicatorData.Unit}/report.pdf?month={Month}", Ct);
        var api = await TestApp.ReadAsync<IndicatorsView>(await client.GetAsync($"/api/v1/indicators?period={Month}&unit={IndicatorData.Unit}", Ct));
        using var ranking = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/indicators/rankings?period={Month}", Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = string.Join(' ', PdfText.Pages(await response.Content.ReadAsByteArrayAsync(Ct)));
        Assert.Contains("Báo cáo tháng 06/2023", text, StringComparison.Ordinal);
        Assert.Contains($"Hồ sơ đồng bộ {api.Totals.Dossiers.ToString("N0", Vi)}", text, StringComparison.Ordinal);
        Assert.Contains($"Hồ sơ trực tuyến {api.Totals.Online.ToString("N0", Vi)}", text, StringComparison.Ordinal);
        Assert.Contains($"{api.Index.Points.ToString("0.00", Vi)} điểm trên {api.Index.CoveredPoints.ToString("0.00", Vi)} điểm có dữ liệu", text, StringComparison.Ordinal);
        var withValues = api.Indicators.Where(i => i.Value is not null).ToList();
        Assert.NotEmpty(withValues);
        foreach (var indicator in withValues)
        {
            AssertRow(text, api.Indicators, indicator, Written(indicator.Kind, indicator.Value!.Value));
        }

        // RO's row goes on with its target, (no score), the national median and the peer percentile, all recomputed here
        // from the rankings API's per-unit values.
        var units = ranking.RootElement.EnumerateArray().Select(r => (
            Unit: r.GetProperty("unit").GetString(),
            Group: r.GetProperty("group").GetString(),
            Remote: r.GetProperty("values").GetProperty("RO") is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : (decimal?)null)).ToList();
        var mine = units.Single(u => u.Unit == IndicatorData.Unit);
        var median = PeerComparison.Median(units.Select(u => u.Remote))!.Value;
        var percentile = PeerComparison.Percentile(units.Where(u => u.Group == mine.Group).Select(u => u.Remote), mine.Remote)!.Value;
        var remote = api.Indicators.Single(i => i.Code == "RO");
        AssertRow(text, api.Indicators, remote, Written(remote.Kind, remote.Value!.Value), Written(remote.Kind, remote.Target!.Value), Written(remote.Kind, median), $"{(percentile * 100).ToString("0", Vi)}%");
        var onTime = api.Indicators.Single(i => i.Code == "2.1");
        AssertRow(text, api.Indicators, onTime, Written(onTime.Kind, onTime.Value!.Value), $"{onTime.Score!.Value.ToString("0.00", Vi)} / {onTime.MaxScore.ToString("0.##", Vi)}");
    }

    [Fact]
    public async Task A_units_pack_has_the_year_to_date_chart_captions_the_working_and_page_footers()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var pages = PdfText.Pages(await client.GetByteArrayAsync($"/indicators/units/{IndicatorData.Unit}/report.pdf?month={Month}", Ct));
        var savings = await TestApp.ReadAsync<JsonElement>(await client.GetAsync($"/api/v1/indicators/savings?period={Month}&unit={IndicatorData.Unit}", Ct));

        var text = string.Join(' ', pages);
        Assert.Contains("Tỷ lệ hồ sơ trực tuyến từ xa theo tháng (mục tiêu 50,0 %)", text, StringComparison.Ordinal);
        Assert.Contains("Tỷ lệ hồ sơ đúng hạn theo tháng", text, StringComparison.Ordinal);
        Assert.Contains("Số hồ sơ theo tháng", text, StringComparison.Ordinal);
        Assert.Contains("Xu hướng theo tháng, kỳ 2023-01..2023-06", text, StringComparison.Ordinal);
        Assert.Contains("2023-01", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2023-07", text, StringComparison.Ordinal);
        var estimate = savings.GetProperty("estimate");
        Assert.Contains($"{estimate.GetProperty("remoteOnlineDossiers").GetDecimal().ToString("N0", Vi)} hồ sơ trực tuyến từ xa × 2,0 lượt đi lại = {estimate.GetProperty("tripsAvoided").GetDecimal().ToString("N0", Vi)} lượt", text, StringComparison.Ordinal);
        Assert.Contains($"Tổng ước tính: {estimate.GetProperty("totalDong").GetDecimal().ToString("N0", Vi)} đ", text, StringComparison.Ordinal);
        Assert.Contains("Khai báo so với thực tế", text, StringComparison.Ordinal);
        Assert.Contains("2.1 v1", text, StringComparison.Ordinal);
        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        Assert.All(pages.Select((p, i) => (p, i)), x => Assert.Contains($"Page {x.i + 1}/{pages.Count}", x.p, StringComparison.Ordinal));
        Assert.All(pages, p => Assert.Contains($"OpenDVC · {IndicatorData.Unit} · {Month}", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_national_pack_has_the_dashboard_figures_and_every_province_in_its_ranking_table()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var pages = PdfText.Pages(await client.GetByteArrayAsync($"/indicators/report.pdf?month={Month}", Ct));
        var national = await TestApp.ReadAsync<IndicatorsView>(await client.GetAsync($"/api/v1/indicators?period={Month}", Ct));
        using var provinces = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/indicators/rankings?period={Month}&group=Provinces", Ct));

        var text = string.Join(' ', pages);
        Assert.Contains("Báo cáo tháng 06/2023 — Toàn quốc", text, StringComparison.Ordinal);
        Assert.Contains($"Hồ sơ đồng bộ {national.Totals.Dossiers.ToString("N0", Vi)}", text, StringComparison.Ordinal);
        Assert.Contains($"Hồ sơ thanh toán trực tuyến {national.Totals.PaidOnline.ToString("N0", Vi)}", text, StringComparison.Ordinal);
        var remote = national.Indicators.Single(i => i.Code == "RO");
        Assert.Contains($"Tỷ lệ hồ sơ trực tuyến từ xa {Written(remote.Kind, remote.Value!.Value)} (Mục tiêu 50,0 %)", text, StringComparison.Ordinal);
        Assert.Contains("Tỷ lệ hồ sơ trực tuyến từ xa theo tháng (mục tiêu 50,0 %)", text, StringComparison.Ordinal);
        var rows = provinces.RootElement.EnumerateArray().ToList();
        Assert.Equal(63, rows.Count);
        Assert.All(rows, r => Assert.Contains(
            $"{r.GetProperty("name").GetString()} {r.GetProperty("index").GetProperty("points").GetDecimal().ToString("0.00", Vi)}",
            text,
            StringComparison.Ordinal));
        Assert.Contains("Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", text, StringComparison.Ordinal);
        Assert.All(pages.Select((p, i) => (p, i)), x => Assert.Contains($"Page {x.i + 1}/{pages.Count}", x.p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pack_speaks_english_when_asked()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var text = string.Join(' ', PdfText.Pages(await client.GetByteArrayAsync($"/indicators/report.pdf?month={Month}&culture=en-GB", Ct)));

        Assert.Contains("Monthly report 06/2023 — National", text, StringComparison.Ordinal);
        Assert.Contains("How these figures are computed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Toàn quốc", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/indicators/report.pdf?month=2023-13", HttpStatusCode.BadRequest, "OD-REPORT-MONTH-INVALID")]
    [InlineData("/indicators/report.pdf?month=2023", HttpStatusCode.BadRequest, "OD-REPORT-MONTH-INVALID")]
    [InlineData("/indicators/report.pdf", HttpStatusCode.BadRequest, "OD-REPORT-MONTH-INVALID")]
    [InlineData("/indicators/units/01/report.pdf?month=06-2023", HttpStatusCode.BadRequest, "OD-REPORT-MONTH-INVALID")]
    [InlineData("/indicators/units/NOPE/report.pdf?month=2023-06", HttpStatusCode.NotFound, "OD-UNIT-UNKNOWN")]
    public async Task A_bad_month_or_an_unknown_unit_is_a_problem_with_a_stable_code_in_both_languages(string path, HttpStatusCode status, string code)
    {
        using var client = App.Anonymous();

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(status, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("message_vi").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("message_en").GetString()));
    }

    [Fact]
    public async Task The_dashboard_and_the_unit_page_link_their_pack_and_openapi_describes_both()
    {
        using var client = App.Anonymous();

        var dashboard = await client.GetStringAsync("/dashboard?period=2023-Q2", Ct);
        var unit = await client.GetStringAsync($"/indicators/units/{IndicatorData.Unit}?period=2023-Q2", Ct);
        var openapi = await client.GetStringAsync("/openapi/v1.json", Ct);

        Assert.Contains("href=\"/indicators/report.pdf?month=2023-06\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("Tải báo cáo tháng (PDF)", dashboard, StringComparison.Ordinal);
        Assert.Contains($"href=\"/indicators/units/{IndicatorData.Unit}/report.pdf?month=2023-06\"", unit, StringComparison.Ordinal);
        Assert.Contains("\"/indicators/units/{code}/report.pdf\"", openapi, StringComparison.Ordinal);
        Assert.Contains("\"/indicators/report.pdf\"", openapi, StringComparison.Ordinal);
        Assert.Contains("GetNationalReportPack", openapi, StringComparison.Ordinal);
    }

    /// <summary>
    /// The indicator's table row holds these cells in this order: the row starts at its code and the first word of its
    /// name (a long name wraps, and its rest is read after the row's other cells) and ends where the next row begins.
    /// </summary>
    private static void AssertRow(string text, IReadOnlyList<IndicatorValue> all, IndicatorValue indicator, params string[] cells)
    {
        static string Anchor(IndicatorValue v) => $" {v.Code} {v.NameVi.Split(' ')[0]}";
        var anchor = Anchor(indicator);
        var start = text.IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row{anchor}");
        var ends = all.Where(v => v != indicator).Select(v => text.IndexOf(Anchor(v), start + 1, StringComparison.Ordinal)).Where(i => i > start).ToList();
        var row = text[start..(ends.Count > 0 ? ends.Min() : text.Length)];
        var at = anchor.Length;
        foreach (var cell in cells)
        {
            var found = row.IndexOf(" " + cell, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"row {indicator.Code}: '{cell}' not found after position {at} in: {row}");
            at = found + cell.Length + 1;
        }
    }

    /// <summary>A value as the packs write it in Vietnamese: a percentage with one decimal, or days.</summary>
    private static string Written(ValueKind kind, decimal value) =>
        kind == ValueKind.Days ? $"{value.ToString("0.0", Vi)} ngày" : $"{(value * 100).ToString("0.0", Vi)} %";
}

public sealed class ReportPackTestsOnSqlite(SqliteApp fixture) : ReportPackTests<SqliteApp>(fixture);

public sealed class ReportPackTestsOnPostgres(PostgresApp fixture) : ReportPackTests<PostgresApp>(fixture);
