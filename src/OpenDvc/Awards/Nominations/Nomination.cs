using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Platform.Audit;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;

namespace OpenDvc.Awards.Nominations;

/// <summary>
/// A nomination (đề xuất, đề cử): one of a unit's online services put forward by its focal point in a campaign.
/// The evidence and the eligibility verdict are frozen as JSON when it is submitted, so the figures the panel
/// sees never move afterwards. Shortlisting and selection are the admin's decisions; every change is audited.
/// </summary>
public sealed class Nomination : IAudited
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public required string UnitCode { get; set; }
    public required string ProcedureCode { get; set; }
    public NominationCategory Category { get; set; }
    public NominationStatus Status { get; set; } = NominationStatus.Submitted;

    /// <summary>The unit's own account of the service (and, for a solution, of the solution).</summary>
    public string Narrative { get; set; } = "";
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The <see cref="Evidence.ServiceEvidence"/> at submission, as JSON.</summary>
    public string Evidence { get; set; } = "{}";

    /// <summary>The <see cref="EligibilityVerdict"/> at submission, as JSON.</summary>
    public string Verdict { get; set; } = "{}";

    /// <summary>The data score (0–100) computed from the frozen evidence at submission.</summary>
    public decimal DataScore { get; set; }

    public bool Shortlisted { get; set; }
    public bool Selected { get; set; }

    string? IAudited.AuditUnitCode => UnitCode;
}

public enum NominationStatus
{
    Submitted = 1,
    Withdrawn = 2,

    /// <summary>Saved by the unit, not submitted: no quota place, no frozen evidence, not appraised.</summary>
    Draft = 3,
}

internal sealed class NominationConfiguration : IEntityTypeConfiguration<Nomination>
{
    public void Configure(EntityTypeBuilder<Nomination> builder)
    {
        builder.ToTable("award_nominations");
        builder.Property(n => n.UnitCode).HasMaxLength(16);
        builder.Property(n => n.ProcedureCode).HasMaxLength(32);
        builder.Property(n => n.Narrative).HasMaxLength(8000);
        builder.Property(n => n.ContactName).HasMaxLength(128);
        builder.Property(n => n.ContactEmail).HasMaxLength(256);
        builder.Property(n => n.ContactPhone).HasMaxLength(32);
        builder.Property(n => n.DataScore).HasPrecision(7, 3);
        builder.HasOne<AwardCampaign>().WithMany().HasForeignKey(n => n.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(n => n.UnitCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Procedure>().WithMany().HasForeignKey(n => n.ProcedureCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => new { n.CampaignId, n.UnitCode, n.Category });
    }
}
