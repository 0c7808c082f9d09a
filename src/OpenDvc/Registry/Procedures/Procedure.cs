using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;
using OpenDvc.Registry.Units;

namespace OpenDvc.Registry.Procedures;

/// <summary>
/// An administrative procedure (thủ tục hành chính, TTHC) of the national catalog, e.g. <c>1.001612</c>.
/// Its tier says who carries it out: central procedures belong to the managing ministry, the others to every province.
/// </summary>
public sealed class Procedure : IAudited
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Field { get; set; }
    public Audience Audience { get; set; }
    public ProcedureTier Tier { get; set; }

    /// <summary>The ministry that manages the procedure's field (and carries it out when the tier is central).</summary>
    public required string ManagingUnitCode { get; set; }

    /// <summary>Statutory processing time, in <see cref="TimeUnit"/>.</summary>
    public int StatutoryTime { get; set; }
    public ProcessingTimeUnit TimeUnit { get; set; }

    /// <summary>Fee in whole đồng; 0 when the procedure has none.</summary>
    public long Fee { get; set; }
    public bool HasPaperResult { get; set; }

    /// <summary>Đủ điều kiện toàn trình: nothing requires the applicant to appear in person.</summary>
    public bool EligibleForFullProcess { get; set; }
    public string? IneligibleReason { get; set; }

    /// <summary>Whether a unit carries the procedure out: central ones by their ministry, others by every province.</summary>
    public bool IsCarriedOutBy(Unit unit) =>
        Tier == ProcedureTier.Central ? unit.Code == ManagingUnitCode : unit.IsProvince;
}

/// <summary>Who may apply (đối tượng thực hiện).</summary>
public enum Audience
{
    Citizens = 1,
    Businesses = 2,
    Both = 3,
}

/// <summary>Cấp thực hiện: the level of government that carries the procedure out.</summary>
public enum ProcedureTier
{
    Central = 1,
    Provincial = 2,
    District = 3,
    Commune = 4,
}

public enum ProcessingTimeUnit
{
    Hours = 1,
    Days = 2,
    WorkingDays = 3,
    Months = 4,
}

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> builder)
    {
        builder.ToTable("procedures");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(32);
        builder.Property(p => p.Name).HasMaxLength(512);
        builder.Property(p => p.Field).HasMaxLength(128);
        builder.Property(p => p.ManagingUnitCode).HasMaxLength(16);
        builder.Property(p => p.IneligibleReason).HasMaxLength(512);
        builder.HasOne<Unit>().WithMany().HasForeignKey(p => p.ManagingUnitCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.Field, p.Code });
        builder.HasIndex(p => new { p.ManagingUnitCode, p.Code });
        builder.HasIndex(p => new { p.Audience, p.Code });
    }
}
