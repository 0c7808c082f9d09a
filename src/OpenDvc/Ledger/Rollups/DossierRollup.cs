using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Ledger.Contract;

namespace OpenDvc.Ledger.Rollups;

/// <summary>
/// The counters every dossier indicator needs, per unit × procedure × month × channel × applicant type
/// (issue 3), maintained in the same transaction as the dossiers so dashboards never scan the dossier table.
/// <para>
/// Pending dossiers are further keyed by their due date (<see cref="PendingDueDate"/>; 0 on every row that holds
/// no pending dossier). "Pending within deadline as of day D" is the sum of <see cref="Pending"/> over rows with
/// <c>PendingDueDate ≥ D</c>, "overdue as of D" over rows with <c>0 &lt; PendingDueDate &lt; D</c>: an answer for
/// any day from rollups alone (for the dossiers pending now; past states are not kept). Totals sum over it.
/// </para>
/// Inter-agency copies (MaHoSoGoc set) contribute nothing. Why rollups: docs/decisions/004-rollups-feed-dashboards.md
/// and docs/ledger-storage.md.
/// </summary>
public sealed class DossierRollup : RollupRow
{
    public required string ProcedureCode { get; set; }
}

/// <summary>What every rollup table is read by: a unit, a month, an applicant type.</summary>
public interface IMonthlyUnitRow
{
    string UnitCode { get; }

    int Month { get; }

    ApplicantType ApplicantType { get; }
}

/// <summary>
/// The key parts and counters every rollup level shares (<see cref="DossierRollup"/>, <see cref="UnitRollup"/>):
/// declared once, so a counter added to <see cref="RollupCounters"/> is a property here and a column of both levels.
/// </summary>
public abstract class RollupRow : IMonthlyUnitRow
{
    public required string UnitCode { get; set; }

    /// <summary>yyyyMM of the received date (docs/domain.md: a dossier belongs to a period by its received date).</summary>
    public int Month { get; set; }
    public DossierChannel Channel { get; set; }
    public ApplicantType ApplicantType { get; set; }

    /// <summary>yyyyMMdd due date of the pending dossiers counted on this row; 0 for non-pending contributions.</summary>
    public int PendingDueDate { get; set; }

    /// <summary>Every counted dossier, whatever its status.</summary>
    public long Dossiers { get; set; }

    /// <summary>Received by the agency (NgayTiepNhan present).</summary>
    public long Received { get; set; }
    public long FinishedEarly { get; set; }
    public long FinishedOnTime { get; set; }
    public long FinishedLate { get; set; }
    public long Pending { get; set; }
    public long Withdrawn { get; set; }
    public long Refused { get; set; }
    public long Stopped { get; set; }
    public long Supplemented { get; set; }

    /// <summary>Decision 766, 3.6 denominator: a non-zero fee.</summary>
    public long FeeBearing { get; set; }
    public long FeeAmount { get; set; }

    /// <summary>Decision 766, 3.6 numerator.</summary>
    public long PaidOnline { get; set; }
    public long PaidOnlineAmount { get; set; }
    public long Digitised { get; set; }

    /// <summary>Decision 766, 4.2: components digitised, and an electronic result where the result is paper.</summary>
    public long DigitisedComplete { get; set; }

    /// <summary>Decision 766, 4.3.</summary>
    public long Reused { get; set; }

    /// <summary>Decision 766, 4.4.</summary>
    public long DataStore { get; set; }
    public long Vneid { get; set; }

    /// <summary>Decision 766, 4.5: VNeID-authenticated or data from the store.</summary>
    public long PopulationData { get; set; }

    /// <summary>Decision 766, 4.1 denominator (and 3.3's rule for online dossiers with a paper result).</summary>
    public long PaperResult { get; set; }
    public long ElectronicResult { get; set; }

    /// <summary>Decision 766, 4.1 numerator.</summary>
    public long PaperResultWithElectronicResult { get; set; }
    public long RatedVerySatisfied { get; set; }
    public long RatedSatisfied { get; set; }
    public long RatedNotSatisfied { get; set; }

    /// <summary>Decision 766, 2.2: sum of received→finished minutes, over <see cref="ProcessingCount"/> finished dossiers.</summary>
    public long ProcessingMinutes { get; set; }
    public long ProcessingCount { get; set; }
}

internal sealed class DossierRollupConfiguration : IEntityTypeConfiguration<DossierRollup>
{
    public void Configure(EntityTypeBuilder<DossierRollup> builder)
    {
        builder.ToTable("dossier_rollups");
        builder.HasKey(r => new { r.UnitCode, r.ProcedureCode, r.Month, r.Channel, r.ApplicantType, r.PendingDueDate });
        builder.Property(r => r.ProcedureCode).HasColumnName("procedure_code").HasMaxLength(32);
        RollupRowConfiguration.Configure(builder);

        // Dashboards read a month (or a range) across units.
        builder.HasIndex(r => new { r.Month, r.UnitCode }).HasDatabaseName("ix_dossier_rollups_month_unit");
    }
}

/// <summary>The columns every rollup level shares, named once.</summary>
internal static class RollupRowConfiguration
{
    public static void Configure<TRow>(EntityTypeBuilder<TRow> builder)
        where TRow : RollupRow
    {
        builder.Property(r => r.UnitCode).HasColumnName("unit_code").HasMaxLength(16);
        builder.Property(r => r.Month).HasColumnName("month");
        builder.Property(r => r.Channel).HasColumnName("channel");
        builder.Property(r => r.ApplicantType).HasColumnName("applicant_type").HasConversion<short>();
        builder.Property(r => r.PendingDueDate).HasColumnName("pending_due_date");
        foreach (var counter in RollupCounters.All)
        {
            builder.Property(counter.Property).HasColumnName(counter.Column);
        }
    }
}
