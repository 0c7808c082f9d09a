using OpenDvc.Ledger.Quarantine;

namespace OpenDvc.Ledger.Contract;

/// <summary>
/// One dossier (hồ sơ TTHC) as a unit's one-stop system syncs it: a parsed record of docs/sync-contract.md
/// (the national portal's <c>DongBoHoSoMC</c> payload). Nested lists are summarised into counts, sums and flags,
/// the same figures the CSV form carries, so a record is small and the same whichever form it came in.
/// Enumerations keep whatever number was sent (0 when absent, 255 when it was not a number from 0 to 254) so the
/// validator can name a wrong value. Records come from <see cref="DossierReader"/> or <see cref="DossierParser"/>.
/// </summary>
public sealed class DossierRecord
{
    /// <summary><c>MaHoSo</c>: the dossier code, 1–64 characters; the identity across syncs.</summary>
    public string? Code { get; set; }

    /// <summary><c>MaDonVi</c>: the level-1 unit owning the dossier (unit registry code).</summary>
    public string? UnitCode { get; set; }

    /// <summary><c>MaCoQuan</c>: the receiving agency's identifier code, kept as given.</summary>
    public string? AgencyCode { get; set; }

    /// <summary><c>MaHoSoGoc</c>: for an inter-agency (liên thông) copy, the code of the dossier the citizen submitted.</summary>
    public string? OriginalCode { get; set; }

    /// <summary><c>ThoiDiemCapNhat</c>: when the source system last changed the dossier; orders versions.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary><c>MaTTHC</c>: the national procedure code, e.g. <c>1.001612</c>.</summary>
    public string? ProcedureCode { get; set; }

    /// <summary><c>LoaiDoiTuong</c>.</summary>
    public ApplicantType ApplicantType { get; set; }

    /// <summary><c>KenhThucHien</c>.</summary>
    public Channel Channel { get; set; }

    /// <summary><c>NoiNopHoSo</c>: remote or assisted; required when <see cref="Channel"/> is online.</summary>
    public SubmissionPlace SubmissionPlace { get; set; }

    /// <summary><c>TrangThaiHoSo</c>.</summary>
    public DossierStatus Status { get; set; }

    /// <summary><c>NgayNopHoSo</c>.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary><c>NgayTiepNhan</c>.</summary>
    public DateTimeOffset? ReceivedAt { get; set; }

    /// <summary><c>NgayHenTra</c>: the due date promised on the receipt.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary><c>NgayKetThucXuLy</c>.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary><c>NgayTra</c>.</summary>
    public DateTimeOffset? ReturnedAt { get; set; }

    /// <summary><c>NgayTuChoi</c>.</summary>
    public DateTimeOffset? RefusedAt { get; set; }

    /// <summary>Number of supplement requests: entries of <c>DanhSachHoSoBoSung</c>, CSV <c>SoLanBoSung</c>.</summary>
    public int SupplementCount { get; set; }

    /// <summary>
    /// Time the applicant took to complete the finished supplements: the sum of
    /// <c>NgayTiepNhanBoSung − NgayBoSung</c>, CSV <c>SoNgayBoSung</c> (days, may be fractional).
    /// </summary>
    public TimeSpan SupplementTime { get; set; }

    /// <summary>
    /// When the supplement still awaiting the applicant was requested (a <c>DanhSachHoSoBoSung</c> entry without
    /// <c>NgayTiepNhanBoSung</c>); null when none is open. The CSV form cannot say it.
    /// </summary>
    public DateTimeOffset? OpenSupplementSince { get; set; }

    public bool HasOpenSupplement => OpenSupplementSince is not null;

    /// <summary>Sum of <c>DanhSachLePhi[].Gia</c> in whole đồng, CSV <c>TongLePhi</c>.</summary>
    public long TotalFee { get; set; }

    /// <summary><c>DuocThanhToanTrucTuyen</c>.</summary>
    public OnlinePayment OnlinePayment { get; set; }

    /// <summary><c>HoSoCoThanhPhanSoHoa</c> = 1, or any <c>TaiLieuNop[].DuocSoHoa</c> = 1.</summary>
    public bool Digitised { get; set; }

    /// <summary><c>TaiKhoanDuocXacThucVoiVNeID</c> = 1.</summary>
    public bool VneidAuthenticated { get; set; }

    /// <summary>Any <c>TaiLieuNop[].DuocTaiSuDung</c> = 1, CSV <c>CoTaiSuDung</c>.</summary>
    public bool ReusedData { get; set; }

