using System.Globalization;
using System.Net.Http.Json;
using OpenDvc.Accounts.Users;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Editions;
using OpenDvc.Indicators.Rankings;
using OpenDvc.Ledger.Quality;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>
/// Rankings and indicator tables as a journalist downloads them (issue 17), opened back with independent readers:
/// headers in the reader's language, percentages as percentages, a heading with the title, period, data date and source.
/// </summary>
public abstract class IndicatorExportTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_rankings_workbook_opens_with_title_period_data_date_and_source_over_vietnamese_headers_and_percentages()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();
        var dataDate = await DataDateAsync();

        var rows = await SheetAsync(await client.GetAsync("/api/v1/indicators/rankings/export?period=2023&group=Provinces&format=xlsx", Ct));
        var ranked = await TestApp.ReadAsync<List<RankingRow>>(await client.GetAsync("/api/v1/indicators/rankings?period=2023&group=Provinces", Ct));

        Assert.StartsWith("Xếp hạng theo Bộ chỉ số", rows[0][0], StringComparison.Ordinal);
        Assert.Equal("Kỳ: năm 2023", rows[1][0]);
        Assert.StartsWith($"Số liệu đến {dataDate}", rows[2][0], StringComparison.Ordinal);
        Assert.StartsWith("Nguồn: OpenDVC", rows[3][0], StringComparison.Ordinal);
        Assert.Equal("", rows[4][0]);
        var header = rows[5];
        Assert.Equal(["Nhóm", "Hạng", "Hạng kỳ trước", "Thay đổi", "Mã đơn vị", "Đơn vị"], header.Take(6));
        var onTime = header.FindIndex(h => h.StartsWith("2.1 ", StringComparison.Ordinal));
        Assert.EndsWith("(%)", header[onTime], StringComparison.Ordinal);
        Assert.EndsWith("(ngày)", header.Single(h => h.StartsWith("2.2 ", StringComparison.Ordinal)), StringComparison.Ordinal);
        var body = rows.Skip(6).ToList();
        Assert.Equal(ranked.Count, body.Count);
        Assert.All(body, r => Assert.Equal("Tỉnh, thành phố", r[0]));
        var first = ranked.First(r => r.Values["2.1"] is not null);
        var line = body.Single(r => r[4] == first.Unit);
        Assert.Equal(Math.Round(first.Values["2.1"]!.Value * 100, 1, MidpointRounding.AwayFromZero), decimal.Parse(line[onTime], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_csv_in_english_carries_the_same_heading_and_english_headers()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var csv = await client.GetStringAsync("/api/v1/indicators/rankings/export?period=2023-Q2&group=Ministries&format=csv&culture=en", Ct);

        var lines = csv.TrimStart('\uFEFF').Split('\n');
        Assert.StartsWith("Rankings by the index", lines[0].Trim('"'), StringComparison.Ordinal);
        Assert.Equal("Period: Q2 2023", lines[1].Trim('"'));
        Assert.StartsWith("\"Data up to", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("Group,Rank,Previous rank,Change,Unit code", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rankings_pdf_prints_figures_as_the_reader_writes_them_decimal_comma_in_vietnamese_point_in_english()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();
        var ranked = await TestApp.ReadAsync<List<RankingRow>>(await client.GetAsync("/api/v1/indicators/rankings?period=2023&group=Provinces", Ct));
        var percent = ranked.Select(r => r.Values["2.1"]).OfType<decimal>()
            .Select(v => Math.Round(v * 100, 1, MidpointRounding.AwayFromZero))
            .First(v => v != Math.Truncate(v));

        async Task<string> PdfAsync(string culture) => string.Join("\n", PdfText.Pages(await (await client.GetAsync(
            $"/api/v1/indicators/rankings/export?period=2023&group=Provinces&format=pdf&culture={culture}", Ct)).Content.ReadAsByteArrayAsync(Ct)));
        var vietnamese = await PdfAsync("vi");
        var english = await PdfAsync("en");

        var vi = percent.ToString("0.0", CultureInfo.GetCultureInfo("vi-VN"));
        var en = percent.ToString("0.0", CultureInfo.InvariantCulture);
        Assert.Contains(vi, vietnamese, StringComparison.Ordinal);
        Assert.DoesNotContain($" {en} ", $" {vietnamese.Replace('\n', ' ')} ", StringComparison.Ordinal);
        Assert.Contains(en, english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rankings_pdf_has_the_data_date_and_headers_whose_words_are_never_cut()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();
        var dataDate = await DataDateAsync();

        var response = await client.GetAsync("/api/v1/indicators/rankings/export?period=2023&format=pdf", Ct);
        var headers = (await SheetAsync(await client.GetAsync("/api/v1/indicators/rankings/export?period=2023&format=xlsx", Ct)))[5];

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var pages = PdfText.Pages(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains($"Số liệu đến {dataDate}", pages[0], StringComparison.Ordinal);
        Assert.Contains("Kỳ: năm 2023", pages[0], StringComparison.Ordinal);
        var words = pages[0].Split(' ').ToHashSet(StringComparer.Ordinal);
        var cut = headers.SelectMany(h => h.Split(' ')).Where(w => !words.Contains(w)).ToList();
        Assert.True(cut.Count == 0, $"header words not found whole on the first page: {string.Join(" | ", cut)}\nin: {pages[0][..Math.Min(3000, pages[0].Length)]}");
    }

    [Fact]
    public async Task A_published_editions_file_is_dated_by_its_publication_and_the_machine_layout_stays_on_request()
    {
        await IndicatorData.EnsureAsync(App);
        using var admin = await App.SignInAsync("export-editions-admin", Roles.Admin);
        using var anonymous = App.Anonymous();
        var edition = await TestApp.ReadAsync<EditionView>(await admin.PostAsJsonAsync("/api/v1/indicators/editions", new { period = "2023-Q3" }, Ct));

        var rows = await SheetAsync(await anonymous.GetAsync($"/api/v1/indicators/editions/{edition.Id}/export?format=xlsx", Ct));
        var machine = await IndicatorData.XlsxRowsAsync(await anonymous.GetAsync($"/api/v1/indicators/editions/{edition.Id}/export?format=xlsx&headers=codes", Ct));

        Assert.Equal("Kỳ: quý 3/2023", rows[1][0]);
        Assert.StartsWith($"Ấn bản xếp hạng số {edition.Id}, công bố lúc {OpenDvc.Indicators.IndicatorDisplay.VietnamDateTime(edition.PublishedAt)}", rows[2][0], StringComparison.Ordinal);
        Assert.Contains(rows[5], h => h.StartsWith("2.1 ", StringComparison.Ordinal) && h.EndsWith("(%)", StringComparison.Ordinal));
        Assert.Equal(edition.Rows?.Count ?? machine.Count, machine.Count);
        Assert.Equal(rows.Count - 6, machine.Count);
        Assert.Equal("group", machine[0].Keys.First());
    }

    [Fact]
    public async Task A_units_services_workbook_is_titled_with_the_units_name_and_dated()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();
        var dataDate = await DataDateAsync();

        var rows = await SheetAsync(await client.GetAsync("/indicators/units/79?period=2023&format=xlsx", Ct));

        Assert.StartsWith("Dịch vụ công trực tuyến của ", rows[0][0], StringComparison.Ordinal);
        Assert.StartsWith($"Số liệu đến {dataDate}", rows[2][0], StringComparison.Ordinal);
        Assert.Equal(["Mã", "Thủ tục", "Hồ sơ", "Hồ sơ trực tuyến"], rows[5].Take(4));
        Assert.Contains(rows[5], h => h.StartsWith("2.1 ", StringComparison.Ordinal) && h.EndsWith("(%)", StringComparison.Ordinal));
        Assert.True(rows.Count > 6);
    }

    [Fact]
    public async Task Every_indicator_api_answer_says_up_to_when_its_data_runs()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();
        var expected = OpenDvc.Indicators.DataDate.HeaderValue(await WatermarkAsync());

        foreach (var url in (string[])["/api/v1/indicators?period=2023", "/api/v1/indicators/trend?period=2023-Q1", "/api/v1/indicators/rankings?period=2023",
            "/api/v1/indicators/savings?period=2023", "/api/v1/indicators/headline?period=2023", "/api/v1/indicators/units/79/services?period=2023"])
        {
            using var response = await client.GetAsync(url, Ct);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.TryGetValues("Data-As-Of", out var values), url);
            Assert.Equal(expected, values.Single());
        }
    }

    [Fact]
    public async Task The_pages_of_figures_say_up_to_when_their_data_runs()
    {
        await IndicatorData.EnsureAsync(App);
        using var anonymous = App.Anonymous();
        using var staff = await App.SignInAsync("export-dated-viewer", Roles.Viewer);
        var dated = $"Số liệu đến {await DataDateAsync()}";

        var unit = await anonymous.GetStringAsync("/indicators/units/79?period=2023", Ct);
        var services = await TestApp.ReadAsync<List<IndicatorsView>>(await anonymous.GetAsync("/api/v1/indicators/units/79/services?period=2023", Ct));
        var service = await anonymous.GetStringAsync($"/indicators/units/79/services/{services[0].Procedure}?period=2023", Ct);
        var quality = await staff.GetStringAsync("/indicators/quality", Ct);
        var dashboard = await anonymous.GetStringAsync("/dashboard?period=2023", Ct);

        Assert.All((string[])[unit, service, quality, dashboard], html => Assert.Contains(dated, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_units_data_quality_card_follows_the_period_chosen_on_its_page()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var html = await client.GetStringAsync("/indicators/units/79?period=2023-Q2", Ct);

        Assert.Contains("Bảng điểm chất lượng dữ liệu, bản ghi đến trong kỳ 2023-Q2", html, StringComparison.Ordinal);
    }

    /// <summary>The ledger's last commit as the exports print it ("14:05 07/12/2026").</summary>
    private async Task<string> DataDateAsync() => OpenDvc.Indicators.IndicatorDisplay.VietnamDateTime(await WatermarkAsync());

    private async Task<DateTimeOffset> WatermarkAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var at = await LedgerWatermark.LatestAsync(scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>(), Ct);
        Assert.NotNull(at);
        return at.Value;
    }

    /// <summary>Every row of the first sheet as texts (empty for an empty cell), read without taking any row as the header.</summary>
    private static async Task<List<List<string>>> SheetAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        return MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList())
            .ToList();
    }
}

public sealed class IndicatorExportTestsOnSqlite(SqliteApp fixture) : IndicatorExportTests<SqliteApp>(fixture);

public sealed class IndicatorExportTestsOnPostgres(PostgresApp fixture) : IndicatorExportTests<PostgresApp>(fixture);
