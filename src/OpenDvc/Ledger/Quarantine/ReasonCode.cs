namespace OpenDvc.Ledger.Quarantine;

/// <summary>
/// Why a synced dossier record was rejected (docs/sync-contract.md, "Bad input"). The numeric values and the
/// <see cref="ReasonCodes.Name"/> strings are stable: they are stored with quarantined records and read by units'
/// one-stop systems. Add new codes at the end; never renumber or rename one.
/// </summary>
public enum ReasonCode : short
{
    None = 0,

    // Reading: the record could not be taken apart.
    JsonMalformed = 1,
    CsvMalformed = 2,
    LineTooLong = 3,
    FieldTypeInvalid = 4,
    TimestampInvalid = 5,
    CompressionInvalid = 6,
    Utf8Invalid = 7,

    // Keys and identity.
    DossierCodeMissing = 10,
    DossierCodeTooLong = 11,
    UnitMissing = 12,
    UnitUnknown = 13,
    FieldTooLong = 14,
    UnitNotInForce = 15,

    // Procedure and applicant.
    ProcedureMissing = 20,
    ProcedureUnknown = 21,
    ApplicantTypeMissing = 22,
    ApplicantTypeInvalid = 23,

    // Channel.
    ChannelMissing = 30,
    ChannelInvalid = 31,
    RemoteFlagMissing = 32,
    SubmissionPlaceInvalid = 33,

    // Status and dates.
    StatusMissing = 40,
    StatusInvalid = 41,
    ReceivedMissing = 42,
    FinishedMissing = 43,
    ReturnedMissing = 44,
    DateOrder = 45,
    FutureTimestamp = 46,
    DatesMissing = 47,
    SupplementInvalid = 48,

    // Fees, payment, digitisation, satisfaction.
    FeeNegative = 50,
    FeeInvalid = 51,
    PaymentInvalid = 52,
    FlagInvalid = 53,
    RatingInvalid = 54,

    // Ownership: decided by the store and the sync API, which know the caller and the stored dossier.
    UnitNotAllowed = 60,
    DossierOwnedByOtherUnit = 61,

    // Limits: decided by the sync API for a unit's key (docs/security.md).
    QuarantineQuotaExceeded = 70,
}

/// <summary>A code with its stable name and its message in Vietnamese and English.</summary>
public sealed record ReasonInfo(ReasonCode Code, string Name, string Vietnamese, string English);

