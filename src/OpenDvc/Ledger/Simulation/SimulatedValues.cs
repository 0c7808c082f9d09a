using System.Buffers.Text;

namespace OpenDvc.Ledger.Simulation;

/// <summary>The values both output formats write the same way: codes, links, and the malformed stand-ins.</summary>
internal static class SimulatedValues
{
    public const string UnknownUnit = "ZZ99";
    public const string UnknownProcedure = "9.999999";

    /// <summary>Fourteen digits, but month 13 and hour 25: not a timestamp.</summary>
    public const string BadTimestamp = "20231345256100";

    public static ReadOnlySpan<byte> UnknownUnitUtf8 => "ZZ99"u8;
    public static ReadOnlySpan<byte> UnknownProcedureUtf8 => "9.999999"u8;
    public static ReadOnlySpan<byte> BadTimestampUtf8 => "20231345256100"u8;

    /// <summary>Far beyond "one day in the future" for any run of this program, and the same every run.</summary>
    public static readonly DateTime FarFuture = new(2099, 12, 31, 12, 0, 0, DateTimeKind.Unspecified);

    public const int MaxCodeLength = 160;
    public const int MaxLinkLength = 160;

    /// <summary>The contract allows 1–64 characters; a too-long code repeats the agency in front.</summary>
    private const int TooLongPadding = 70;

    public static ReadOnlySpan<byte> DossierCode(Span<byte> scratch, SimulatedDossier record, bool tooLong)
    {
        var position = 0;
        if (tooLong)
        {
            scratch[..TooLongPadding].Fill((byte)'9');
            position = TooLongPadding;
        }

        position += RecordBuffer.FormatDossierCode(scratch[position..], record.Agency, record.CodeDay, record.Serial);
        return scratch[..position];
    }

    public static ReadOnlySpan<byte> OriginalCode(Span<byte> scratch, SimulatedDossier record) =>
        scratch[..RecordBuffer.FormatDossierCode(scratch, record.OriginalAgency!, record.OriginalCodeDay, record.OriginalSerial)];

    public static ReadOnlySpan<byte> ResultLink(Span<byte> scratch, SimulatedDossier record)
    {
        var prefix = record.Agency.Unit.Utf8ResultPrefix;
        prefix.CopyTo(scratch);
        Utf8Formatter.TryFormat(record.Serial, scratch[prefix.Length..], out var written);
        var position = prefix.Length + written;
        ".pdf"u8.CopyTo(scratch[position..]);
        return scratch[..(position + 4)];
    }
}
