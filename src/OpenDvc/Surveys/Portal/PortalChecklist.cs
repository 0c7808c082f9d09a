using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;
using OpenDvc.Registry.Units;

namespace OpenDvc.Surveys.Portal;

/// <summary>What a criterion of the portal checklist looks at.</summary>
public enum PortalArea
{
    Function = 1,
    Performance = 2,
    Experience = 3,
}

/// <summary>A unit's verdict on one criterion.</summary>
public enum PortalVerdict
{
    Met = 1,
    Partly = 2,
    NotMet = 3,

    /// <summary>The criterion does not apply to the unit's systems: left out of its compliance.</summary>
    NotApplicable = 4,
}

/// <summary>
/// One item of the portal checklist (Circular 22/2019/TT-BTTTT, Circular 32/2017/TT-BTTTT), stored as data so a later
/// circular can revise it: a new version of a code takes effect on the first day of a quarter and the previous one
/// ends the day before. A quarter is assessed against the items in force on its first day.
/// </summary>
public sealed class PortalCriterion : IAudited
{
    public int Id { get; set; }

    /// <summary>Stable across versions, e.g. <c>find-3-clicks</c>.</summary>
    public required string Code { get; set; }
    public int Version { get; set; } = 1;
    public PortalArea Area { get; set; }
    public int Position { get; set; }
    public required string TextVi { get; set; }
    public required string TextEn { get; set; }

    /// <summary>The circular and article the item comes from.</summary>
    public required string Source { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }

    public bool InForceOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day <= EffectiveTo);
}

/// <summary>A unit's self-assessment of its portal and one-stop system for one quarter: a draft until its focal point sends it.</summary>
public sealed class PortalAssessment : IAudited
{
    public int Id { get; set; }
    public required string UnitCode { get; set; }

    /// <summary><c>yyyy-Qn</c>, sorts as text.</summary>
    public required string Quarter { get; set; }
    public bool Submitted { get; set; }

    /// <summary>The quarter whose answers the draft started from, if any.</summary>
    public string? CopiedFrom { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public List<PortalAssessmentItem> Items { get; set; } = [];

    string? IAudited.AuditUnitCode => UnitCode;
}

/// <summary>The unit's answer on one criterion: a verdict (null while not yet assessed), a link to the evidence, a note.</summary>
public sealed class PortalAssessmentItem : IAudited
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public int CriterionId { get; set; }
    public PortalVerdict? Verdict { get; set; }
    public string? EvidenceUrl { get; set; }
    public string? Note { get; set; }
}

/// <summary>Where a unit's public service portal answers, and whether the probe may measure it.</summary>
public sealed class UnitPortal : IAudited
{
    public required string UnitCode { get; set; }
    public required string Url { get; set; }
    public bool Probe { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    string? IAudited.AuditUnitCode => UnitCode;
}

/// <summary>How a probe of a portal ended.</summary>
public enum ProbeOutcome
{
    /// <summary>An answer with a status below 400.</summary>
    Up = 1,

    /// <summary>An answer with a 4xx or 5xx status.</summary>
    HttpError = 2,

    /// <summary>No answer within the timeout.</summary>
    Timeout = 3,

    /// <summary>No connection: name not found, connection refused or reset, TLS failure.</summary>
    Unreachable = 4,

    /// <summary>Not sent: the address is on a private network (<c>Surveys:Portal:AllowPrivateAddresses</c>).</summary>
    Blocked = 5,
}

/// <summary>One measurement of a unit's portal. Written by the probe, never by people, so not audited (like the ledger's rows).</summary>
public sealed class PortalProbeResult
{
    public long Id { get; set; }
    public required string UnitCode { get; set; }
    public DateTimeOffset At { get; set; }
    public ProbeOutcome Outcome { get; set; }
    public int? StatusCode { get; set; }

    /// <summary>Time to the answer's headers (or to the failure), in milliseconds.</summary>
    public int Milliseconds { get; set; }
}

internal sealed class PortalCriterionConfiguration : IEntityTypeConfiguration<PortalCriterion>
{
    public void Configure(EntityTypeBuilder<PortalCriterion> builder)
    {
        builder.ToTable("portal_criteria");
        builder.Property(c => c.Code).HasMaxLength(64);
        builder.Property(c => c.TextVi).HasMaxLength(1000);
        builder.Property(c => c.TextEn).HasMaxLength(1000);
        builder.Property(c => c.Source).HasMaxLength(512);
        builder.HasIndex(c => new { c.Code, c.Version }).IsUnique();
    }
}

internal sealed class PortalAssessmentConfiguration : IEntityTypeConfiguration<PortalAssessment>
{
    public void Configure(EntityTypeBuilder<PortalAssessment> builder)
    {
        builder.ToTable("portal_assessments");
        builder.Property(a => a.UnitCode).HasMaxLength(16);
        builder.Property(a => a.Quarter).HasMaxLength(7);
        builder.Property(a => a.CopiedFrom).HasMaxLength(7);
        builder.Property(a => a.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(a => new { a.UnitCode, a.Quarter }).IsUnique();
        builder.HasIndex(a => a.Quarter);
        builder.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Items).WithOne().HasForeignKey(i => i.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortalAssessmentItemConfiguration : IEntityTypeConfiguration<PortalAssessmentItem>
{
    public void Configure(EntityTypeBuilder<PortalAssessmentItem> builder)
    {
        builder.ToTable("portal_assessment_items");
        builder.Property(i => i.EvidenceUrl).HasMaxLength(1000);
        builder.Property(i => i.Note).HasMaxLength(2000);
        builder.HasIndex(i => new { i.AssessmentId, i.CriterionId }).IsUnique();
        builder.HasOne<PortalCriterion>().WithMany().HasForeignKey(i => i.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitPortalConfiguration : IEntityTypeConfiguration<UnitPortal>
{
    public void Configure(EntityTypeBuilder<UnitPortal> builder)
    {
        builder.ToTable("unit_portals");
        builder.HasKey(p => p.UnitCode);
        builder.Property(p => p.UnitCode).HasMaxLength(16);
        builder.Property(p => p.Url).HasMaxLength(1000);
        builder.Property(p => p.UpdatedBy).HasMaxLength(256);
        builder.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PortalProbeResultConfiguration : IEntityTypeConfiguration<PortalProbeResult>
{
    public void Configure(EntityTypeBuilder<PortalProbeResult> builder)
    {
        builder.ToTable("portal_probe_results");
        builder.Property(r => r.UnitCode).HasMaxLength(16);
        builder.HasIndex(r => new { r.UnitCode, r.At });
        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}
