using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Files;
using OpenDvc.Registry.Units;

namespace OpenDvc.Directives.Submissions;

/// <summary>
/// A unit's submission (báo cáo, hồ sơ gửi) for one deliverable: its current draft, its status, and the versions it
/// has submitted (<see cref="SubmissionVersion"/>). Draft → submitted → accepted, or returned with a comment and then
/// submitted again; every submit keeps a version.
/// </summary>
public sealed class Submission : IAudited
{
    public int Id { get; set; }
    public int DeliverableId { get; set; }
    public required string UnitCode { get; set; }
    public SubmissionStatus Status { get; set; }

    /// <summary>The draft's structured content as JSON (<see cref="SubmissionContent"/>).</summary>
    public string Content { get; set; } = "{}";
    public string? Note { get; set; }

    /// <summary>The draft's attached file, if any.</summary>
    public int? FileId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    /// <summary>The last review comment (a returned submission says why).</summary>
    public string? ReviewComment { get; set; }

    public List<SubmissionVersion> Versions { get; set; } = [];

    string? IAudited.AuditUnitCode => UnitCode;
}

public enum SubmissionStatus
{
    Draft = 1,
    Submitted = 2,
    Accepted = 3,
    Returned = 4,
}

/// <summary>What the agency decided on a submitted version.</summary>
public enum ReviewOutcome
{
    Pending = 0,
    Accepted = 1,
    Returned = 2,
}

/// <summary>One submitted version, immutable but for its review: what was sent, when, and what the agency decided.</summary>
public sealed class SubmissionVersion
{
    public int Id { get; set; }
    public int SubmissionId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public required string SubmittedBy { get; set; }
    public string Content { get; set; } = "{}";
    public string? Note { get; set; }
    public int? FileId { get; set; }
    public ReviewOutcome Review { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ReviewComment { get; set; }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.ToTable("submissions");
        builder.Property(s => s.UnitCode).HasMaxLength(16);
        builder.Property(s => s.Note).HasMaxLength(2000);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.ReviewComment).HasMaxLength(2000);
        builder.HasIndex(s => new { s.DeliverableId, s.UnitCode }).IsUnique();
        builder.HasIndex(s => new { s.UnitCode, s.DeliverableId });
        builder.HasOne<Deliverable>().WithMany().HasForeignKey(s => s.DeliverableId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(s => s.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Versions).WithOne().HasForeignKey(v => v.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubmissionVersionConfiguration : IEntityTypeConfiguration<SubmissionVersion>
{
    public void Configure(EntityTypeBuilder<SubmissionVersion> builder)
    {
        builder.ToTable("submission_versions");
        builder.Property(v => v.SubmittedBy).HasMaxLength(256);
        builder.Property(v => v.Note).HasMaxLength(2000);
        builder.Property(v => v.ReviewedBy).HasMaxLength(256);
        builder.Property(v => v.ReviewComment).HasMaxLength(2000);
        builder.HasIndex(v => new { v.SubmissionId, v.Number }).IsUnique();
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(v => v.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}
