namespace OpenDvc.Registry.Calendar;

/// <summary>
/// Working-day arithmetic for statutory processing times: Monday to Friday, less public holidays and days
/// off, plus make-up working days. Immutable; rebuilt from the calendar table when an admin edits it.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> daysOff;
    private readonly HashSet<DateOnly> makeUpDays;

    public WorkingCalendar(IEnumerable<CalendarDay> exceptions)
    {
        var list = exceptions.ToList();
        daysOff = list.Where(d => d.Kind == CalendarDayKind.DayOff).Select(d => d.Date).ToHashSet();
        makeUpDays = list.Where(d => d.Kind == CalendarDayKind.MakeUpWorkingDay).Select(d => d.Date).ToHashSet();
    }

    /// <summary>A calendar with weekends only, for code that runs before any holiday is known.</summary>
    public static WorkingCalendar WeekendsOnly { get; } = new([]);

    public bool IsWorkingDay(DateOnly day)
    {
        if (makeUpDays.Contains(day))
        {
            return true;
        }

        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !daysOff.Contains(day);
    }

    /// <summary>
    /// The day <paramref name="workingDays"/> working days after <paramref name="start"/>: the count starts on the
    /// next working day, so a dossier received on Friday with one working day is due on Monday.
    /// Zero returns the start day itself; a negative count walks backwards.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var step = workingDays >= 0 ? 1 : -1;
        var remaining = Math.Abs(workingDays);
        var day = start;
        while (remaining > 0)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day))
            {
                remaining--;
            }
        }

        return day;
    }

    /// <summary>Working days in the half-open range (from, to]: the days an agency had after receiving on <paramref name="from"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            return -WorkingDaysBetweenForward(to, from);
        }

        return WorkingDaysBetweenForward(from, to);
    }

    private int WorkingDaysBetweenForward(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
