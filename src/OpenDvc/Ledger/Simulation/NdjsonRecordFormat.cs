using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenDvc.Ledger.Simulation;

/// <summary>How a simulated record becomes bytes: NDJSON or the contract's flat CSV.</summary>
internal interface IRecordFormat : IDisposable
{
    void WriteHeader(RecordBuffer buffer);

    void Write(SimulatedDossier record, RecordBuffer buffer);
}

/// <summary>
/// One JSON object per line, field names and order as docs/sync-contract.md. Optional fields that have no value
/// are left out. Vietnamese text is written as UTF-8, not escaped.
/// </summary>
internal sealed class NdjsonRecordFormat : IRecordFormat
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly JsonEncodedText MaHoSo = JsonEncodedText.Encode("MaHoSo");
    private static readonly JsonEncodedText MaDonVi = JsonEncodedText.Encode("MaDonVi");
    private static readonly JsonEncodedText MaTthc = JsonEncodedText.Encode("MaTTHC");
    private static readonly JsonEncodedText LoaiDoiTuong = JsonEncodedText.Encode("LoaiDoiTuong");
    private static readonly JsonEncodedText KenhThucHien = JsonEncodedText.Encode("KenhThucHien");
    private static readonly JsonEncodedText NoiNopHoSo = JsonEncodedText.Encode("NoiNopHoSo");
    private static readonly JsonEncodedText TrangThaiHoSo = JsonEncodedText.Encode("TrangThaiHoSo");
    private static readonly JsonEncodedText NgayNopHoSo = JsonEncodedText.Encode("NgayNopHoSo");
    private static readonly JsonEncodedText NgayTiepNhan = JsonEncodedText.Encode("NgayTiepNhan");
    private static readonly JsonEncodedText NgayHenTra = JsonEncodedText.Encode("NgayHenTra");
    private static readonly JsonEncodedText NgayKetThucXuLy = JsonEncodedText.Encode("NgayKetThucXuLy");
    private static readonly JsonEncodedText NgayTra = JsonEncodedText.Encode("NgayTra");
    private static readonly JsonEncodedText NgayTuChoi = JsonEncodedText.Encode("NgayTuChoi");
    private static readonly JsonEncodedText ThoiDiemCapNhat = JsonEncodedText.Encode("ThoiDiemCapNhat");
    private static readonly JsonEncodedText DanhSachHoSoBoSung = JsonEncodedText.Encode("DanhSachHoSoBoSung");
    private static readonly JsonEncodedText NgayBoSung = JsonEncodedText.Encode("NgayBoSung");
    private static readonly JsonEncodedText NgayTiepNhanBoSung = JsonEncodedText.Encode("NgayTiepNhanBoSung");
    private static readonly JsonEncodedText DanhSachLePhi = JsonEncodedText.Encode("DanhSachLePhi");
    private static readonly JsonEncodedText MaPhiLePhi = JsonEncodedText.Encode("MaPhiLePhi");
    private static readonly JsonEncodedText TenPhiLePhi = JsonEncodedText.Encode("TenPhiLePhi");
    private static readonly JsonEncodedText Gia = JsonEncodedText.Encode("Gia");
    private static readonly JsonEncodedText DuocThanhToanTrucTuyen = JsonEncodedText.Encode("DuocThanhToanTrucTuyen");
    private static readonly JsonEncodedText HoSoCoThanhPhanSoHoa = JsonEncodedText.Encode("HoSoCoThanhPhanSoHoa");
    private static readonly JsonEncodedText TaiKhoanDuocXacThucVoiVneid = JsonEncodedText.Encode("TaiKhoanDuocXacThucVoiVNeID");
    private static readonly JsonEncodedText TaiLieuNop = JsonEncodedText.Encode("TaiLieuNop");
    private static readonly JsonEncodedText DuocSoHoa = JsonEncodedText.Encode("DuocSoHoa");
    private static readonly JsonEncodedText DuocTaiSuDung = JsonEncodedText.Encode("DuocTaiSuDung");
    private static readonly JsonEncodedText DuocLayTuKhoDmqg = JsonEncodedText.Encode("DuocLayTuKhoDMQG");
    private static readonly JsonEncodedText DanhSachGiayToKetQua = JsonEncodedText.Encode("DanhSachGiayToKetQua");
    private static readonly JsonEncodedText MaGiayTo = JsonEncodedText.Encode("MaGiayTo");
    private static readonly JsonEncodedText DuongDanTepTinKetQua = JsonEncodedText.Encode("DuongDanTepTinKetQua");
    private static readonly JsonEncodedText DanhGia = JsonEncodedText.Encode("DanhGia");
    private static readonly JsonEncodedText MucDo = JsonEncodedText.Encode("MucDo");
    private static readonly JsonEncodedText NgayDanhGia = JsonEncodedText.Encode("NgayDanhGia");
    private static readonly JsonEncodedText MaHoSoGoc = JsonEncodedText.Encode("MaHoSoGoc");
    private static readonly JsonEncodedText MaCoQuan = JsonEncodedText.Encode("MaCoQuan");

    private static readonly JsonEncodedText[] FeeCodes = [JsonEncodedText.Encode("LP01"), JsonEncodedText.Encode("PHI01")];
    private static readonly JsonEncodedText[] FeeNames =
    [
        JsonEncodedText.Encode("Lệ phí giải quyết thủ tục hành chính", JavaScriptEncoder.UnsafeRelaxedJsonEscaping),
        JsonEncodedText.Encode("Phí thẩm định hồ sơ", JavaScriptEncoder.UnsafeRelaxedJsonEscaping),
    ];

    private static readonly JsonEncodedText ResultCode = JsonEncodedText.Encode("KQ01");
    private static readonly JsonEncodedText UnknownUnitCode = JsonEncodedText.Encode(SimulatedValues.UnknownUnit);
    private static readonly JsonEncodedText UnknownProcedureCode = JsonEncodedText.Encode(SimulatedValues.UnknownProcedure);
    private static readonly JsonEncodedText BadTimestampText = JsonEncodedText.Encode(SimulatedValues.BadTimestamp);

    private readonly Utf8JsonWriter writer = new(Stream.Null, Options);

    public void WriteHeader(RecordBuffer buffer)
    {
    }

    public void Dispose() => writer.Dispose();

    public void Write(SimulatedDossier record, RecordBuffer buffer)
    {
        var start = buffer.Length;
        writer.Reset(buffer);
        writer.WriteStartObject();
        WriteBody(record);
        writer.WriteEndObject();
        writer.Flush();
        if (record.Malformed == MalformedKind.BrokenSyntax)
        {
            buffer.TruncateText(start + ((buffer.Length - start) / 2));
        }

        buffer.WriteByte((byte)'\n');
    }

    private void WriteBody(SimulatedDossier record)
    {
        Span<byte> scratch = stackalloc byte[SimulatedValues.MaxCodeLength];
        var malformed = record.Malformed;
        if (malformed != MalformedKind.MissingMaHoSo)
        {
            writer.WriteString(MaHoSo, SimulatedValues.DossierCode(scratch, record, malformed == MalformedKind.MaHoSoTooLong));
        }

        if (malformed == MalformedKind.UnknownUnit)
        {
            writer.WriteString(MaDonVi, UnknownUnitCode);
        }
        else if (malformed != MalformedKind.MissingUnit)
        {
            writer.WriteString(MaDonVi, record.Agency.Unit.Utf8Code);
        }

        if (malformed == MalformedKind.UnknownProcedure)
        {
            writer.WriteString(MaTthc, UnknownProcedureCode);
        }
        else if (malformed != MalformedKind.MissingProcedure)
        {
            writer.WriteString(MaTthc, record.Service.Utf8Code);
        }

        writer.WriteNumber(LoaiDoiTuong, record.ApplicantType);
        writer.WriteNumber(KenhThucHien, record.Channel);
        if (record.SubmissionPlace != 0)
        {
            writer.WriteNumber(NoiNopHoSo, record.SubmissionPlace);
        }

        writer.WriteNumber(TrangThaiHoSo, record.Status);
        if (malformed == MalformedKind.BadTimestamp)
        {
            writer.WriteString(NgayNopHoSo, BadTimestampText);
        }
        else
        {
            WriteTimestamp(NgayNopHoSo, record.Submitted);
        }

        WriteTimestamp(NgayTiepNhan, record.Received);
        WriteTimestamp(NgayHenTra, record.Due);
        WriteTimestamp(NgayKetThucXuLy, record.Finished);
        WriteTimestamp(NgayTra, record.Returned);
        WriteTimestamp(NgayTuChoi, record.Refused);
        WriteTimestamp(ThoiDiemCapNhat, record.Updated);
        WriteLists(record);

        if (record.Rating != 0)
        {
            writer.WriteStartObject(DanhGia);
            writer.WriteNumber(MucDo, record.Rating);
            WriteTimestamp(NgayDanhGia, record.RatedAt);
            writer.WriteEndObject();
        }

        if (record.IsInterAgencyCopy)
        {
            writer.WriteString(MaHoSoGoc, SimulatedValues.OriginalCode(scratch, record));
        }

        writer.WriteString(MaCoQuan, record.Agency.Utf8Code);
    }

    private void WriteLists(SimulatedDossier record)
    {
        if (record.SupplementCount > 0)
        {
            writer.WriteStartArray(DanhSachHoSoBoSung);
            for (var i = 0; i < record.SupplementCount; i++)
            {
                writer.WriteStartObject();
                WriteTimestamp(NgayBoSung, record.SupplementRequested[i]);
                if (record.SupplementCompleted[i] is { } completed)
                {
                    WriteTimestamp(NgayTiepNhanBoSung, completed);
                }
                else
                {
                    writer.WriteString(NgayTiepNhanBoSung, ""u8);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (record.FeeCount > 0)
        {
            writer.WriteStartArray(DanhSachLePhi);
            for (var i = 0; i < record.FeeCount; i++)
            {
                writer.WriteStartObject();
                writer.WriteString(MaPhiLePhi, FeeCodes[i]);
                writer.WriteString(TenPhiLePhi, FeeNames[i]);
                writer.WriteNumber(Gia, record.FeeAmounts[i]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteNumber(DuocThanhToanTrucTuyen, record.PaidOnline);
        writer.WriteNumber(HoSoCoThanhPhanSoHoa, record.Digitised);
        writer.WriteNumber(TaiKhoanDuocXacThucVoiVneid, record.VneidAuthenticated);
        if (record.ComponentCount > 0)
        {
            writer.WriteStartArray(TaiLieuNop);
            for (var i = 0; i < record.ComponentCount; i++)
            {
                writer.WriteStartObject();
                writer.WriteNumber(DuocSoHoa, record.ComponentDigitised[i]);
                writer.WriteNumber(DuocTaiSuDung, record.ComponentReused[i]);
                writer.WriteNumber(DuocLayTuKhoDmqg, record.ComponentFromDataStore[i]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (record.HasResult)
        {
            writer.WriteStartArray(DanhSachGiayToKetQua);
            writer.WriteStartObject();
            writer.WriteString(MaGiayTo, ResultCode);
            if (record.ElectronicResult)
            {
                Span<byte> link = stackalloc byte[SimulatedValues.MaxLinkLength];
                writer.WriteString(DuongDanTepTinKetQua, SimulatedValues.ResultLink(link, record));
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
        }
    }

    private void WriteTimestamp(JsonEncodedText name, DateTime? value)
    {
        if (value is { } instant)
        {
            Span<byte> text = stackalloc byte[14];
            RecordBuffer.FormatTimestamp(text, instant);
            writer.WriteString(name, text);
        }
    }
}
