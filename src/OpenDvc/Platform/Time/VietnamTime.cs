namespace OpenDvc.Platform.Time;

/// <summary>Vietnam time: UTC+07:00 all year, no daylight saving (docs/sync-contract.md, "Status and dates").</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The calendar day an instant falls on in Vietnam.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The first day of the month an instant falls in, in Vietnam: the ledger's period key.</summary>
    public static DateOnly MonthOf(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset);
        return new DateOnly(local.Year, local.Month, 1);
    }

    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>The last second of a day in Vietnam: a deadline expressed as a day runs to its end.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59)), Offset);
}