/// <summary>
/// The reason-code table in both languages. Kept in C# rather than in .resx because the CLI, quarantine exports
/// and the sync API answer in both languages at once, whatever the current culture (docs/sync-validation.md).
/// </summary>
public static class ReasonCodes
{
    private static readonly ReasonInfo[] Table =
    [
        new(ReasonCode.JsonMalformed, "JSON_MALFORMED",
            "Dòng không phải là một đối tượng JSON hợp lệ.",
            "The line is not a valid JSON object."),
        new(ReasonCode.CsvMalformed, "CSV_MALFORMED",
            "Dòng CSV sai định dạng hoặc không đúng số cột của dòng tiêu đề.",
            "The CSV line is malformed or does not have the header's number of columns."),
        new(ReasonCode.LineTooLong, "LINE_TOO_LONG",
            "Bản ghi vượt quá độ dài tối đa cho phép; chỉ lưu phần đầu.",
            "The record exceeds the maximum length; only its beginning is kept."),
        new(ReasonCode.FieldTypeInvalid, "FIELD_TYPE_INVALID",
            "Trường có kiểu dữ liệu không đúng (ví dụ chữ ở chỗ phải là số).",
            "A field has the wrong data type (e.g. text where a number is expected)."),
        new(ReasonCode.TimestampInvalid, "TIMESTAMP_INVALID",
            "Thời điểm không đúng định dạng yyyyMMddHHmmss hoặc ISO 8601.",
            "A timestamp is neither yyyyMMddHHmmss nor ISO 8601."),
        new(ReasonCode.CompressionInvalid, "GZIP_INVALID",
            "Tệp nén gzip bị hỏng từ vị trí này; phần còn lại của tệp không đọc được.",
            "The gzip data is corrupt from here on; the rest of the file cannot be read."),
        new(ReasonCode.Utf8Invalid, "UTF8_INVALID",
            "Bản ghi có byte không phải UTF-8 hợp lệ; hệ thống không tự sửa (các byte sai được lưu dạng \\xHH).",
            "The record has bytes that are not valid UTF-8; they are not repaired (the wrong bytes are kept as \\xHH)."),
        new(ReasonCode.DossierCodeMissing, "DOSSIER_CODE_MISSING",
            "Thiếu mã hồ sơ (MaHoSo).",
            "The dossier code (MaHoSo) is missing."),
        new(ReasonCode.DossierCodeTooLong, "DOSSIER_CODE_TOO_LONG",
            "Mã hồ sơ (MaHoSo) dài quá 64 ký tự.",
            "The dossier code (MaHoSo) is longer than 64 characters."),
        new(ReasonCode.UnitMissing, "UNIT_MISSING",
            "Thiếu mã đơn vị (MaDonVi).",
            "The unit code (MaDonVi) is missing."),
        new(ReasonCode.UnitUnknown, "UNIT_UNKNOWN",
            "Mã đơn vị (MaDonVi) không có trong danh mục đơn vị.",
            "The unit code (MaDonVi) is not in the unit registry."),
        new(ReasonCode.UnitNotInForce, "UNIT_NOT_IN_FORCE",
            "Đơn vị (MaDonVi) không có hiệu lực vào ngày tiếp nhận (hoặc ngày nộp) của hồ sơ: đơn vị đã sáp nhập hoặc chưa thành lập; gửi hồ sơ dưới mã của đơn vị kế thừa.",
            "The unit (MaDonVi) is not in force on the dossier's received (else submitted) date: it has merged or did not exist yet; send the dossier under its successor's code."),
        new(ReasonCode.FieldTooLong, "FIELD_TOO_LONG",
            "Trường mã dài quá 64 ký tự.",
            "A code field is longer than 64 characters."),
        new(ReasonCode.ProcedureMissing, "PROCEDURE_MISSING",
            "Thiếu mã thủ tục hành chính (MaTTHC).",
            "The procedure code (MaTTHC) is missing."),
        new(ReasonCode.ProcedureUnknown, "PROCEDURE_UNKNOWN",
            "Mã thủ tục hành chính (MaTTHC) không có trong danh mục.",
            "The procedure code (MaTTHC) is not in the catalog."),
        new(ReasonCode.ApplicantTypeMissing, "APPLICANT_TYPE_MISSING",
            "Thiếu loại đối tượng (LoaiDoiTuong).",
            "The applicant type (LoaiDoiTuong) is missing."),
        new(ReasonCode.ApplicantTypeInvalid, "APPLICANT_TYPE_INVALID",
            "Loại đối tượng (LoaiDoiTuong) phải là 1 (công dân) hoặc 2 (doanh nghiệp, tổ chức).",
            "The applicant type (LoaiDoiTuong) must be 1 (citizen) or 2 (business or organisation)."),
        new(ReasonCode.ChannelMissing, "CHANNEL_MISSING",
            "Thiếu kênh thực hiện (KenhThucHien).",
            "The channel (KenhThucHien) is missing."),
        new(ReasonCode.ChannelInvalid, "CHANNEL_INVALID",
            "Kênh thực hiện (KenhThucHien) phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính công ích).",
            "The channel (KenhThucHien) must be 1 (direct), 2 (online) or 3 (public postal service)."),
        new(ReasonCode.RemoteFlagMissing, "REMOTE_FLAG_MISSING",
            "Hồ sơ trực tuyến phải có nơi nộp hồ sơ (NoiNopHoSo).",
            "An online dossier must say where it was submitted (NoiNopHoSo)."),
        new(ReasonCode.SubmissionPlaceInvalid, "SUBMISSION_PLACE_INVALID",
            "Nơi nộp hồ sơ (NoiNopHoSo) phải là 1 (từ xa) hoặc 2 (tại bộ phận một cửa).",
            "The submission place (NoiNopHoSo) must be 1 (remote) or 2 (at the one-stop counter)."),
        new(ReasonCode.StatusMissing, "STATUS_MISSING",
            "Thiếu trạng thái hồ sơ (TrangThaiHoSo).",
            "The dossier status (TrangThaiHoSo) is missing."),
        new(ReasonCode.StatusInvalid, "STATUS_INVALID",
            "Trạng thái hồ sơ (TrangThaiHoSo) phải từ 1 đến 10.",
            "The dossier status (TrangThaiHoSo) must be between 1 and 10."),
        new(ReasonCode.ReceivedMissing, "RECEIVED_MISSING",
            "Hồ sơ đã được tiếp nhận phải có ngày tiếp nhận (NgayTiepNhan).",
            "A received dossier must have its received date (NgayTiepNhan)."),
        new(ReasonCode.FinishedMissing, "FINISHED_MISSING",
            "Hồ sơ đã xử lý xong phải có ngày kết thúc xử lý (NgayKetThucXuLy).",
            "A processed dossier must have its processing-finished date (NgayKetThucXuLy)."),
        new(ReasonCode.ReturnedMissing, "RETURNED_MISSING",
            "Hồ sơ đã trả kết quả phải có ngày trả (NgayTra).",
            "A dossier whose result was returned must have its return date (NgayTra)."),
        new(ReasonCode.DateOrder, "DATE_ORDER",
            "Các ngày không theo thứ tự: nộp ≤ tiếp nhận ≤ kết thúc xử lý ≤ trả, và hẹn trả ≥ tiếp nhận.",
            "The dates are out of order: submitted ≤ received ≤ finished ≤ returned, and due ≥ received."),
        new(ReasonCode.FutureTimestamp, "FUTURE_TIMESTAMP",
            "Thời điểm ở tương lai quá một ngày.",
            "A timestamp is more than one day in the future."),
        new(ReasonCode.DatesMissing, "DATES_MISSING",
            "Hồ sơ phải có ngày nộp (NgayNopHoSo) hoặc ngày tiếp nhận (NgayTiepNhan) để xác định kỳ.",
            "A dossier needs its submitted (NgayNopHoSo) or received (NgayTiepNhan) date to belong to a period."),
        new(ReasonCode.SupplementInvalid, "SUPPLEMENT_INVALID",
            "Thông tin bổ sung hồ sơ không hợp lệ (số âm, hoặc ngày nhận bổ sung trước ngày yêu cầu).",
            "The supplement data is invalid (a negative figure, or completed before it was requested)."),
        new(ReasonCode.FeeNegative, "FEE_NEGATIVE",
            "Lệ phí (Gia, TongLePhi) không được âm.",
            "A fee (Gia, TongLePhi) must not be negative."),
        new(ReasonCode.FeeInvalid, "FEE_INVALID",
            "Lệ phí phải là số nguyên đồng.",
            "A fee must be a whole number of đồng."),
        new(ReasonCode.PaymentInvalid, "PAYMENT_INVALID",
            "Thanh toán trực tuyến (DuocThanhToanTrucTuyen) phải là 0, 1 hoặc 2.",
            "Online payment (DuocThanhToanTrucTuyen) must be 0, 1 or 2."),
        new(ReasonCode.FlagInvalid, "FLAG_INVALID",
            "Trường cờ phải là 0 hoặc 1.",
            "A flag field must be 0 or 1."),
        new(ReasonCode.RatingInvalid, "RATING_INVALID",
            "Mức độ hài lòng (MucDo) phải là 1, 2 hoặc 3.",
            "The satisfaction level (MucDo) must be 1, 2 or 3."),
        new(ReasonCode.UnitNotAllowed, "UNIT_NOT_ALLOWED",
            "Khóa API này chỉ được gửi hồ sơ của đơn vị mình.",
            "This API key may only send its own unit's dossiers."),
        new(ReasonCode.DossierOwnedByOtherUnit, "DOSSIER_OWNED_BY_OTHER_UNIT",
            "Mã hồ sơ này đã thuộc về một đơn vị khác.",
            "This dossier code already belongs to another unit."),
        new(ReasonCode.QuarantineQuotaExceeded, "QUARANTINE_QUOTA_EXCEEDED",
            "Đơn vị đã dùng hết hạn mức lưu bản ghi bị từ chối trong ngày; bản ghi này không được lưu, hãy sửa và gửi lại.",
            "The unit has used up today's quota of kept rejected records; this record was not kept: correct it and send it again."),
    ];

