namespace OpenDvc.Ledger.Simulation;

/// <summary>
/// The contract's flat CSV: one header line, then one row per record; nested lists are summarised by the
/// <c>SoLanBoSung</c>, <c>SoNgayBoSung</c>, <c>TongLePhi</c>, <c>CoTaiSuDung</c>, <c>CoLayTuKho</c>,
/// <c>CoKetQuaDienTu</c> and <c>MucDoHaiLong</c> columns. No value needs quoting (codes, digits, timestamps).
/// </summary>
internal sealed class CsvRecordFormat : IRecordFormat
{
    /// <summary>The column order the ledger's CSV reader documents (it matches by name, in any order).</summary>
    public static readonly string[] Columns =
    [
        "MaHoSo", "MaDonVi", "MaCoQuan", "MaHoSoGoc", "ThoiDiemCapNhat", "MaTTHC", "LoaiDoiTuong",
        "KenhThucHien", "NoiNopHoSo", "TrangThaiHoSo",
        "NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "NgayTuChoi",
        "SoLanBoSung", "SoNgayBoSung", "TongLePhi", "DuocThanhToanTrucTuyen", "HoSoCoThanhPhanSoHoa",
        "TaiKhoanDuocXacThucVoiVNeID", "CoTaiSuDung", "CoLayTuKho", "CoKetQuaDienTu", "MucDoHaiLong", "NgayDanhGia",
    ];

    private static readonly byte[] Header = System.Text.Encoding.UTF8.GetBytes(string.Join(',', Columns) + "\n");

    public void WriteHeader(RecordBuffer buffer) => buffer.Write(Header);

    public void Dispose()
    {
    }

    public void Write(SimulatedDossier record, RecordBuffer buffer)
    {
        var start = buffer.Length;
        Span<byte> scratch = stackalloc byte[SimulatedValues.MaxCodeLength];
        var malformed = record.Malformed;
        if (malformed != MalformedKind.MissingMaHoSo)
        {
            buffer.Write(SimulatedValues.DossierCode(scratch, record, malformed == MalformedKind.MaHoSoTooLong));
        }

        buffer.WriteByte((byte)',');
        if (malformed == MalformedKind.UnknownUnit)
        {
            buffer.Write(SimulatedValues.UnknownUnitUtf8);
        }
        else if (malformed != MalformedKind.MissingUnit)
        {
            buffer.Write(record.Agency.Unit.Utf8Code);
        }

        buffer.WriteByte((byte)',');
        buffer.Write(record.Agency.Utf8Code);
        buffer.WriteByte((byte)',');
        if (record.IsInterAgencyCopy)
        {
            buffer.Write(SimulatedValues.OriginalCode(scratch, record));
        }

        Timestamp(buffer, record.Updated);
        buffer.WriteByte((byte)',');
        if (malformed == MalformedKind.UnknownProcedure)
        {
            buffer.Write(SimulatedValues.UnknownProcedureUtf8);
        }
        else if (malformed != MalformedKind.MissingProcedure)
        {
            buffer.Write(record.Service.Utf8Code);
        }

        Number(buffer, record.ApplicantType);
        Number(buffer, record.Channel);
        Number(buffer, record.SubmissionPlace == 0 ? null : record.SubmissionPlace);
        Number(buffer, record.Status);
        buffer.WriteByte((byte)',');
        if (malformed == MalformedKind.BadTimestamp)
        {
            buffer.Write(SimulatedValues.BadTimestampUtf8);
        }
        else
        {
            buffer.WriteTimestamp(record.Submitted);
        }

        Timestamp(buffer, record.Received);
        Timestamp(buffer, record.Due);
        Timestamp(buffer, record.Finished);
        Timestamp(buffer, record.Returned);
        Timestamp(buffer, record.Refused);
        Number(buffer, record.SupplementCount);
        buffer.WriteByte((byte)',');
        buffer.WriteDecimal(record.SupplementDays());
        Number(buffer, record.TotalFee());
        Number(buffer, record.PaidOnline);
        Number(buffer, record.Digitised);
        Number(buffer, record.VneidAuthenticated);
        Number(buffer, record.AnyComponent(record.ComponentReused) ? 1 : 0);
        Number(buffer, record.AnyComponent(record.ComponentFromDataStore) ? 1 : 0);
        Number(buffer, record.HasResult && record.ElectronicResult ? 1 : 0);
        Number(buffer, record.Rating == 0 ? null : record.Rating);
        Timestamp(buffer, record.RatedAt);
        if (malformed == MalformedKind.BrokenSyntax)
        {
            buffer.TruncateText(start + ((buffer.Length - start) / 2));
        }

        buffer.WriteByte((byte)'\n');
    }

    private static void Number(RecordBuffer buffer, long? value)
    {
        buffer.WriteByte((byte)',');
        if (value is { } number)
        {
            buffer.WriteNumber(number);
        }
    }

    private static void Timestamp(RecordBuffer buffer, DateTime? value)
    {
        buffer.WriteByte((byte)',');
        if (value is { } instant)
        {
            buffer.WriteTimestamp(instant);
        }
    }
}
