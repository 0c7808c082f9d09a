using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDvc.Platform.Files;

/// <summary>An uploaded file (a directive's letter, a submission's document, a nomination's attachment), kept in the database and streamed out.</summary>
public sealed class StoredFile
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        // The table keeps the name it had when only directives stored files; renaming it would buy nothing.
        builder.ToTable("directive_files");
        builder.Property(f => f.FileName).HasMaxLength(256);
        builder.Property(f => f.ContentType).HasMaxLength(128);
        builder.Property(f => f.UploadedBy).HasMaxLength(256);
    }
}
