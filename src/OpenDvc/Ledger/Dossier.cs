using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Ledger.Clock;
using OpenDvc.Ledger.Contract;
using OpenDvc.Platform.Time;

namespace OpenDvc.Ledger;

/// <summary>
/// One dossier (hồ sơ TTHC) in its latest synced state, keyed by its code (<c>MaHoSo</c>, docs/sync-contract.md).
/// Not an audited entity: the ledger is its own record. Written by the ledger writers with raw ADO.NET
/// (Ledger/Storage); declared here so the migrations create the table. Dates are instants; the clock bucket
/// and the effective due date are computed at ingest and stored, so rollups never need the catalog again.
/// </summary>
public sealed class Dossier
{
    /// <summary>MaHoSo.</summary>
    public required string Code { get; set; }

    /// <summary>MaDonVi: the level-1 unit that owns the dossier; a code never changes owner.</summary>
    public required string UnitCode { get; set; }

    /// <summary>MaTTHC.</summary>
    public required string ProcedureCode { get; set; }

    /// <summary>MaCoQuan, kept as given.</summary>
    public string? AgencyCode { get; set; }

    /// <summary>MaHoSoGoc: set on an inter-agency (liên thông) copy, which is stored but never counted in rollups.</summary>
    public string? OriginalCode { get; set; }

    /// <summary>The period the dossier belongs to (received date, else submitted date; docs/domain.md), as yyyyMM; 0 when unknown.</summary>
    public int ReceivedMonth { get; set; }

    public DossierChannel Channel { get; set; }
    public ApplicantType ApplicantType { get; set; }

    /// <summary>TrangThaiHoSo, 1–10 as in the contract (stored as a small integer).</summary>
    public DossierStatus Status { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }

    /// <summary>NgayHenTra as sent (the promised due instant), when sent.</summary>
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public DateTimeOffset? RefusedAt { get; set; }

    /// <summary>The clock's verdict at ingest. Pending never becomes "overdue" in storage: that depends on the day asked.</summary>
    public ClockBucket Clock { get; set; }

    /// <summary>The effective due date (Vietnam calendar day, yyyyMMdd; 0 when none): NgayHenTra, else the statutory time.</summary>
    public int DueDate { get; set; }

    public int SupplementCount { get; set; }
    /// <summary>Time the applicant took to complete finished supplements, in minutes.</summary>
    public int SupplementMinutes { get; set; }

    /// <summary>Sum of the fee lines, whole đồng.</summary>
    public long Fee { get; set; }

    /// <summary>DuocThanhToanTrucTuyen: not paid online, the national portal, or the unit's own gateway.</summary>
    public OnlinePayment PaidOnline { get; set; }

    public DossierTraits Flags { get; set; }

    /// <summary>DanhGia.MucDo, or <see cref="Satisfaction.NotRated"/>.</summary>
    public Satisfaction Rating { get; set; }

    /// <summary>Minutes from received to processing finished, for finished dossiers.</summary>
    public int? ProcessingMinutes { get; set; }

    /// <summary>ThoiDiemCapNhat: the source system's version; an older one is stale.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Hash of every stored value above, so an identical re-send is recognised without comparing columns.</summary>
    public long ContentHash { get; set; }

    /// <summary>Paused pending dossiers (an open supplement request made before the due date) are never overdue while they wait.</summary>
    public const int NeverOverdue = 99991231;

