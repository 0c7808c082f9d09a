using System.Text.Json;
using OpenDvc.Ledger.Quarantine;

namespace OpenDvc.Ledger.Contract;

/// <summary>
/// Reads one JSON record with <see cref="Utf8JsonReader"/> straight from its UTF-8 bytes: no document, no
/// per-property strings, lists summarised on the fly. Unknown properties are skipped; names are case-sensitive,
/// as the portal's payload is.
/// </summary>
internal sealed class DossierJson
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16 };
    private readonly Utf8StringCache cache = new();
    private byte[] scratch = new byte[256];

    /// <summary>The record, or null with <c>JSON_MALFORMED</c> when the bytes are not exactly one JSON object.</summary>
    public DossierRecord? Parse(ReadOnlySpan<byte> utf8, out DossierIssue? error)
    {
        error = null;
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = new DossierIssue(ReasonCode.JsonMalformed);
                return null;
            }

            var record = new DossierRecord();
            ReadRecord(ref reader, record);
            if (reader.Read())
            {
                error = new DossierIssue(ReasonCode.JsonMalformed);
                return null;
            }

            return record;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Invalid JSON, invalid UTF-8 inside a string, or nesting past MaxDepth.
            error = new DossierIssue(ReasonCode.JsonMalformed);
            return null;
        }
    }

    private void ReadRecord(ref Utf8JsonReader reader, DossierRecord record)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = DossierFields.Lookup(Name(ref reader));
            reader.Read();
            switch (field)
            {
                case DossierField.Unknown:
                    reader.Skip();
                    break;
                case DossierField.DanhSachHoSoBoSung or DossierField.DanhSachLePhi or DossierField.TaiLieuNop or DossierField.DanhSachGiayToKetQua:
                    ReadList(ref reader, record, field);
                    break;
                case DossierField.DanhGia:
                    ReadRating(ref reader, record);
                    break;
                default:
                    if (TryScalar(ref reader, out var text))
                    {
                        DossierFields.Apply(record, field, text, cache);
                    }
                    else
                    {
                        record.AddReadIssue(ReasonCode.FieldTypeInvalid, field.ToString());
                        reader.Skip();
                    }

                    break;
            }
        }
    }

    /// <summary>A list of objects summarised into the record: supplement times, fee total, component and result flags.</summary>
    private void ReadList(ref Utf8JsonReader reader, DossierRecord record, DossierField list)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            record.AddReadIssue(ReasonCode.FieldTypeInvalid, list.ToString());
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                record.AddReadIssue(ReasonCode.FieldTypeInvalid, list.ToString());
                reader.Skip();
                continue;
            }

            DateTimeOffset? requested = null;
            DateTimeOffset? completed = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = NestedField(Name(ref reader));
                reader.Read();
                if (!TryScalar(ref reader, out var text))
                {
                    record.AddReadIssue(ReasonCode.FieldTypeInvalid, (field == DossierField.Unknown ? list : field).ToString());
                    reader.Skip();
                    continue;
                }

                switch (field)
                {
                    case DossierField.NgayBoSung when list == DossierField.DanhSachHoSoBoSung:
                        requested = DossierFields.Timestamp(record, field, text);
                        break;
                    case DossierField.NgayTiepNhanBoSung when list == DossierField.DanhSachHoSoBoSung:
                        completed = DossierFields.Timestamp(record, field, text);
                        break;
                    case DossierField.Gia when list == DossierField.DanhSachLePhi && !text.IsEmpty:
                        AddFee(record, DossierFields.Fee(record, field, text));
                        break;
                    case DossierField.DuocSoHoa when list == DossierField.TaiLieuNop && !text.IsEmpty:
                        record.Digitised |= DossierFields.Flag(record, field, text);
                        break;
                    case DossierField.DuocTaiSuDung when list == DossierField.TaiLieuNop && !text.IsEmpty:
                        record.ReusedData |= DossierFields.Flag(record, field, text);
                        break;
                    case DossierField.DuocLayTuKhoDMQG when list == DossierField.TaiLieuNop && !text.IsEmpty:
                        record.FromDataStore |= DossierFields.Flag(record, field, text);
                        break;
                    case DossierField.DuongDanTepTinKetQua when list == DossierField.DanhSachGiayToKetQua:
                        // "A result with a file link is an electronic result."
                        record.ElectronicResult |= !text.Trim(" \t"u8).IsEmpty;
                        break;
                    default:
                        break;
                }
            }

            if (list == DossierField.DanhSachHoSoBoSung)
            {
                AddSupplement(record, requested, completed);
            }
        }
    }

    private static void AddSupplement(DossierRecord record, DateTimeOffset? requested, DateTimeOffset? completed)
    {
        record.SupplementCount++;
        if (completed is { } done)
        {
            if (requested is { } asked && done >= asked)
            {
                record.SupplementTime += done - asked;
            }
            else
            {
                record.AddReadIssue(ReasonCode.SupplementInvalid, nameof(DossierField.NgayTiepNhanBoSung));
            }
        }
        else if (requested is { } open && (record.OpenSupplementSince is null || open < record.OpenSupplementSince))
        {
            record.OpenSupplementSince = open;
        }
    }

    private static void AddFee(DossierRecord record, long? fee)
    {
        if (fee is not { } value)
        {
            return;
        }

        if (value < 0)
        {
            record.AddReadIssue(ReasonCode.FeeNegative, nameof(DossierField.Gia));
        }

        var total = record.TotalFee + value;
        if (((record.TotalFee ^ total) & (value ^ total)) < 0)
        {
            record.AddReadIssue(ReasonCode.FeeInvalid, nameof(DossierField.Gia));
            return;
        }

        record.TotalFee = total;
    }

    private void ReadRating(ref Utf8JsonReader reader, DossierRecord record)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            record.AddReadIssue(ReasonCode.FieldTypeInvalid, nameof(DossierField.DanhGia));
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader);
            var field = name.SequenceEqual("MucDo"u8) ? DossierField.MucDoHaiLong
                : name.SequenceEqual("NgayDanhGia"u8) ? DossierField.NgayDanhGia : DossierField.Unknown;
            reader.Read();
            if (field == DossierField.Unknown)
            {
                reader.Skip();
            }
            else if (TryScalar(ref reader, out var text))
            {
                DossierFields.Apply(record, field, text, cache);
            }
            else
            {
                record.AddReadIssue(ReasonCode.FieldTypeInvalid, nameof(DossierField.DanhGia));
                reader.Skip();
            }
        }
    }

    private static DossierField NestedField(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 => name.SequenceEqual("Gia"u8) ? DossierField.Gia : DossierField.Unknown,
        9 => name.SequenceEqual("DuocSoHoa"u8) ? DossierField.DuocSoHoa : DossierField.Unknown,
        10 => name.SequenceEqual("NgayBoSung"u8) ? DossierField.NgayBoSung : DossierField.Unknown,
        13 => name.SequenceEqual("DuocTaiSuDung"u8) ? DossierField.DuocTaiSuDung : DossierField.Unknown,
        16 => name.SequenceEqual("DuocLayTuKhoDMQG"u8) ? DossierField.DuocLayTuKhoDMQG : DossierField.Unknown,
        18 => name.SequenceEqual("NgayTiepNhanBoSung"u8) ? DossierField.NgayTiepNhanBoSung : DossierField.Unknown,
        20 => name.SequenceEqual("DuongDanTepTinKetQua"u8) ? DossierField.DuongDanTepTinKetQua : DossierField.Unknown,
        _ => DossierField.Unknown,
    };

    /// <summary>A property name's unescaped bytes (names are plain ASCII in practice; escapes are unescaped into scratch).</summary>
    private ReadOnlySpan<byte> Name(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? Unescaped(ref reader) : reader.ValueSpan;

    /// <summary>
    /// The text of a scalar: a string's unescaped bytes, a number's digits, 1/0 for true/false, empty for null.
    /// False for an object or array, which the caller reports and skips.
    /// </summary>
    private bool TryScalar(ref Utf8JsonReader reader, out ReadOnlySpan<byte> text)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                text = reader.ValueIsEscaped ? Unescaped(ref reader) : reader.ValueSpan;
                return true;
            case JsonTokenType.Number:
                text = reader.ValueSpan;
                return true;
            case JsonTokenType.True:
                text = "1"u8;
                return true;
            case JsonTokenType.False:
                text = "0"u8;
                return true;
            case JsonTokenType.Null:
                text = default;
                return true;
            default:
                text = default;
                return false;
        }
    }

    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        // Unescaped text is never longer than the escaped text.
        if (scratch.Length < reader.ValueSpan.Length)
        {
            scratch = new byte[Math.Max(reader.ValueSpan.Length, scratch.Length * 2)];
        }

        var length = reader.CopyString(scratch);
        return scratch.AsSpan(0, length);
    }
}
