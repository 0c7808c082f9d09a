using OpenDvc.Ledger.Quarantine;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Ledger.Contract;

/// <summary>
/// Every rule of docs/sync-contract.md for one record on its own, each failure a stable <see cref="ReasonCode"/>
/// (docs/sync-validation.md). Registry lookups go to an in-memory <see cref="CatalogSnapshot"/>; "now" comes from
/// <see cref="TimeProvider"/>. Plain code returning reasons, no exceptions: one bad record never stops the others.
/// Rules that need the stored dossier or the caller (ownership, staleness) belong to the store and the sync API.
/// </summary>
public sealed class DossierValidator(CatalogSnapshot catalog, TimeProvider time)
{
    /// <summary>Codes (<c>MaHoSo</c>, <c>MaCoQuan</c>, <c>MaHoSoGoc</c>) are 1–64 characters.</summary>
    public const int MaxCodeLength = 64;

    /// <summary>"No timestamp more than one day in the future" (clock skew between one-stop systems and the platform).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    public CatalogSnapshot Catalog => catalog;

    /// <summary>Adds the line's reasons to <paramref name="issues"/>; true when it has none. An unparsed line has its read error.</summary>
    public bool Validate(in DossierLine line, List<DossierIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (line.Record is null)
        {
            issues.Add(line.Error ?? new DossierIssue(ReasonCode.JsonMalformed));
            return false;
        }

        return Validate(line.Record, issues);
    }

    /// <summary>Adds the record's reasons (its read issues first) to <paramref name="issues"/>, each once; true when it has none.</summary>
    public bool Validate(DossierRecord record, List<DossierIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(issues);
        var found = new Findings(issues);
        if (record.ReadIssues is { } read)
        {
            foreach (var issue in read)
            {
                found.Add(issue.Code, issue.Field);
            }
        }

        CheckIdentity(record, ref found);
        CheckProcedureAndChannel(record, ref found);
        CheckStatusAndDates(record, ref found);
        CheckFiguresAndFlags(record, ref found);
        return found.None;
    }

    private void CheckIdentity(DossierRecord record, ref Findings found)
    {
        if (string.IsNullOrWhiteSpace(record.Code))
        {
            found.Add(ReasonCode.DossierCodeMissing, "MaHoSo");
        }
        else if (record.Code.Length > MaxCodeLength)
        {
            found.Add(ReasonCode.DossierCodeTooLong, "MaHoSo");
        }

        if (string.IsNullOrWhiteSpace(record.UnitCode))
        {
            found.Add(ReasonCode.UnitMissing, "MaDonVi");
        }
        else if (!catalog.TryGetUnit(record.UnitCode, out var span))
        {
            found.Add(ReasonCode.UnitUnknown, "MaDonVi");
        }
        else if (record.PeriodDate is { } date && !span.Covers(Platform.Time.VietnamTime.DateOf(date)))
        {
            // The ledger counts a dossier under the unit in force on its received date; a merged unit's later
            // dossiers are refused, never moved to its successor (docs/sync-validation.md, "Units over time").
            found.Add(ReasonCode.UnitNotInForce, "MaDonVi");
        }

        if (record.AgencyCode?.Length > MaxCodeLength)
        {
            found.Add(ReasonCode.FieldTooLong, "MaCoQuan");
        }

        if (record.OriginalCode?.Length > MaxCodeLength)
        {
            found.Add(ReasonCode.FieldTooLong, "MaHoSoGoc");
        }
    }

    private void CheckProcedureAndChannel(DossierRecord record, ref Findings found)
    {
        if (string.IsNullOrWhiteSpace(record.ProcedureCode))
        {
            found.Add(ReasonCode.ProcedureMissing, "MaTTHC");
        }
        else if (!catalog.TryGetProcedure(record.ProcedureCode, out _))
        {
            found.Add(ReasonCode.ProcedureUnknown, "MaTTHC");
        }

        if (record.ApplicantType == ApplicantType.Unspecified)
        {
            found.Add(ReasonCode.ApplicantTypeMissing, "LoaiDoiTuong");
        }
        else if (record.ApplicantType > ApplicantType.Business)
        {
            found.Add(ReasonCode.ApplicantTypeInvalid, "LoaiDoiTuong");
        }

        if (record.Channel == Channel.Unspecified)
        {
            found.Add(ReasonCode.ChannelMissing, "KenhThucHien");
        }
        else if (record.Channel > Channel.Postal)
        {
            found.Add(ReasonCode.ChannelInvalid, "KenhThucHien");
        }

        if (record.SubmissionPlace > SubmissionPlace.Assisted)
        {
            found.Add(ReasonCode.SubmissionPlaceInvalid, "NoiNopHoSo");
        }
        else if (record.Channel == Channel.Online && record.SubmissionPlace == SubmissionPlace.Unspecified)
        {
            found.Add(ReasonCode.RemoteFlagMissing, "NoiNopHoSo");
        }
    }

