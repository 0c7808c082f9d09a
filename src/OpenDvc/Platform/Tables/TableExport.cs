using System.Text;
using MiniExcelLibs;
using OpenDvc.Platform.Pdf;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Time;

namespace OpenDvc.Platform.Tables;

/// <summary>
/// A column of an exported table: its header (already localised) and how to read it from a row. <paramref name="PrintHeader"/>:
/// the header a wide table prints in a PDF (an indicator's code), the full header then given in a key above the table.
/// </summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Value, string? PrintHeader = null);

/// <summary>
/// The lines a table published for readers opens with, in every format: its title, then what it covers and where it
/// comes from (the period, up to when its data runs, its edition, the source), so a figure copied from it can be cited.
/// </summary>
public sealed record ExportHeading(string Title, IReadOnlyList<string> Lines);

/// <summary>
/// Every table in OpenDVC exports to Excel (.xlsx), CSV and PDF through here. Rows are enumerated once and written
/// as they come, to a temporary file that is then streamed and deleted, so memory stays flat for large tables.
/// </summary>
public static class TableExport
{
    public static bool IsSupported(string? format) => format is "csv" or "xlsx" or "pdf";

    /// <summary>The answer to an export asked in a format not in <see cref="IsSupported"/>.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult UnsupportedFormat() =>
        Refusal.Of(PlatformCodes.ExportFormat).ToProblem();

    public static string ContentType(string format) => format switch
    {
        "csv" => "text/csv; charset=utf-8",
        "pdf" => System.Net.Mime.MediaTypeNames.Application.Pdf,
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    /// <param name="title">The PDF's printed title; the file name's stem when not given.</param>
    /// <param name="heading">For a table published for readers: written above it in every format (see <see cref="ExportHeading"/>).</param>
    public static async Task<IResult> ToFileAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, string format, string fileStem, CancellationToken cancellationToken, string? title = null, ExportHeading? heading = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"opendvc-export-{Guid.NewGuid():N}.{format}");
        await using (var file = File.Create(path))
        {
            await WriteAsync(rows, columns, format, heading ?? new ExportHeading(title ?? fileStem, []), file, cancellationToken);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return TypedResults.File(stream, ContentType(format), $"{fileStem}.{format}");
    }

