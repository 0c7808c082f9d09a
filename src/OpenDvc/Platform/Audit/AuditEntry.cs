using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDvc.Platform.Audit;

/// <summary>Marks an entity whose every change is written to the audit log.</summary>
public interface IAudited
{
    /// <summary>The unit the row belongs to, when it belongs to one: lets a unit's changes be filtered.</summary>
    string? AuditUnitCode => null;

    /// <summary>The key people search by (a user's login name); null means the primary key.</summary>
    string? AuditKey => null;
}

/// <summary>One change to audited data: who, when, what, before and after (JSON of the changed row).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }
    public string? UnitCode { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(16);
        builder.Property(e => e.EntityType).HasMaxLength(64);
        builder.Property(e => e.EntityKey).HasMaxLength(256);
        builder.Property(e => e.UnitCode).HasMaxLength(16);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.EntityType, e.EntityKey });
        builder.HasIndex(e => new { e.UnitCode, e.Id });
    }
}
