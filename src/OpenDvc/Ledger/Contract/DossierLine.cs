using System.Text;
using OpenDvc.Ledger.Quarantine;

namespace OpenDvc.Ledger.Contract;

/// <summary>The forms a dossier record arrives in (docs/sync-contract.md, "Transport").</summary>
public enum DossierFormat : byte
{
    /// <summary>One JSON record per line, UTF-8.</summary>
    Ndjson = 1,

    /// <summary>Flat columns with a header line (<see cref="DossierCsv.Columns"/>).</summary>
    Csv = 2,

    /// <summary>The national portal's HTTP envelope <c>{"isUpdating": bool, "data": [record, ...]}</c>.</summary>
    Envelope = 3,
}

/// <summary>
/// One record as read: where it was, its bytes exactly as received (for quarantine), and either the parsed record or
/// why it could not be parsed. A malformed line still yields a <see cref="DossierLine"/>: nothing read is lost.
/// </summary>
/// <remarks>
/// <see cref="Raw"/> points into the reader's pooled buffer and is valid only until the reader moves on; copy it
/// (<see cref="RawText"/> or <c>Raw.ToArray()</c>) to keep it, e.g. for a rejected record.
/// </remarks>
public readonly struct DossierLine(long lineNumber, ReadOnlyMemory<byte> raw, DossierRecord? record, DossierIssue? error)
{
    /// <summary>1-based line of the (decompressed) input; for the envelope, the 1-based position in <c>data</c>.</summary>
    public long LineNumber { get; } = lineNumber;

    /// <summary>The record's UTF-8 bytes as received, without the line break (truncated only for <c>LINE_TOO_LONG</c>).</summary>
    public ReadOnlyMemory<byte> Raw { get; } = raw;

    /// <summary>The parsed record, possibly with <see cref="DossierRecord.ReadIssues"/>; null when the line could not be parsed.</summary>
    public DossierRecord? Record { get; } = record;

    /// <summary>Why the line could not be parsed at all (<c>JSON_MALFORMED</c>, <c>CSV_MALFORMED</c>, <c>LINE_TOO_LONG</c>).</summary>
    public DossierIssue? Error { get; } = error;

    /// <summary>The raw bytes as text (<see cref="Decode"/>).</summary>
    public string RawText => Decode(Raw.Span);

    /// <summary>
    /// UTF-8 bytes as text. Bytes that are not valid UTF-8 are written <c>\xHH</c> rather than U+FFFD: two records
    /// that differ only in their wrong bytes stay two records in quarantine, and a person can see what was sent.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> raw)
    {
        if (System.Text.Unicode.Utf8.IsValid(raw))
        {
            return Encoding.UTF8.GetString(raw);
        }

        var text = new StringBuilder(raw.Length + 16);
        while (!raw.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(raw, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                for (var i = 0; i < consumed; i++)
                {
                    text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{raw[i]:X2}");
                }
            }

            raw = raw[consumed..];
        }

        return text.ToString();
    }
}