    /// <summary>Any <c>TaiLieuNop[].DuocLayTuKhoDMQG</c> = 1, CSV <c>CoLayTuKho</c>.</summary>
    public bool FromDataStore { get; set; }

    /// <summary>Any <c>DanhSachGiayToKetQua[]</c> with a file link, CSV <c>CoKetQuaDienTu</c>.</summary>
    public bool ElectronicResult { get; set; }

    /// <summary><c>DanhGia.MucDo</c>, CSV <c>MucDoHaiLong</c>; null when not rated.</summary>
    public Satisfaction? Rating { get; set; }

    /// <summary><c>DanhGia.NgayDanhGia</c>, CSV <c>NgayDanhGia</c>.</summary>
    public DateTimeOffset? RatedAt { get; set; }

    /// <summary>
    /// What the reader found wrong while taking the record apart (a field of the wrong type, a timestamp it could
    /// not read, a negative fee line); null when nothing. The validator reports these with its own findings.
    /// </summary>
    public List<DossierIssue>? ReadIssues { get; set; }

    /// <summary>Whether this is an inter-agency copy, not counted again in dossier totals.</summary>
    public bool IsInterAgencyCopy => !string.IsNullOrEmpty(OriginalCode);

    /// <summary>The date that places the dossier in a period: received, else submitted (docs/domain.md, dossier clock).</summary>
    public DateTimeOffset? PeriodDate => ReceivedAt ?? SubmittedAt;

    internal void AddReadIssue(ReasonCode code, string? field)
    {
        ReadIssues ??= [];
        ReadIssues.Add(new DossierIssue(code, field));
    }
}

/// <summary><c>LoaiDoiTuong</c>: who applies.</summary>
public enum ApplicantType : byte
{
    Unspecified = 0,

    /// <summary>Công dân.</summary>
    Citizen = 1,

    /// <summary>Doanh nghiệp, tổ chức.</summary>
    Business = 2,
}

/// <summary><c>KenhThucHien</c>: how the dossier reached the agency.</summary>
public enum Channel : byte
{
    Unspecified = 0,

    /// <summary>Trực tiếp: at the counter.</summary>
    Direct = 1,

    /// <summary>Trực tuyến.</summary>
    Online = 2,

    /// <summary>Bưu chính công ích.</summary>
    Postal = 3,
}

/// <summary><c>NoiNopHoSo</c>: where an online dossier was submitted; only remote counts toward the remote-online target.</summary>
public enum SubmissionPlace : byte
{
    Unspecified = 0,

    /// <summary>Từ xa: from home, office, phone.</summary>
    Remote = 1,

    /// <summary>Online at the one-stop counter with staff help.</summary>
    Assisted = 2,
}

/// <summary><c>TrangThaiHoSo</c>.</summary>
public enum DossierStatus : byte
{
    Unspecified = 0,

    /// <summary>Mới đăng ký: submitted, not yet received.</summary>
    Submitted = 1,

    /// <summary>Được tiếp nhận.</summary>
    Received = 2,

    /// <summary>Không được tiếp nhận: refused at reception (NgayTuChoi); the rollups' "refused" counter.</summary>
    Refused = 3,

    /// <summary>Đang xử lý.</summary>
    Processing = 4,

    /// <summary>Yêu cầu bổ sung.</summary>
    SupplementRequested = 5,

    /// <summary>Nghĩa vụ tài chính.</summary>
    AwaitingFinancialObligation = 6,

    /// <summary>Rút hồ sơ.</summary>
    Withdrawn = 7,

    /// <summary>Dừng xử lý.</summary>
    Stopped = 8,

    /// <summary>Đã xử lý xong.</summary>
    Processed = 9,

    /// <summary>Đã trả kết quả.</summary>
    Returned = 10,
}

/// <summary><c>DuocThanhToanTrucTuyen</c>.</summary>
public enum OnlinePayment : byte
{
    /// <summary>Not paid online.</summary>
    None = 0,

    /// <summary>Paid through the national public service portal.</summary>
    NationalPortal = 1,

    /// <summary>Paid through the ministry's or province's own payment gateway.</summary>
    OwnGateway = 2,
}

/// <summary><c>DanhGia.MucDo</c>: the three-level scale public service portals use.</summary>
public enum Satisfaction : byte
{
    /// <summary>Not rated: never sent (a record without a rating has none); what the ledger stores for "no rating".</summary>
    NotRated = 0,

    /// <summary>Rất hài lòng.</summary>
    VerySatisfied = 1,

    /// <summary>Hài lòng.</summary>
    Satisfied = 2,

    /// <summary>Chưa hài lòng.</summary>
    NotSatisfied = 3,
}
