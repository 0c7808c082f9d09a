using System.Net;
using System.Text;
using OpenDvc.Platform.Pdf;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Web;
using UglyToad.PdfPig;

namespace OpenDvc.Tests.Platform;

/// <summary>PDFs are read back with PdfPig, an independent reader: what it extracts is what a reader's viewer shows.</summary>
public static class PdfText
{
    /// <summary>Each page's words joined by spaces, in Unicode normal form C (Vietnamese letters as one character each).</summary>
    public static List<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)).Normalize(NormalizationForm.FormC)).ToList();
    }
}

public sealed class PdfReportTests
{
    [Fact]
    public void Vietnamese_text_survives_into_the_pdf_and_a_long_table_repeats_its_header_on_every_page()
    {
        using var report = new PdfReport("Báo cáo thử nghiệm", "OpenDVC");
        report.Heading("Tỉnh Hà Giang");
        report.Paragraph("Tỷ lệ hồ sơ trực tuyến toàn trình đúng hạn.");
        var rows = Enumerable.Range(1, 300).Select(i => (IReadOnlyList<string>)[$"Đơn vị {i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var read = report.Table([new PdfColumn("Tên đơn vị"), new PdfColumn("Số hồ sơ", Figures: true)], rows);
        using var output = new MemoryStream();
        report.Save(output);

        var pages = PdfText.Pages(output.ToArray());

        Assert.Equal(300, read);
        Assert.True(pages.Count > 3, $"300 rows fit on {pages.Count} pages");
        Assert.Contains("Tỉnh Hà Giang", pages[0], StringComparison.Ordinal);
        Assert.Contains("Tỷ lệ hồ sơ trực tuyến toàn trình đúng hạn.", pages[0], StringComparison.Ordinal);
        Assert.All(pages, p => Assert.Contains("Tên đơn vị", p, StringComparison.Ordinal));
        Assert.All(pages.Select((p, i) => (p, i)), x => Assert.Contains($"Page {x.i + 1}/{pages.Count}", x.p, StringComparison.Ordinal));
        Assert.Contains("Đơn vị 300", pages[^1], StringComparison.Ordinal);
        Assert.Equal(300, pages.Sum(p => System.Text.RegularExpressions.Regex.Count(p, @"Đơn vị \d+")));
    }

    [Fact]
    public void Rows_past_the_limit_are_counted_and_named_but_not_printed()
    {
        using var report = new PdfReport("Giới hạn", "OpenDVC");
        var read = report.Table([new PdfColumn("Mã")], Enumerable.Range(1, 25).Select(i => (IReadOnlyList<string>)[$"M{i:000}"]), maxRows: 10);
        using var output = new MemoryStream();
        report.Save(output);

        var text = string.Join(' ', PdfText.Pages(output.ToArray()));

        Assert.Equal(25, read);
        Assert.Contains("M010", text, StringComparison.Ordinal);
        Assert.DoesNotContain("M011", text, StringComparison.Ordinal);
        Assert.Contains("15 more rows not printed", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_prints_its_caption_axis_and_labels()
    {
        using var report = new PdfReport("Biểu đồ", "OpenDVC");
        report.LineChart("Tỷ lệ trực tuyến theo tháng", ["01/2023", "02/2023", "03/2023"], [new ChartSeries("Cả nước", [0.2, null, 0.45])], ChartScale.Percent, target: 0.5);
        report.BarChart("Hồ sơ theo năm", ["2021", "2022", "2023"], new ChartSeries("Hồ sơ", [1200, 5400, 9100]), ChartScale.Count);
        using var output = new MemoryStream();
        report.Save(output);

        var text = PdfText.Pages(output.ToArray())[0];

        Assert.Contains("Tỷ lệ trực tuyến theo tháng", text, StringComparison.Ordinal);
        Assert.Contains("100 %", text, StringComparison.Ordinal);
        Assert.Contains("02/2023", text, StringComparison.Ordinal);
        Assert.Contains("Hồ sơ theo năm", text, StringComparison.Ordinal);
        Assert.Contains("2023", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_export_as_pdf_right_aligns_nothing_it_cannot_read_and_formats_figures()
    {
        var rows = new[] { (Name: "Bộ Tư pháp", Count: 1234567L, Rate: 0.12345) }.ToAsyncEnumerable();
        ExportColumn<(string Name, long Count, double Rate)>[] columns = [new("Đơn vị", r => r.Name), new("Hồ sơ", r => r.Count), new("Tỷ lệ", r => r.Rate)];
        using var output = new MemoryStream();

        await TableExport.WritePdfAsync(rows, columns, "Xuất thử", output, TestContext.Current.CancellationToken);

        var text = PdfText.Pages(output.ToArray())[0];
        Assert.Contains("Xuất thử", text, StringComparison.Ordinal);
        Assert.Contains("Bộ Tư pháp", text, StringComparison.Ordinal);
        Assert.Contains("1,234,567", text, StringComparison.Ordinal);
        Assert.Contains("0.12", text, StringComparison.Ordinal);
    }
}

public abstract class PdfExportTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    [Fact]
    public async Task Units_export_as_pdf_lists_every_unit()
    {
        using var client = App.Anonymous();

        // The units of 2023: Hà Giang merged into Tuyên Quang on 1/7/2025, so today's list no longer has it.
        var response = await client.GetAsync("/api/v1/units/export?format=pdf&on=2023-12-31", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = string.Join(' ', PdfText.Pages(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
        Assert.Contains("Hà Giang", text, StringComparison.Ordinal);
        Assert.Contains("Bộ Tư pháp", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_export_format_is_a_problem_naming_the_three_formats()
    {
        using var client = App.Anonymous();

        var response = await client.GetAsync("/api/v1/units/export?format=docx", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("OD-EXPORT-FORMAT", body, StringComparison.Ordinal);
        Assert.Contains("xlsx, csv or pdf", body, StringComparison.Ordinal);
    }
}

public sealed class PdfExportTestsOnSqlite(SqliteApp fixture) : PdfExportTests<SqliteApp>(fixture);
