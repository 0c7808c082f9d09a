using System.Buffers.Text;
using System.Globalization;
using System.Text;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Platform.Time;

namespace OpenDvc.Ledger.Contract;

/// <summary>The contract's fields as the readers know them: one id per wire name, shared by the JSON and CSV forms.</summary>
internal enum DossierField : byte
{
    Unknown = 0,
    MaHoSo, MaDonVi, MaCoQuan, MaHoSoGoc, ThoiDiemCapNhat, MaTTHC, LoaiDoiTuong, KenhThucHien, NoiNopHoSo,
    TrangThaiHoSo, NgayNopHoSo, NgayTiepNhan, NgayHenTra, NgayKetThucXuLy, NgayTra, NgayTuChoi,
    DuocThanhToanTrucTuyen, HoSoCoThanhPhanSoHoa, TaiKhoanDuocXacThucVoiVNeID,

    // JSON lists and objects.
    DanhSachHoSoBoSung, DanhSachLePhi, TaiLieuNop, DanhSachGiayToKetQua, DanhGia,

    // CSV summaries.
    SoLanBoSung, SoNgayBoSung, TongLePhi, CoTaiSuDung, CoLayTuKho, CoKetQuaDienTu, MucDoHaiLong, NgayDanhGia,

    // Fields inside the JSON lists, named in read issues.
    NgayBoSung, NgayTiepNhanBoSung, Gia, DuocSoHoa, DuocTaiSuDung, DuocLayTuKhoDMQG, DuongDanTepTinKetQua,
}

/// <summary>
/// Turns one field's text (a CSV cell, or a JSON scalar's bytes) into the record: the one place where the contract's
/// value formats are read, so both forms agree. Problems become read issues on the record, never exceptions.
/// </summary>
internal static class DossierFields
{
    private static readonly Dictionary<string, DossierField> ByName =
        Enum.GetValues<DossierField>().Where(f => f is not DossierField.Unknown and < DossierField.NgayBoSung)
            .ToDictionary(f => f.ToString(), StringComparer.Ordinal);

    private static readonly string[] IsoWithOffset = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz"];
    private static readonly string[] IsoUtc = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'"];
    private static readonly string[] IsoLocal = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm"];

