using System.Globalization;
using OpenDvc.Platform.Web;
using SkiaSharp;

namespace OpenDvc.Platform.Pdf;

/// <summary>A column of a PDF table: its header and whether its cells are figures (set right-aligned).</summary>
public sealed record PdfColumn(string Header, bool Figures = false);

/// <summary>
/// A printable A4 document written top to bottom: a title, headings, paragraphs, tables that break across pages with
/// their header repeated, and line or bar charts drawn from the same series as the web's SVG charts. Every page gets a
/// footer with the title and "page i of n". Everything OpenDVC prints (table exports, report packs, certificates)
/// goes through here or its fonts, so the type, margins and look are one. Drawn with Skia's PDF backend; pages are
/// recorded first and written on <see cref="Save"/>, when the number of pages is known.
/// </summary>
public sealed class PdfReport : IDisposable
{
    private const float Margin = 40;
    private const float FooterSpace = 24;
    private const float CellPadding = 3;

    private static readonly SKColor[] SeriesColours = [new(0x1f, 0x5f, 0xa8), new(0xd9, 0x6c, 0x00), new(0x2e, 0x8b, 0x57), new(0x8e, 0x44, 0xad)];
    private static readonly SKColor Rule = new(0xbb, 0xbb, 0xbb);
    private static readonly SKColor HeaderFill = new(0xe8, 0xee, 0xf6);
    private static readonly SKColor Grey = new(0x55, 0x55, 0x55);

    private readonly List<SKPicture> pages = [];
    private readonly bool landscape;
    private readonly string title;
    private readonly string footerNote;
    private readonly SKFont titleFont = new(PdfFonts.Bold, 15);
    private readonly SKFont headingFont = new(PdfFonts.Bold, 11.5f);
    private readonly SKFont bodyFont = new(PdfFonts.Regular, 9.5f);
    private readonly SKFont smallFont = new(PdfFonts.Regular, 7.5f);
    private readonly SKFont smallBoldFont = new(PdfFonts.Bold, 7.5f);
    private SKPictureRecorder? recorder;
    private SKCanvas? canvas;
    private float y;

    /// <param name="title">The document's title, printed on the first page and in every footer.</param>
    /// <param name="footerNote">A line for the footer's left side, e.g. where and when the figures were read.</param>
    /// <param name="landscape">Wide tables read better across the page.</param>
    public PdfReport(string title, string footerNote, bool landscape = false)
    {
        this.title = title;
        this.footerNote = footerNote;
        this.landscape = landscape;
        NewPage();
        Write(title, titleFont, SKColors.Black);
        y += 6;
    }

    /// <summary>A4 in points (1/72 inch), as PDF measures.</summary>
    public float PageWidth => landscape ? 841.89f : 595.28f;

    public float PageHeight => landscape ? 595.28f : 841.89f;

    private SKCanvas Canvas => canvas ?? throw new ObjectDisposedException(nameof(PdfReport));

    private float ContentWidth => PageWidth - (2 * Margin);

    private float Bottom => PageHeight - Margin - FooterSpace;

    public void Heading(string text)
    {
        EnsureRoom(headingFont.Spacing * 3);
        y += 6;
        Write(text, headingFont, SKColors.Black);
        y += 2;
    }

    public void Paragraph(string text)
    {
        Write(text, bodyFont, SKColors.Black);
        y += 4;
    }

    /// <summary>A small two-column block of labelled values (e.g. a nomination's figures).</summary>
    public void Facts(IEnumerable<(string Label, string Value)> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Table([new PdfColumn(""), new PdfColumn("")], facts.Select(f => (IReadOnlyList<string>)[f.Label, f.Value]), showHeader: false);
    }

