using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;

namespace OpenDvc.Registry.Services;

/// <summary>
/// An online public service (dịch vụ công trực tuyến, DVCTT): a procedure as a given unit provides it online.
/// The Decree 42/2022 level and the older Decree 43/2011 level (3 or 4) are kept as separate facts.
/// </summary>
public sealed class OnlineService : IAudited
{
    public required string UnitCode { get; set; }
    public required string ProcedureCode { get; set; }
    public ServiceLevel Level { get; set; }

    /// <summary>Decree 43/2011 level (3 ≈ partial, 4 ≈ full-process), as reported in 2021 data; null when unknown.</summary>
    public int? LegacyLevel { get; set; }
    public DateOnly OnlineSince { get; set; }
    public DateOnly? FullProcessSince { get; set; }

    string? IAudited.AuditUnitCode => UnitCode;
}

/// <summary>Decree 42/2022 art. 11: full-process (toàn trình) or partial (một phần).</summary>
public enum ServiceLevel
{
    Partial = 1,
    FullProcess = 2,
}

internal sealed class OnlineServiceConfiguration : IEntityTypeConfiguration<OnlineService>
{
    public void Configure(EntityTypeBuilder<OnlineService> builder)
    {
        builder.ToTable("online_services");
        builder.HasKey(s => new { s.UnitCode, s.ProcedureCode });
        builder.Property(s => s.UnitCode).HasMaxLength(16);
        builder.Property(s => s.ProcedureCode).HasMaxLength(32);
        builder.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Procedure>().WithMany().HasForeignKey(s => s.ProcedureCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ProcedureCode, s.UnitCode });
        builder.HasIndex(s => new { s.Level, s.UnitCode, s.ProcedureCode });
    }
}
