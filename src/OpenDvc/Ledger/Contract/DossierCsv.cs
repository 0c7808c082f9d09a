namespace OpenDvc.Ledger.Contract;

/// <summary>
/// The flat CSV form of the contract: the record's scalar fields under their wire names, with the nested lists
/// summarised (SYNC-CONTRACT.md: <c>SoLanBoSung</c>, <c>SoNgayBoSung</c>, <c>TongLePhi</c>, <c>CoTaiSuDung</c>,
/// <c>CoLayTuKho</c>, <c>CoKetQuaDienTu</c>, <c>MucDoHaiLong</c>). Columns are matched by name in any order;
/// unknown columns are ignored; a missing column is a missing field.
/// </summary>
public static class DossierCsv
{
    /// <summary>Every column the reader understands, in the order a writer should use.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "MaHoSo", "MaDonVi", "MaCoQuan", "MaHoSoGoc", "ThoiDiemCapNhat", "MaTTHC", "LoaiDoiTuong",
        "KenhThucHien", "NoiNopHoSo", "TrangThaiHoSo",
        "NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "NgayTuChoi",
        "SoLanBoSung", "SoNgayBoSung", "TongLePhi", "DuocThanhToanTrucTuyen", "HoSoCoThanhPhanSoHoa",
        "TaiKhoanDuocXacThucVoiVNeID", "CoTaiSuDung", "CoLayTuKho", "CoKetQuaDienTu", "MucDoHaiLong", "NgayDanhGia",
    ];
}
