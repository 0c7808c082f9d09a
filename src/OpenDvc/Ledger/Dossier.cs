using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDvc.Ledger;

/// <summary>
/// One dossier (hồ sơ TTHC) in its latest synced state, keyed by its code (<c>MaHoSo</c>, SYNC-CONTRACT.md).
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

    /// <summary>The period the dossier belongs to (received date, else submitted date; DOMAIN.md), as yyyyMM; 0 when unknown.</summary>
    public int ReceivedMonth { get; set; }

    public DossierChannel Channel { get; set; }
    public ApplicantType ApplicantType { get; set; }

    /// <summary>TrangThaiHoSo, 1–10 as in the contract.</summary>
    public short Status { get; set; }

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
    public int SupplementDays { get; set; }

    /// <summary>Sum of the fee lines, whole đồng.</summary>
    public long Fee { get; set; }

    /// <summary>DuocThanhToanTrucTuyen: 0 not paid online, 1 national portal, 2 the unit's own gateway.</summary>
    public short PaidOnline { get; set; }

    public DossierTraits Flags { get; set; }

    /// <summary>DanhGia.MucDo: 1 very satisfied, 2 satisfied, 3 not satisfied; 0 not rated.</summary>
    public short Rating { get; set; }

    /// <summary>Minutes from received to processing finished, for finished dossiers.</summary>
    public int? ProcessingMinutes { get; set; }

    /// <summary>ThoiDiemCapNhat: the source system's version; an older one is stale.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Hash of every stored value above, so an identical re-send is recognised without comparing columns.</summary>
    public long ContentHash { get; set; }
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

/// <summary>LoaiDoiTuong.</summary>
public enum ApplicantType : short
{
    Citizen = 1,
    Business = 2,
}

/// <summary>The stored clock verdict (DOMAIN.md "Dossier clock"); overdue is pending with a past due date.</summary>
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
        builder.Property(d => d.ApplicantType).HasColumnName("applicant_type");
        builder.Property(d => d.Status).HasColumnName("status");
        builder.Property(d => d.SubmittedAt).HasColumnName("submitted_at");
        builder.Property(d => d.ReceivedAt).HasColumnName("received_at");
        builder.Property(d => d.DueAt).HasColumnName("due_at");
        builder.Property(d => d.FinishedAt).HasColumnName("finished_at");
        builder.Property(d => d.ReturnedAt).HasColumnName("returned_at");
        builder.Property(d => d.RefusedAt).HasColumnName("refused_at");
        builder.Property(d => d.Clock).HasColumnName("clock");
        builder.Property(d => d.DueDate).HasColumnName("due_date");
        builder.Property(d => d.SupplementCount).HasColumnName("supplement_count");
        builder.Property(d => d.SupplementDays).HasColumnName("supplement_days");
        builder.Property(d => d.Fee).HasColumnName("fee");
        builder.Property(d => d.PaidOnline).HasColumnName("paid_online");
        builder.Property(d => d.Flags).HasColumnName("flags");
        builder.Property(d => d.Rating).HasColumnName("rating");
        builder.Property(d => d.ProcessingMinutes).HasColumnName("processing_minutes");
        builder.Property(d => d.UpdatedAt).HasColumnName("updated_at");
        builder.Property(d => d.ContentHash).HasColumnName("content_hash");

        // Listing a unit's dossiers by period, and finding inter-agency copies of a dossier.
        builder.HasIndex(d => new { d.UnitCode, d.ReceivedMonth, d.Code }).HasDatabaseName("ix_dossiers_unit_month");
        builder.HasIndex(d => d.OriginalCode).HasDatabaseName("ix_dossiers_original_code");
    }
}
