using OpenDvc.Ledger.Quarantine;

namespace OpenDvc.Ledger.Contract;

/// <summary>
/// Parses single records of one form: what <see cref="DossierReader"/> uses per line, and what replaying a
/// quarantined record uses on its kept raw bytes. Keeps a small cache of code strings, so keep one per stream or
/// batch; not thread-safe.
/// </summary>
public sealed class DossierParser
{
    private readonly DossierJson? json;
    private readonly DossierCsvLine? csv;

    /// <param name="format">NDJSON or envelope records are JSON objects; CSV records need their file's header line.</param>
    /// <param name="csvHeader">The CSV header line (<see cref="DossierReader.CsvHeader"/>); required for CSV.</param>
    public DossierParser(DossierFormat format, string? csvHeader = null)
    {
        Format = format;
        if (format == DossierFormat.Csv)
        {
            ArgumentException.ThrowIfNullOrEmpty(csvHeader);
            csv = new DossierCsvLine(System.Text.Encoding.UTF8.GetBytes(csvHeader));
        }
        else
        {
            json = new DossierJson();
        }
    }

    internal DossierParser(ReadOnlySpan<byte> csvHeader)
    {
        Format = DossierFormat.Csv;
        csv = new DossierCsvLine(csvHeader);
    }

    public DossierFormat Format { get; }

    /// <summary>One record from its raw bytes; a malformed record comes back with <see cref="DossierLine.Error"/>, never an exception.</summary>
    public DossierLine Parse(ReadOnlyMemory<byte> raw, long lineNumber = 1)
    {
        if (!System.Text.Unicode.Utf8.IsValid(raw.Span))
        {
            // Refused, not repaired: decoding would turn every wrong byte into U+FFFD and merge records that differ.
            return new DossierLine(lineNumber, raw, null, new DossierIssue(ReasonCode.Utf8Invalid));
        }

        DossierIssue? error;
        var record = csv is not null ? csv.Parse(raw.Span, out error) : json!.Parse(raw.Span, out error);
        return new DossierLine(lineNumber, raw, record, error);
    }

    internal static DossierLine TooLong(ReadOnlyMemory<byte> raw, long lineNumber) =>
        new(lineNumber, raw, null, new DossierIssue(ReasonCode.LineTooLong));
}
