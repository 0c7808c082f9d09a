using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Directives.Letters;
using OpenDvc.Registry.Units;

namespace OpenDvc.Directives.Reminders;

/// <summary>
/// One reminder about one deliverable to one unit (nhắc hạn), shown in the app and sent to the focal point's e-mail.
/// <see cref="OffsetDays"/> says which of the scheduled reminders it is (−7: a week before the due date, 1: a day after);
/// at most one of each per unit, deliverable and due date, so a rerun never sends twice and an extension starts afresh.
/// </summary>
public sealed class ReminderLog
{
    public long Id { get; set; }
    public int DeliverableId { get; set; }
    public required string UnitCode { get; set; }
    public int OffsetDays { get; set; }
    public DateOnly DueDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? Email { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public ReminderDelivery Delivery { get; set; }
    public string? Error { get; set; }
}

public enum ReminderDelivery
{
    /// <summary>In the app only: the unit has no e-mail address.</summary>
    InAppOnly = 1,

    /// <summary>Sent through the configured SMTP server.</summary>
    Sent = 2,

    /// <summary>No SMTP server configured (development): kept in the outbox to read, not sent.</summary>
    Outbox = 3,

    /// <summary>The SMTP server refused or could not be reached; see <see cref="ReminderLog.Error"/>.</summary>
    Failed = 4,
}

internal sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLog>
{
    public void Configure(EntityTypeBuilder<ReminderLog> builder)
    {
        builder.ToTable("reminder_log");
        builder.Property(r => r.UnitCode).HasMaxLength(16);
        builder.Property(r => r.Email).HasMaxLength(256);
        builder.Property(r => r.Subject).HasMaxLength(512);
        builder.Property(r => r.Body).HasMaxLength(4000);
        builder.Property(r => r.Error).HasMaxLength(1000);
        builder.HasIndex(r => new { r.DeliverableId, r.UnitCode, r.DueDate, r.OffsetDays }).IsUnique();
        builder.HasIndex(r => new { r.UnitCode, r.Id });
        builder.HasOne<Deliverable>().WithMany().HasForeignKey(r => r.DeliverableId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}
