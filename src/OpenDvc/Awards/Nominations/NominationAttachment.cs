using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Files;

namespace OpenDvc.Awards.Nominations;

/// <summary>
/// A file the unit attaches to its nomination (tài liệu kèm theo: the narrative as a document, screenshots, the
/// decision that set up the service), kept in the one file store; attaching and removing are audited here.
/// </summary>
public sealed class NominationAttachment : IAudited
{
    public int Id { get; set; }
    public int NominationId { get; set; }
    public required string UnitCode { get; set; }
    public int FileId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public DateTimeOffset AttachedAt { get; set; }
    public required string AttachedBy { get; set; }

    string? IAudited.AuditUnitCode => UnitCode;
}

internal sealed class NominationAttachmentConfiguration : IEntityTypeConfiguration<NominationAttachment>
{
    public void Configure(EntityTypeBuilder<NominationAttachment> builder)
    {
        builder.ToTable("award_nomination_attachments");
        builder.Property(a => a.UnitCode).HasMaxLength(16);
        builder.Property(a => a.FileName).HasMaxLength(256);
        builder.Property(a => a.ContentType).HasMaxLength(128);
        builder.Property(a => a.AttachedBy).HasMaxLength(256);
        builder.HasOne<Nomination>().WithMany().HasForeignKey(a => a.NominationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(a => a.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.NominationId);
    }
}
