using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDvc.Ledger.Rollups;

/// <summary>
/// The coarse level of the rollups: the same counters as <see cref="DossierRollup"/> summed over procedures, per
/// unit × month × channel × applicant type × pending due date (issue 20, part 3). A unit's or the nation's figures
/// read these rows, whose number grows with units and months, not with dossiers or procedures; only a question about
/// procedures reads the fine level. Kept in the same transaction as the fine level, from the same deltas
/// (docs/decisions/010-coarse-rollups.md).
/// </summary>
public sealed class UnitRollup : RollupRow;

internal sealed class UnitRollupConfiguration : IEntityTypeConfiguration<UnitRollup>
{
    public void Configure(EntityTypeBuilder<UnitRollup> builder)
    {
        builder.ToTable("dossier_unit_rollups");
        builder.HasKey(r => new { r.UnitCode, r.Month, r.Channel, r.ApplicantType, r.PendingDueDate });
        RollupRowConfiguration.Configure(builder);
        builder.HasIndex(r => new { r.Month, r.UnitCode }).HasDatabaseName("ix_dossier_unit_rollups_month_unit");
    }
}
