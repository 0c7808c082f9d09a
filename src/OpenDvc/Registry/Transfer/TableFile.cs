using System.Globalization;
using System.Text;
using MiniExcelLibs;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;

namespace OpenDvc.Registry.Transfer;

/// <summary>
/// A table read from an uploaded Excel (.xlsx) or CSV file: the header row and the data rows as text, each with
/// its row number as a spreadsheet shows it. The format is told by the content (an .xlsx is a zip), not the name.
/// </summary>
public sealed class TableFile
{
    private TableFile(IReadOnlyList<string> header, IReadOnlyList<(int Number, string[] Cells)> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<(int Number, string[] Cells)> Rows { get; }

    /// <summary>Reads the file; a file that cannot be read becomes an <see cref="ImportError"/> on row 0.</summary>
    public static (TableFile? File, ImportError? Error) Read(Stream content, string fileName)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        var isZip = buffer.Length >= 4 && buffer.GetBuffer() is [0x50, 0x4B, 0x03, 0x04, ..];
        var saysXlsx = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
        List<string[]> records;
        if (isZip)
        {
            var xlsx = ReadXlsx(buffer);
            if (xlsx is null)
            {
                return (null, Malformed(fileName));
            }

            records = xlsx;
        }
        else if (saysXlsx || buffer.GetBuffer().AsSpan(0, (int)buffer.Length).Contains((byte)0))
        {
            return (null, Malformed(fileName));
        }
        else
        {
            using var reader = new StreamReader(buffer, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
            records = Csv.ReadRecords(reader).ToList();
        }

        var numbered = records.Select((cells, index) => (Number: index + 1, Cells: cells)).Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (numbered.Count == 0)
        {
            return (null, ImportError.Of(0, "", fileName, Refusal.Of(RegistryCodes.ImportEmpty).Saying("NoData")));
        }

        var header = numbered[0].Cells.Select(c => c.Trim()).ToList();
        while (header.Count > 0 && header[^1].Length == 0)
        {
            header.RemoveAt(header.Count - 1);
        }

        return (new TableFile(header, numbered.Skip(1).ToList()), null);
    }

    private static ImportError Malformed(string fileName) =>
        ImportError.Of(0, "", fileName, Refusal.Of(RegistryCodes.ImportMalformed));

    private static List<string[]>? ReadXlsx(MemoryStream buffer)
    {
        try
        {
            var rows = new List<string[]>();
            foreach (IDictionary<string, object?> row in buffer.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                rows.Add(row.Values.Select(CellText).ToArray());
            }

            return rows;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException or KeyNotFoundException or NullReferenceException)
        {
            return null;
        }
    }

    /// <summary>Excel hands back numbers as doubles and booleans as booleans; the import reads text, as from CSV.</summary>
    private static string CellText(object? value) => value switch
    {
        null => "",
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        DateTime t => DateOnly.FromDateTime(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => TableExport.Format(value),
    };
}
