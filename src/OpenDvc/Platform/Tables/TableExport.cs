using System.Text;
using MiniExcelLibs;

namespace OpenDvc.Platform.Tables;

/// <summary>A column of an exported table: its header (already localised) and how to read it from a row.</summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// Every table in OpenDVC exports to Excel (.xlsx) and CSV through here. Rows are enumerated once and written
/// as they come, to a temporary file that is then streamed and deleted, so memory stays flat for large tables.
/// </summary>
public static class TableExport
{
    public static bool IsSupported(string? format) => format is "csv" or "xlsx";

    public static async Task<IResult> ToFileAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, string format, string fileStem, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"opendvc-export-{Guid.NewGuid():N}.{format}");
        await using (var file = File.Create(path))
        {
            if (format == "csv")
            {
                await WriteCsvAsync(rows, columns, file, cancellationToken);
            }
            else
            {
                await WriteXlsxAsync(rows, columns, file, cancellationToken);
            }
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var contentType = format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        return TypedResults.File(stream, contentType, $"{fileStem}.{format}");
    }

    /// <summary>Writes the table to a file the CLI was given: the format is the file's extension, .csv or .xlsx.</summary>
    public static async Task WriteFileAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, FileInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var format = FormatOf(file);
        await using var stream = file.Create();
        await (format == "csv" ? WriteCsvAsync(rows, columns, stream, cancellationToken) : WriteXlsxAsync(rows, columns, stream, cancellationToken));
    }

    /// <summary>csv or xlsx from a file's extension; anything else is a CLI error with a stable code.</summary>
    public static string FormatOf(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var format = file.Extension.TrimStart('.').ToLowerInvariant();
        return IsSupported(format)
            ? format
            : throw new Cli.CliException("OD-EXPORT-FORMAT", "Tệp xuất phải có đuôi .csv hoặc .xlsx.", "The output file must end in .csv or .xlsx.");
    }

    public static async Task WriteCsvAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, Stream output, CancellationToken cancellationToken)
    {
        // UTF-8 with a byte order mark: Excel opens Vietnamese text correctly only with it.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', columns.Select(c => Csv.Escape(c.Header))));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', columns.Select(c => Csv.Escape(Format(c.Value(row))))));
        }
    }

    public static Task WriteXlsxAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, Stream output, CancellationToken cancellationToken)
    {
        // MiniExcel pulls rows one at a time from an enumerable; it writes to a file, so blocking here is harmless.
        var records = rows.ToBlockingEnumerable(cancellationToken).Select(row =>
        {
            var record = new Dictionary<string, object?>(columns.Count);
            foreach (var column in columns)
            {
                var value = column.Value(row);
                record[column.Header] = value is Enum or DateOnly or DateTimeOffset ? Format(value) : value;
            }

            return record;
        });
        return Task.Run(() => output.SaveAs(records), cancellationToken);
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