    /// <summary>
    /// A table from rows read once, in order. Column widths follow the header and the first rows; cells wrap; the header
    /// repeats on every page. At most <paramref name="maxRows"/> rows are printed, then a line says how many more there
    /// were (a PDF is for reading and printing; Excel and CSV carry any number of rows).
    /// </summary>
    /// <returns>The number of rows read (printed or not).</returns>
    public long Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<string>> rows, int maxRows = 5_000, bool showHeader = true)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        using var enumerator = rows.GetEnumerator();
        var sample = new List<IReadOnlyList<string>>();
        while (sample.Count < 50 && enumerator.MoveNext())
        {
            sample.Add(enumerator.Current);
        }

        var widths = ColumnWidths(columns, sample, showHeader);
        var headers = Cells(columns.Select(c => c.Header).ToList(), widths, smallBoldFont);
        if (showHeader)
        {
            EnsureRoom(Height(headers, smallBoldFont) + Height(Cells(sample.FirstOrDefault() ?? [], widths, smallFont), smallFont));
            DrawRow(columns, headers, widths, smallBoldFont, header: true);
        }

        long read = 0;
        foreach (var row in sample.Concat(Rest(enumerator)))
        {
            read++;
            if (read > maxRows)
            {
                continue;
            }

            var cells = Cells(row, widths, smallFont);
            if (y + Height(cells, smallFont) > Bottom)
            {
                NewPage();
                if (showHeader)
                {
                    DrawRow(columns, headers, widths, smallBoldFont, header: true);
                }
            }

            DrawRow(columns, cells, widths, smallFont, header: false);
        }

        if (read > maxRows)
        {
            y += 4;
            Write(string.Create(CultureInfo.InvariantCulture, $"… {read - maxRows:N0} dòng nữa không in; bản Excel/CSV có đủ. / {read - maxRows:N0} more rows not printed; the Excel/CSV export has them all."), smallFont, Grey);
        }

        y += 8;
        return read;
    }

    /// <summary>A line chart over the labels, one line per series, with an optional dashed target.</summary>
    public void LineChart(string caption, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, ChartScale scale, double? target = null) =>
        Chart(caption, labels, series, scale, target, bars: false);

    /// <summary>A bar chart of one series over the labels, with an optional dashed target.</summary>
    public void BarChart(string caption, IReadOnlyList<string> labels, ChartSeries series, ChartScale scale, double? target = null) =>
        Chart(caption, labels, [series], scale, target, bars: true);

    /// <summary>Starts a new page; what follows is written at its top.</summary>
    private void NewPage()
    {
        FinishPage();
        recorder = new SKPictureRecorder();
        canvas = recorder.BeginRecording(new SKRect(0, 0, PageWidth, PageHeight));
        y = Margin;
    }

    /// <summary>Writes the document, with its footers, to a stream the caller owns.</summary>
    public void Save(Stream output)
    {
        FinishPage();
        using (var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = title, Creator = "OpenDVC", Producer = "OpenDVC" }))
        {
            for (var i = 0; i < pages.Count; i++)
            {
                var page = document.BeginPage(PageWidth, PageHeight);
                page.DrawPicture(pages[i]);
                var line = PageHeight - Margin;
                using var rule = Pen(Rule, 0.5f);
                page.DrawLine(Margin, line - 12, PageWidth - Margin, line - 12, rule);
                using var grey = Fill(Grey);
                page.DrawText(Shorten($"{title} · {footerNote}", smallFont, ContentWidth - 90), Margin, line, SKTextAlign.Left, smallFont, grey);
                page.DrawText(string.Create(CultureInfo.InvariantCulture, $"Trang / Page {i + 1}/{pages.Count}"), PageWidth - Margin, line, SKTextAlign.Right, smallFont, grey);
                document.EndPage();
            }

            document.Close();
        }
    }

    public void Dispose()
    {
        FinishPage();
        foreach (var page in pages)
        {
            page.Dispose();
        }

        foreach (var font in new[] { titleFont, headingFont, bodyFont, smallFont, smallBoldFont })
        {
            font.Dispose();
        }
    }

    private static SKPaint Fill(SKColor colour) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };

    private static SKPaint Pen(SKColor colour, float width) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };

    private static IEnumerable<T> Rest<T>(IEnumerator<T> enumerator)
    {
        while (enumerator.MoveNext())
        {
            yield return enumerator.Current;
        }
    }

    private void FinishPage()
    {
        if (recorder is not null)
        {
            pages.Add(recorder.EndRecording());
            recorder.Dispose();
            recorder = null;
            canvas = null;
        }
    }

    private void EnsureRoom(float height)
    {
        if (y + height > Bottom)
        {
            NewPage();
        }
    }

    /// <summary>Draws one line of text with its top at <paramref name="top"/>.</summary>
    private void Text(string text, float x, float top, SKFont font, SKColor colour, SKTextAlign align = SKTextAlign.Left)
    {
        using var paint = Fill(colour);
        Canvas.DrawText(text, x, top - font.Metrics.Ascent, align, font, paint);
    }

    private void Write(string text, SKFont font, SKColor colour)
    {
        foreach (var line in Wrap(text, font, ContentWidth))
        {
            EnsureRoom(font.Spacing);
            Text(line, Margin, y, font, colour);
            y += font.Spacing;
        }
    }

    private float[] ColumnWidths(IReadOnlyList<PdfColumn> columns, List<IReadOnlyList<string>> sample, bool showHeader)
    {
        // Each column wants its widest sampled text and its header on one line; when that is too wide, headers may wrap
        // to two lines (at spaces: never narrower than the header's longest word), and if it still is, the widest
        // columns share what the narrow ones leave.
        float[] Natural(float headerShare) => columns.Select((column, c) => Math.Max(
            24,
            Math.Max(
                showHeader ? Math.Max(smallBoldFont.MeasureText(column.Header) * headerShare, column.Header.Split(' ').Max(w => smallBoldFont.MeasureText(w))) : 0,
                sample.Select(r => c < r.Count ? smallFont.MeasureText(r[c] ?? "") : 0).DefaultIfEmpty(0).Max()) + (2 * CellPadding) + 1)).ToArray();

        var natural = Natural(1);
        if (natural.Sum() <= ContentWidth)
        {
            return natural;
        }

        natural = Natural(0.5f);
        if (natural.Sum() <= ContentWidth)
        {
            return natural;
        }

        var widths = (float[])natural.Clone();
        var fair = ContentWidth / columns.Count;
        var narrow = natural.Where(w => w <= fair).Sum();
        var wide = natural.Where(w => w > fair).Sum();
        for (var c = 0; c < widths.Length; c++)
        {
            if (natural[c] > fair)
            {
                widths[c] = (ContentWidth - narrow) * natural[c] / wide;
            }
        }

        return showHeader ? KeepHeaderWords(columns, widths) : widths;
    }

    /// <summary>
    /// No column narrower than its header's longest word ("Hạng", "trình"), so headers wrap between words and never
    /// inside one, when the page can hold that; the width this takes comes from the columns that have room to spare, in proportion.
    /// </summary>
    private float[] KeepHeaderWords(IReadOnlyList<PdfColumn> columns, float[] widths)
    {
        var floor = columns.Select(c => c.Header.Split(' ').Max(w => smallBoldFont.MeasureText(w)) + (2 * CellPadding) + 1).ToArray();
        var missing = widths.Select((w, c) => Math.Max(0, floor[c] - w)).Sum();
        if (missing == 0 || floor.Sum() > ContentWidth)
        {
            // Nothing to do, or too many columns for whole words: a word is then cut rather than the table overflowing.
            return widths;
        }

        var spare = widths.Select((w, c) => Math.Max(0, w - floor[c])).ToArray();
        var totalSpare = spare.Sum();
        var share = totalSpare > 0 ? Math.Min(1, missing / totalSpare) : 0;
        return widths.Select((w, c) => w < floor[c] ? floor[c] : w - (spare[c] * share)).ToArray();
    }

    /// <summary>Each cell of a row broken into the lines it prints as, once: the row's height and its drawing both use them.</summary>
    private static List<string>[] Cells(IReadOnlyList<string> row, float[] widths, SKFont font) =>
        widths.Select((width, c) => Wrap(c < row.Count ? row[c] ?? "" : "", font, width - (2 * CellPadding))).ToArray();

    private static float Height(List<string>[] cells, SKFont font) =>
        (cells.Select(lines => lines.Count).DefaultIfEmpty(1).Max() * font.Spacing) + (2 * CellPadding);

    private void DrawRow(IReadOnlyList<PdfColumn> columns, List<string>[] cells, float[] widths, SKFont font, bool header)
    {
        var height = Height(cells, font);
        if (header)
        {
            using var fill = Fill(HeaderFill);
            Canvas.DrawRect(Margin, y, widths.Sum(), height, fill);
        }

        var x = Margin;
        for (var c = 0; c < widths.Length; c++)
        {
            var lineTop = y + CellPadding;
            var right = columns[c].Figures && !header;
            foreach (var line in cells[c])
            {
                Text(line, right ? x + widths[c] - CellPadding : x + CellPadding, lineTop, font, SKColors.Black, right ? SKTextAlign.Right : SKTextAlign.Left);
                lineTop += font.Spacing;
            }

            x += widths[c];
        }

        using var rule = Pen(Rule, 0.5f);
        Canvas.DrawLine(Margin, y + height, Margin + widths.Sum(), y + height, rule);
        y += height;
    }

    private void Chart(string caption, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, ChartScale scale, double? target, bool bars)
    {
        const float height = 170;
        const float left = 48;
        const float bottom = 30;
        EnsureRoom(height + smallBoldFont.Spacing + 12);
        Write(caption, smallBoldFont, SKColors.Black);
        var top = y + 4;
        var width = ContentWidth - left;
        var max = SvgChart.AxisMax(series, scale, target);
        float Y(double value) => top + height - bottom - (float)(Math.Clamp(value / max, 0, 1) * (height - bottom - 6));

        using var grid = Pen(Rule, 0.4f);
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = max * tick / 4;
            Canvas.DrawLine(Margin + left, Y(value), Margin + left + width, Y(value), grid);
            Text(SvgChart.TickLabel(value, scale), Margin + left - 4, Y(value) - (smallFont.Size / 2), smallFont, Grey, SKTextAlign.Right);
        }

        var slot = width / Math.Max(1, labels.Count);
        float X(int i) => bars ? Margin + left + (slot * (i + 0.5f)) : Margin + left + (labels.Count > 1 ? i * width / (labels.Count - 1) : 0);
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 12.0));
        for (var i = 0; i < labels.Count; i += every)
        {
            Text(labels[i], X(i), top + height - bottom + 4, smallFont, Grey, SKTextAlign.Center);
        }

        for (var s = 0; s < series.Count; s++)
        {
            var colour = SeriesColours[s % SeriesColours.Length];
            using var fill = Fill(colour);
            using var pen = Pen(colour, 1.4f);
            SKPoint? previous = null;
            for (var i = 0; i < labels.Count && i < series[s].Values.Count; i++)
            {
                if (series[s].Values[i] is not { } value)
                {
                    previous = null; // a gap: "no data" is not zero
                    continue;
                }

                if (bars)
                {
                    Canvas.DrawRect(X(i) - (slot * 0.35f), Y(value), slot * 0.7f, Y(0) - Y(value), fill);
                    continue;
                }

                var point = new SKPoint(X(i), Y(value));
                if (previous is { } from)
                {
                    Canvas.DrawLine(from, point, pen);
                }

                Canvas.DrawCircle(point, 1.6f, fill);
                previous = point;
            }
        }

        if (target is { } t)
        {
            using var dashed = Pen(new SKColor(0x8b, 0, 0), 0.8f);
            using var dash = SKPathEffect.CreateDash([4, 3], 0);
            dashed.PathEffect = dash;
            Canvas.DrawLine(Margin + left, Y(t), Margin + left + width, Y(t), dashed);
        }

        if (series.Count > 1)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var keyX = Margin + left + (s * 170);
                using var key = Fill(SeriesColours[s % SeriesColours.Length]);
                Canvas.DrawRect(keyX, top + height - 10, 10, 4, key);
                Text(series[s].Name, keyX + 14, top + height - 13, smallFont, SKColors.Black);
            }
        }

        y = top + height + 8;
    }

    private static string Shorten(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        while (text.Length > 1 && font.MeasureText(text + "…") > width)
        {
            text = text[..^1];
        }

        return text + "…";
    }

    /// <summary>Breaks text into lines that fit the width: at spaces, and inside a word only when the word alone is too long.</summary>
    public static List<string> Wrap(string text, SKFont font, float width)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(font);
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && font.MeasureText(line) > width)
                {
                    // A word wider than the column (a code, a URL, JSON): cut it where Skia says the width ends.
                    var cut = Math.Max(1, (int)font.BreakText(line, width));
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }
}