    private static readonly Dictionary<ReasonCode, ReasonInfo> ByCode = Table.ToDictionary(r => r.Code);
    private static readonly Dictionary<string, ReasonInfo> ByName = Table.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>Every code, in the order of the table (the order of docs/sync-validation.md).</summary>
    public static IReadOnlyList<ReasonInfo> All => Table;

    public static ReasonInfo Get(ReasonCode code) =>
        ByCode.TryGetValue(code, out var info) ? info : throw new ArgumentOutOfRangeException(nameof(code), code, "unknown reason code");

    /// <summary>The stable wire name, e.g. <c>DATE_ORDER</c>.</summary>
    public static string Name(this ReasonCode code) => Get(code).Name;

    public static bool TryParse(string name, out ReasonCode code)
    {
        code = ByName.TryGetValue(name, out var info) ? info.Code : ReasonCode.None;
        return code != ReasonCode.None;
    }
}

/// <summary>One reason a record was rejected, with the wire field it concerns when there is one (e.g. <c>NgayTra</c>).</summary>
public readonly record struct DossierIssue(ReasonCode Code, string? Field = null)
{
    public ReasonInfo Info => ReasonCodes.Get(Code);

    /// <summary><c>DATE_ORDER</c> or <c>DATE_ORDER:NgayTra</c>.</summary>
    public override string ToString() => Field is null ? Code.Name() : $"{Code.Name()}:{Field}";
}