    private void CheckStatusAndDates(DossierRecord record, ref Findings found)
    {
        var status = record.Status;
        if (status == DossierStatus.Unspecified)
        {
            found.Add(ReasonCode.StatusMissing, "TrangThaiHoSo");
        }
        else if (status > DossierStatus.Returned)
        {
            found.Add(ReasonCode.StatusInvalid, "TrangThaiHoSo");
        }
        else
        {
            // "Required from status 2 on"; status 3 is the one that was never received.
            if (status >= DossierStatus.Received && status != DossierStatus.Refused && record.ReceivedAt is null)
            {
                found.Add(ReasonCode.ReceivedMissing, "NgayTiepNhan");
            }

            if (status >= DossierStatus.Processed && record.FinishedAt is null)
            {
                found.Add(ReasonCode.FinishedMissing, "NgayKetThucXuLy");
            }

            if (status == DossierStatus.Returned && record.ReturnedAt is null)
            {
                found.Add(ReasonCode.ReturnedMissing, "NgayTra");
            }
        }

        if (record.SubmittedAt is null && record.ReceivedAt is null)
        {
            found.Add(ReasonCode.DatesMissing, "NgayNopHoSo");
        }

        // NgayNopHoSo ≤ NgayTiepNhan ≤ NgayKetThucXuLy ≤ NgayTra, comparing each date with the latest one before it.
        var latest = record.SubmittedAt;
        latest = Ordered(record.ReceivedAt, latest, "NgayTiepNhan", ref found);
        latest = Ordered(record.FinishedAt, latest, "NgayKetThucXuLy", ref found);
        Ordered(record.ReturnedAt, latest, "NgayTra", ref found);
        if (record.DueAt < record.ReceivedAt)
        {
            found.Add(ReasonCode.DateOrder, "NgayHenTra");
        }

        // The due date is a promise and may lie far ahead; every other timestamp records something that happened.
        var limit = time.GetUtcNow() + FutureTolerance;
        NotFuture(record.UpdatedAt, limit, "ThoiDiemCapNhat", ref found);
        NotFuture(record.SubmittedAt, limit, "NgayNopHoSo", ref found);
        NotFuture(record.ReceivedAt, limit, "NgayTiepNhan", ref found);
        NotFuture(record.FinishedAt, limit, "NgayKetThucXuLy", ref found);
        NotFuture(record.ReturnedAt, limit, "NgayTra", ref found);
        NotFuture(record.RefusedAt, limit, "NgayTuChoi", ref found);
        NotFuture(record.OpenSupplementSince, limit, "NgayBoSung", ref found);
        NotFuture(record.RatedAt, limit, "NgayDanhGia", ref found);
    }

    private static void CheckFiguresAndFlags(DossierRecord record, ref Findings found)
    {
        if (record.SupplementCount < 0 || record.SupplementTime < TimeSpan.Zero)
        {
            found.Add(ReasonCode.SupplementInvalid, record.SupplementCount < 0 ? "SoLanBoSung" : "SoNgayBoSung");
        }

        if (record.TotalFee < 0)
        {
            found.Add(ReasonCode.FeeNegative, "TongLePhi");
        }

        if (record.OnlinePayment > OnlinePayment.OwnGateway)
        {
            found.Add(ReasonCode.PaymentInvalid, "DuocThanhToanTrucTuyen");
        }

        if (record.Rating is { } rating && rating is < Satisfaction.VerySatisfied or > Satisfaction.NotSatisfied)
        {
            found.Add(ReasonCode.RatingInvalid, "MucDo");
        }
    }

    private static DateTimeOffset? Ordered(DateTimeOffset? date, DateTimeOffset? latest, string field, ref Findings found)
    {
        if (date is null)
        {
            return latest;
        }

        if (date < latest)
        {
            found.Add(ReasonCode.DateOrder, field);
        }

        return date;
    }

    private static void NotFuture(DateTimeOffset? date, DateTimeOffset limit, string field, ref Findings found)
    {
        if (date > limit)
        {
            found.Add(ReasonCode.FutureTimestamp, field);
        }
    }

    /// <summary>The issues this record adds, each code once (with the first field it was found on).</summary>
    private ref struct Findings(List<DossierIssue> issues)
    {
        private readonly int first = issues.Count;

        public readonly bool None => issues.Count == first;

        public readonly void Add(ReasonCode code, string? field)
        {
            for (var i = first; i < issues.Count; i++)
            {
                if (issues[i].Code == code)
                {
                    return;
                }
            }

            issues.Add(new DossierIssue(code, field));
        }
    }
}