    public static DossierField Lookup(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Property-name lookup without allocating: by length, then bytes.</summary>
    public static DossierField Lookup(ReadOnlySpan<byte> name) => name.Length switch
    {
        6 => name.SequenceEqual("MaHoSo"u8) ? DossierField.MaHoSo : name.SequenceEqual("MaTTHC"u8) ? DossierField.MaTTHC : DossierField.Unknown,
        7 => name.SequenceEqual("MaDonVi"u8) ? DossierField.MaDonVi
            : name.SequenceEqual("NgayTra"u8) ? DossierField.NgayTra
            : name.SequenceEqual("DanhGia"u8) ? DossierField.DanhGia : DossierField.Unknown,
        8 => name.SequenceEqual("MaCoQuan"u8) ? DossierField.MaCoQuan : DossierField.Unknown,
        9 => name.SequenceEqual("MaHoSoGoc"u8) ? DossierField.MaHoSoGoc : DossierField.Unknown,
        10 => name.SequenceEqual("NoiNopHoSo"u8) ? DossierField.NoiNopHoSo
            : name.SequenceEqual("NgayHenTra"u8) ? DossierField.NgayHenTra
            : name.SequenceEqual("NgayTuChoi"u8) ? DossierField.NgayTuChoi
            : name.SequenceEqual("TaiLieuNop"u8) ? DossierField.TaiLieuNop : DossierField.Unknown,
        11 => name.SequenceEqual("NgayNopHoSo"u8) ? DossierField.NgayNopHoSo : DossierField.Unknown,
        12 => name.SequenceEqual("LoaiDoiTuong"u8) ? DossierField.LoaiDoiTuong
            : name.SequenceEqual("KenhThucHien"u8) ? DossierField.KenhThucHien
            : name.SequenceEqual("NgayTiepNhan"u8) ? DossierField.NgayTiepNhan : DossierField.Unknown,
        13 => name.SequenceEqual("TrangThaiHoSo"u8) ? DossierField.TrangThaiHoSo
            : name.SequenceEqual("DanhSachLePhi"u8) ? DossierField.DanhSachLePhi : DossierField.Unknown,
        15 => name.SequenceEqual("ThoiDiemCapNhat"u8) ? DossierField.ThoiDiemCapNhat
            : name.SequenceEqual("NgayKetThucXuLy"u8) ? DossierField.NgayKetThucXuLy : DossierField.Unknown,
        18 => name.SequenceEqual("DanhSachHoSoBoSung"u8) ? DossierField.DanhSachHoSoBoSung : DossierField.Unknown,
        20 => name.SequenceEqual("HoSoCoThanhPhanSoHoa"u8) ? DossierField.HoSoCoThanhPhanSoHoa
            : name.SequenceEqual("DanhSachGiayToKetQua"u8) ? DossierField.DanhSachGiayToKetQua : DossierField.Unknown,
        22 => name.SequenceEqual("DuocThanhToanTrucTuyen"u8) ? DossierField.DuocThanhToanTrucTuyen : DossierField.Unknown,
        27 => name.SequenceEqual("TaiKhoanDuocXacThucVoiVNeID"u8) ? DossierField.TaiKhoanDuocXacThucVoiVNeID : DossierField.Unknown,
        _ => DossierField.Unknown,
    };

    /// <summary>Applies a scalar's text; empty text is an absent value. Lists (<c>DanhSach…</c>) are not scalars.</summary>
    public static void Apply(DossierRecord record, DossierField field, ReadOnlySpan<byte> text, Utf8StringCache cache)
    {
        if (text.IsEmpty)
        {
            return;
        }

        switch (field)
        {
            case DossierField.MaHoSo: record.Code = Encoding.UTF8.GetString(text); break;
            case DossierField.MaDonVi: record.UnitCode = cache.Get(text); break;
            case DossierField.MaCoQuan: record.AgencyCode = cache.Get(text); break;
            case DossierField.MaHoSoGoc: record.OriginalCode = Encoding.UTF8.GetString(text); break;
            case DossierField.MaTTHC: record.ProcedureCode = cache.Get(text); break;
            case DossierField.ThoiDiemCapNhat: record.UpdatedAt = Timestamp(record, field, text); break;
            case DossierField.NgayNopHoSo: record.SubmittedAt = Timestamp(record, field, text); break;
            case DossierField.NgayTiepNhan: record.ReceivedAt = Timestamp(record, field, text); break;
            case DossierField.NgayHenTra: record.DueAt = Timestamp(record, field, text); break;
            case DossierField.NgayKetThucXuLy: record.FinishedAt = Timestamp(record, field, text); break;
            case DossierField.NgayTra: record.ReturnedAt = Timestamp(record, field, text); break;
            case DossierField.NgayTuChoi: record.RefusedAt = Timestamp(record, field, text); break;
            case DossierField.NgayDanhGia: record.RatedAt = Timestamp(record, field, text); break;
            case DossierField.LoaiDoiTuong: record.ApplicantType = (ApplicantType)Small(record, field, text); break;
            case DossierField.KenhThucHien: record.Channel = (Channel)Small(record, field, text); break;
            case DossierField.NoiNopHoSo: record.SubmissionPlace = (SubmissionPlace)Small(record, field, text); break;
            case DossierField.TrangThaiHoSo: record.Status = (DossierStatus)Small(record, field, text); break;
            case DossierField.DuocThanhToanTrucTuyen: record.OnlinePayment = (OnlinePayment)Small(record, field, text); break;
            case DossierField.MucDoHaiLong: record.Rating = (Satisfaction)Small(record, field, text); break;
            case DossierField.HoSoCoThanhPhanSoHoa: record.Digitised |= Flag(record, field, text); break;
            case DossierField.TaiKhoanDuocXacThucVoiVNeID: record.VneidAuthenticated = Flag(record, field, text); break;
            case DossierField.CoTaiSuDung: record.ReusedData = Flag(record, field, text); break;
            case DossierField.CoLayTuKho: record.FromDataStore = Flag(record, field, text); break;
            case DossierField.CoKetQuaDienTu: record.ElectronicResult = Flag(record, field, text); break;
            case DossierField.SoLanBoSung:
                if (Integer(record, field, text) is { } count)
                {
                    record.SupplementCount = (int)Math.Clamp(count, int.MinValue, int.MaxValue);
                }

                break;
            case DossierField.SoNgayBoSung:
                if (Utf8Parser.TryParse(text, out decimal days, out var used) && used == text.Length && Math.Abs(days) <= 100_000)
                {
                    // In decimal: through double, 1.15 days would come out a tick short of 1 day 3 h 36 min.
                    record.SupplementTime = TimeSpan.FromTicks((long)Math.Round(days * TimeSpan.TicksPerDay));
                }
                else
                {
                    record.AddReadIssue(ReasonCode.FieldTypeInvalid, nameof(DossierField.SoNgayBoSung));
                }

                break;
            case DossierField.TongLePhi:
                if (Fee(record, field, text) is { } fee)
                {
                    record.TotalFee = fee;
                }

                break;
            default:
                break;
        }
    }

    /// <summary>A whole number; anything else is <c>FIELD_TYPE_INVALID</c>.</summary>
    public static long? Integer(DossierRecord record, DossierField field, ReadOnlySpan<byte> text)
    {
        if (Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length)
        {
            return value;
        }

        record.AddReadIssue(ReasonCode.FieldTypeInvalid, field.ToString());
        return null;
    }

    /// <summary>A fee in whole đồng; a fraction or overflow is <c>FEE_INVALID</c> (a negative fee is the validator's <c>FEE_NEGATIVE</c>).</summary>
    public static long? Fee(DossierRecord record, DossierField field, ReadOnlySpan<byte> text)
    {
        if (Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length)
        {
            return value;
        }

        record.AddReadIssue(ReasonCode.FeeInvalid, field.ToString());
        return null;
    }

    /// <summary>A 0/1 flag (also <c>true</c>/<c>false</c>); anything else is <c>FLAG_INVALID</c>.</summary>
    public static bool Flag(DossierRecord record, DossierField field, ReadOnlySpan<byte> text)
    {
        if (text.SequenceEqual("1"u8) || text.SequenceEqual("true"u8))
        {
            return true;
        }

        if (!text.SequenceEqual("0"u8) && !text.SequenceEqual("false"u8))
        {
            record.AddReadIssue(ReasonCode.FlagInvalid, field.ToString());
        }

        return false;
    }

    /// <summary>
    /// A code number kept as sent for the validator to judge: out-of-range numbers and non-numbers become 255, never
    /// a valid value, so the validator names the field as invalid rather than missing.
    /// </summary>
    public static byte Small(DossierRecord record, DossierField field, ReadOnlySpan<byte> text) =>
        Integer(record, field, text) is { } value and >= 0 and < 255 ? (byte)value : byte.MaxValue;

    public static DateTimeOffset? Timestamp(DossierRecord record, DossierField field, ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return null;
        }

        if (TryParseTimestamp(text, out var value))
        {
            return value;
        }

        record.AddReadIssue(ReasonCode.TimestampInvalid, field.ToString());
        return null;
    }