    /// <summary>
    /// The row a validated record becomes: channel buckets from KenhThucHien + NoiNopHoSo, the clock's verdict
    /// with pending kept as pending (overdue depends on the day asked), and the content hash.
    /// </summary>
    public static Dossier From(DossierRecord record, DossierTiming timing, ProcedureFacts procedure)
    {
        ArgumentNullException.ThrowIfNull(record);
        var traits = (record.Digitised ? DossierTraits.Digitised : 0)
            | (record.ReusedData ? DossierTraits.Reused : 0)
            | (record.FromDataStore ? DossierTraits.DataStore : 0)
            | (record.VneidAuthenticated ? DossierTraits.Vneid : 0)
            | (record.ElectronicResult ? DossierTraits.ElectronicResult : 0)
            | (procedure.HasPaperResult ? DossierTraits.PaperResult : 0);
        var dossier = new Dossier
        {
            Code = record.Code!,
            UnitCode = record.UnitCode!,
            ProcedureCode = record.ProcedureCode!,
            AgencyCode = string.IsNullOrEmpty(record.AgencyCode) ? null : record.AgencyCode,
            OriginalCode = string.IsNullOrEmpty(record.OriginalCode) ? null : record.OriginalCode,
            ReceivedMonth = timing.Period is { } period ? (period.Year * 100) + period.Month : 0,
            Channel = ChannelOf(record),
            ApplicantType = record.ApplicantType,
            Status = record.Status,
            SubmittedAt = record.SubmittedAt,
            ReceivedAt = record.ReceivedAt,
            DueAt = record.DueAt,
            FinishedAt = record.FinishedAt,
            ReturnedAt = record.ReturnedAt,
            RefusedAt = record.RefusedAt,
            Clock = timing.Status switch
            {
                ClockStatus.Early => ClockBucket.Early,
                ClockStatus.OnTime => ClockBucket.OnTime,
                ClockStatus.Late => ClockBucket.Late,
                ClockStatus.PendingWithinDeadline or ClockStatus.Overdue => ClockBucket.Pending,
                _ => ClockBucket.None,
            },
            DueDate = DueDateOf(timing),
            SupplementCount = record.SupplementCount,
            SupplementMinutes = (int)Math.Min(int.MaxValue, record.SupplementTime.TotalMinutes),
            Fee = record.TotalFee,
            PaidOnline = record.OnlinePayment,
            Flags = traits,
            Rating = record.Rating ?? Satisfaction.NotRated,
            ProcessingMinutes = timing.ProcessingTime is { } processing ? (int)Math.Min(int.MaxValue, processing.TotalMinutes) : null,
            UpdatedAt = record.UpdatedAt,
        };
        dossier.ContentHash = Storage.DossierColumns.Hash(dossier);
        return dossier;
    }

    private static DossierChannel ChannelOf(DossierRecord record) => record.Channel switch
    {
        Contract.Channel.Online => record.SubmissionPlace == SubmissionPlace.Assisted ? DossierChannel.OnlineAssisted : DossierChannel.OnlineRemote,
        Contract.Channel.Postal => DossierChannel.Postal,
        _ => DossierChannel.Direct,
    };

    /// <summary>
    /// yyyyMMdd of the effective due day in Vietnam. A pending dossier waiting on the applicant (open supplement)
    /// is not overdue while it waits (<see cref="DossierTiming.StatusAsOf"/>) unless it was overdue when asked:
    /// it gets <see cref="NeverOverdue"/> so day-keyed rollups stay exact.
    /// </summary>
    private static int DueDateOf(DossierTiming timing)
    {
        if (timing.EffectiveDueAt is not { } due)
        {
            return 0;
        }

        if (timing.IsPending && timing.PausedSince is { } paused && paused <= due)
        {
            return NeverOverdue;
        }

        var day = VietnamTime.DateOf(due);
        return (day.Year * 10000) + (day.Month * 100) + day.Day;
    }
}

/// <summary>How the dossier reached the agency: the channel buckets the indicators need (KenhThucHien + NoiNopHoSo).</summary>
public enum DossierChannel : short
{
    /// <summary>Trực tiếp: at the one-stop counter.</summary>
    Direct = 1,

    /// <summary>Trực tuyến từ xa: the only channel that counts toward the remote-online target.</summary>
    OnlineRemote = 2,

    /// <summary>Online at the counter with staff help.</summary>
    OnlineAssisted = 3,

    /// <summary>Bưu chính công ích.</summary>
    Postal = 4,
}

