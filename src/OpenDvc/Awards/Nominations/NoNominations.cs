using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Platform.Audit;
using OpenDvc.Registry.Units;

namespace OpenDvc.Awards.Nominations;

/// <summary>
/// A unit's declaration, through its focal point, that it nominates no service in a campaign (không có dịch vụ đề
/// xuất): with a nomination, the other way a unit answers letter 3179's request. Reversible until the unit's last day.
/// </summary>
public sealed class NoNominations : IAudited
{
    public int CampaignId { get; set; }
    public required string UnitCode { get; set; }
    public DateTimeOffset DeclaredAt { get; set; }
    public required string DeclaredBy { get; set; }

    string? IAudited.AuditUnitCode => UnitCode;
}

internal sealed class NoNominationsConfiguration : IEntityTypeConfiguration<NoNominations>
{
    public void Configure(EntityTypeBuilder<NoNominations> builder)
    {
        builder.ToTable("award_no_nominations");
        builder.HasKey(n => new { n.CampaignId, n.UnitCode });
        builder.Property(n => n.UnitCode).HasMaxLength(16);
        builder.Property(n => n.DeclaredBy).HasMaxLength(256);
        builder.HasOne<AwardCampaign>().WithMany().HasForeignKey(n => n.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(n => n.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}
