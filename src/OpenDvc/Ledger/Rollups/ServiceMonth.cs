using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Ledger.Contract;

namespace OpenDvc.Ledger.Rollups;

/// <summary>
/// How many dossiers each online service (unit × procedure) had in a month, per applicant type: all that indicator
/// 3.2 (Decision 766: online services with dossiers) needs to know which services had dossiers in a period, so the
/// national and unit figures need not read the fine rollups. Summed from the fine level's deltas.
/// </summary>
public sealed class ServiceMonth : IMonthlyUnitRow
{
    public required string UnitCode { get; set; }
    public required string ProcedureCode { get; set; }

    /// <summary>yyyyMM of the received date.</summary>
    public int Month { get; set; }
    public ApplicantType ApplicantType { get; set; }
    public long Dossiers { get; set; }
}

internal sealed class ServiceMonthConfiguration : IEntityTypeConfiguration<ServiceMonth>
{
    public void Configure(EntityTypeBuilder<ServiceMonth> builder)
    {
        builder.ToTable("service_months");
        builder.HasKey(r => new { r.UnitCode, r.ProcedureCode, r.Month, r.ApplicantType });
        builder.Property(r => r.UnitCode).HasColumnName("unit_code").HasMaxLength(16);
        builder.Property(r => r.ProcedureCode).HasColumnName("procedure_code").HasMaxLength(32);
        builder.Property(r => r.Month).HasColumnName("month");
        builder.Property(r => r.ApplicantType).HasColumnName("applicant_type").HasConversion<short>();
        builder.Property(r => r.Dossiers).HasColumnName("dossiers");
        builder.HasIndex(r => new { r.Month, r.UnitCode }).HasDatabaseName("ix_service_months_month_unit");
    }
}