/// <summary>The stored clock verdict (docs/domain.md "Dossier clock"); overdue is pending with a past due date.</summary>
public enum ClockBucket : short
{
    /// <summary>Not on the clock: not received, refused, withdrawn or stopped.</summary>
    None = 0,
    Early = 1,
    OnTime = 2,
    Late = 3,
    Pending = 4,
}

[Flags]
public enum DossierTraits
{
    None = 0,

    /// <summary>HoSoCoThanhPhanSoHoa.</summary>
    Digitised = 1,

    /// <summary>A component reused earlier digitised data (DuocTaiSuDung).</summary>
    Reused = 2,

    /// <summary>A component came from the citizen's data store (DuocLayTuKhoDMQG).</summary>
    DataStore = 4,

    /// <summary>TaiKhoanDuocXacThucVoiVNeID.</summary>
    Vneid = 8,

    /// <summary>A result document with a file link.</summary>
    ElectronicResult = 16,

    /// <summary>The procedure's result is a paper document (from the catalog at ingest).</summary>
    PaperResult = 32,
}

internal sealed class DossierConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> builder)
    {
        builder.ToTable("dossiers");
        builder.HasKey(d => d.Code);
        builder.Property(d => d.Code).HasColumnName("code").HasMaxLength(64);
        builder.Property(d => d.UnitCode).HasColumnName("unit_code").HasMaxLength(16);
        builder.Property(d => d.ProcedureCode).HasColumnName("procedure_code").HasMaxLength(32);
        builder.Property(d => d.AgencyCode).HasColumnName("agency_code").HasMaxLength(64);
        builder.Property(d => d.OriginalCode).HasColumnName("original_code").HasMaxLength(64);
        builder.Property(d => d.ReceivedMonth).HasColumnName("received_month");
        builder.Property(d => d.Channel).HasColumnName("channel");
        builder.Property(d => d.ApplicantType).HasColumnName("applicant_type").HasConversion<short>();
        builder.Property(d => d.Status).HasColumnName("status").HasConversion<short>();
        builder.Property(d => d.SubmittedAt).HasColumnName("submitted_at");
        builder.Property(d => d.ReceivedAt).HasColumnName("received_at");
        builder.Property(d => d.DueAt).HasColumnName("due_at");
        builder.Property(d => d.FinishedAt).HasColumnName("finished_at");
        builder.Property(d => d.ReturnedAt).HasColumnName("returned_at");
        builder.Property(d => d.RefusedAt).HasColumnName("refused_at");
        builder.Property(d => d.Clock).HasColumnName("clock");
        builder.Property(d => d.DueDate).HasColumnName("due_date");
        builder.Property(d => d.SupplementCount).HasColumnName("supplement_count");
        builder.Property(d => d.SupplementMinutes).HasColumnName("supplement_minutes");
        builder.Property(d => d.Fee).HasColumnName("fee");
        builder.Property(d => d.PaidOnline).HasColumnName("paid_online").HasConversion<short>();
        builder.Property(d => d.Flags).HasColumnName("flags");
        builder.Property(d => d.Rating).HasColumnName("rating").HasConversion<short>();
        builder.Property(d => d.ProcessingMinutes).HasColumnName("processing_minutes");
        builder.Property(d => d.UpdatedAt).HasColumnName("updated_at");
        builder.Property(d => d.ContentHash).HasColumnName("content_hash");

        // Listing a unit's dossiers by period, and finding inter-agency copies of a dossier.
        builder.HasIndex(d => new { d.UnitCode, d.ReceivedMonth, d.Code }).HasDatabaseName("ix_dossiers_unit_month");
        // Partial: only inter-agency copies (about 2 %) carry MaHoSoGoc, so the other 98 % of inserts skip this index.
        builder.HasIndex(d => d.OriginalCode).HasDatabaseName("ix_dossiers_original_code").HasFilter("original_code IS NOT NULL");
    }
}