    /// <summary>Writes the table to a file the CLI was given: the format is the file's extension, .csv, .xlsx or .pdf.</summary>
    public static async Task WriteFileAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, FileInfo file, CancellationToken cancellationToken, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var format = FormatOf(file);
        await using var stream = file.Create();
        await WriteAsync(rows, columns, format, new ExportHeading(title ?? Path.GetFileNameWithoutExtension(file.Name), []), stream, cancellationToken);
    }

    /// <summary>csv, xlsx or pdf from a file's extension; anything else is a CLI error with a stable code.</summary>
    public static string FormatOf(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var format = file.Extension.TrimStart('.').ToLowerInvariant();
        return IsSupported(format)
            ? format
            : throw new Cli.CliException(Refusal.Of(PlatformCodes.ExportFormat).Saying("File"));
    }

    /// <summary>A heading with lines opens the CSV and Excel files too; one with a title only is the PDF's title alone.</summary>
    private static Task WriteAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, string format, ExportHeading heading, Stream output, CancellationToken cancellationToken) => format switch
    {
        "csv" => WriteCsvAsync(rows, columns, output, cancellationToken, heading.Lines.Count > 0 ? heading : null),
        "pdf" => WritePdfAsync(rows, columns, heading.Title, output, cancellationToken, heading.Lines),
        _ => WriteXlsxAsync(rows, columns, output, cancellationToken, heading.Lines.Count > 0 ? heading : null),
    };

    /// <summary>
    /// A printable table: A4, landscape when it has many columns, figures right-aligned, the header on every page. A PDF
    /// is for reading, so it prints the first 5,000 rows and says how many more the Excel/CSV export holds.
    /// </summary>
    public static Task WritePdfAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, string title, Stream output, CancellationToken cancellationToken, IReadOnlyList<string>? lines = null)
    {
        // Figures print as the reader writes them (1.234,5 in Vietnamese, 1,234.5 in English): the request's culture.
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        return Task.Run(
            () =>
            {
                var values = rows.ToBlockingEnumerable(cancellationToken).Select(row => columns.Select(c => c.Value(row)).ToArray());
                using var enumerator = values.GetEnumerator();
                var first = enumerator.MoveNext() ? enumerator.Current : null;
                // A wide table prints its short headers, so each column keeps room for its figures; a key gives the full ones.
                var shortened = columns.Count > WideTable ? columns.Where(c => c.PrintHeader is not null).ToList() : [];
                var pdfColumns = columns.Select((c, i) => new PdfColumn(shortened.Contains(c) ? c.PrintHeader! : c.Header, first is not null && IsFigure(first[i]))).ToList();
                var printedAt = TimeProvider.System.GetUtcNow().ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
                using var report = new PdfReport(title, $"OpenDVC · {printedAt} (UTC+7)", landscape: columns.Count > 6);
                foreach (var line in lines ?? [])
                {
                    report.Paragraph(line);
                }

                if (shortened.Count > 0)
                {
                    report.Paragraph(string.Join("; ", shortened.Select(c => c.Header.StartsWith(c.PrintHeader!, StringComparison.Ordinal) ? c.Header : $"{c.PrintHeader}: {c.Header}")));
                }

                report.Table(pdfColumns, Rows(first, enumerator).Select(r => (IReadOnlyList<string>)r.Select(v => PdfText(v, culture)).ToList()));
                report.Save(output);
            },
            cancellationToken);
    }

    private static IEnumerable<object?[]> Rows(object?[]? first, IEnumerator<object?[]> rest)
    {
        if (first is null)
        {
            yield break;
        }

        yield return first;
        while (rest.MoveNext())
        {
            yield return rest.Current;
        }
    }

    /// <summary>More columns than this print their short headers in a PDF.</summary>
    private const int WideTable = 12;

    private static bool IsFigure(object? value) => value is int or long or short or double or decimal or float;

    /// <summary>
    /// Figures as people read them (thousands grouped, at most two decimals); everything else as in CSV, cut at 300
    /// characters (a printed cell is for reading; long texts such as an audit entry's JSON are whole in Excel and CSV).
    /// </summary>
    private static string PdfText(object? value, IFormatProvider culture) => value switch
    {
        int or long or short => ((IFormattable)value).ToString("#,0", culture),
        double or decimal or float => ((IFormattable)value).ToString("#,0.##", culture),
        _ => Cut(Format(value)),
    };

    private static string Cut(string text) => text.Length > PdfCellLimit ? string.Concat(text.AsSpan(0, PdfCellLimit), "…") : text;

    private const int PdfCellLimit = 300;

    public static async Task WriteCsvAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, Stream output, CancellationToken cancellationToken, ExportHeading? heading = null)
    {
        // UTF-8 with a byte order mark: Excel opens Vietnamese text correctly only with it.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        if (heading is not null)
        {
            // The heading's lines, one cell each, then an empty line before the table.
            foreach (var line in (string[])[heading.Title, .. heading.Lines, ""])
            {
                await writer.WriteLineAsync(Csv.Escape(line));
            }
        }

        await writer.WriteLineAsync(string.Join(',', columns.Select(c => Csv.Escape(c.Header))));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', columns.Select(c => Csv.Escape(Format(c.Value(row))))));
        }
    }

    /// <summary>
    /// Excel, with the heading's lines (when given) above the table: rows keyed by column position and the header
    /// written as a row of its own, so the lines can sit in the first column above it and two columns may share a header.
    /// MiniExcel pulls the rows one at a time; it writes to a file, so blocking here is harmless.
    /// </summary>
    public static Task WriteXlsxAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, Stream output, CancellationToken cancellationToken, ExportHeading? heading = null)
    {
        var keys = columns.Select((_, i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Dictionary<string, object?> Row(Func<int, object?> value) => keys.Select((key, i) => (key, value: value(i))).ToDictionary(p => p.key, p => p.value);
        IEnumerable<Dictionary<string, object?>> Records()
        {
            if (heading is not null)
            {
                foreach (var line in (string[])[heading.Title, .. heading.Lines, ""])
                {
                    yield return Row(i => i == 0 ? line : null);
                }
            }

            yield return Row(i => columns[i].Header);
            foreach (var row in rows.ToBlockingEnumerable(cancellationToken))
            {
                yield return Row(i => Cell(columns[i].Value(row)));
            }
        }

        return Task.Run(() => output.SaveAs(Records(), printHeader: false), cancellationToken);
    }

    /// <summary>An Excel cell keeps numbers and texts as they are; enums and dates are written as in CSV.</summary>
    private static object? Cell(object? value) => value is Enum or DateOnly or DateTimeOffset ? Format(value) : value;

    public static string Format(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
