using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;

namespace OpenDvc.Registry.Calendar;

/// <summary>
/// A day that breaks the Monday–Friday rule: a public holiday or compensatory day off on a weekday, or a
/// make-up working day (ngày làm bù) on a weekend. Labour Code 2019 art. 112 and the Government's yearly notices.
/// </summary>
public sealed class CalendarDay : IAudited
{
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public required string Name { get; set; }
}

public enum CalendarDayKind
{
    /// <summary>Not a working day although it is a weekday.</summary>
    DayOff = 1,

    /// <summary>A working day although it falls on a weekend.</summary>
    MakeUpWorkingDay = 2,
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> builder)
    {
        builder.ToTable("calendar_days");
        builder.HasKey(d => d.Date);
        builder.Property(d => d.Name).HasMaxLength(128);
    }
}