    /// <summary>
    /// <c>yyyyMMddHHmmss</c> in Vietnam time (the portal's form, read without allocating), or ISO 8601: with an
    /// offset or <c>Z</c> (converted to Vietnam time), without one as Vietnam time.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length == 14)
        {
            return TryParseCompact(text, out value);
        }

        if (text.Length is < 16 or > 40)
        {
            return false;
        }

        Span<char> chars = stackalloc char[40];
        if (!Encoding.UTF8.TryGetChars(text, chars, out var length))
        {
            return false;
        }

        var s = chars[..length];
        if (DateTimeOffset.TryParseExact(s, IsoWithOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            || DateTimeOffset.TryParseExact(s, IsoUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            // Every instant is held in Vietnam time, so one instant sent in two forms is one value.
            value = value.ToOffset(VietnamTime.Offset);
            return true;
        }

        if (DateTime.TryParseExact(s, IsoLocal, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && local.Year > 1)
        {
            value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), VietnamTime.Offset);
            return true;
        }

        return false;
    }

    private static bool TryParseCompact(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        var year = Digits(text, 0, 4);
        var month = Digits(text, 4, 2);
        var day = Digits(text, 6, 2);
        var hour = Digits(text, 8, 2);
        var minute = Digits(text, 10, 2);
        var second = Digits(text, 12, 2);
        // Year 1 is excluded: its first hours in UTC+07:00 fall before DateTimeOffset.MinValue.
        if (year < 2 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, VietnamTime.Offset);
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> text, int start, int count)
    {
        var n = 0;
        for (var i = start; i < start + count; i++)
        {
            n = (n * 10) + (text[i] - '0');
        }

        return n;
    }
}
