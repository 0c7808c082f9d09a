using OpenDvc.Registry.Calendar;

namespace OpenDvc.Ledger.Simulation;

/// <summary>
/// <see cref="WorkingCalendar"/> answers laid out as arrays over a range of days, so that due dates cost two
/// array reads instead of a walk over the calendar per dossier. Outside the range it asks the calendar.
/// </summary>
internal sealed class WorkingDayTable
{
    private readonly WorkingCalendar calendar;
    private readonly DateOnly first;
    private readonly bool[] isWorking;

    /// <summary>Working days on or before each day of the range, counted from its first day.</summary>
    private readonly int[] workingUpTo;

    /// <summary>Offsets of the working days of the range, in order.</summary>
    private readonly int[] workingDays;

    public WorkingDayTable(WorkingCalendar calendar, DateOnly first, DateOnly last)
    {
        this.calendar = calendar;
        this.first = first;
        var length = last.DayNumber - first.DayNumber + 1;
        isWorking = new bool[length];
        workingUpTo = new int[length];
        var days = new List<int>(length);
        for (var offset = 0; offset < length; offset++)
        {
            isWorking[offset] = calendar.IsWorkingDay(first.AddDays(offset));
            if (isWorking[offset])
            {
                days.Add(offset);
            }

            workingUpTo[offset] = days.Count;
        }

        workingDays = [.. days];
    }

    public bool IsWorkingDay(DateOnly day)
    {
        var offset = day.DayNumber - first.DayNumber;
        return (uint)offset < (uint)isWorking.Length ? isWorking[offset] : calendar.IsWorkingDay(day);
    }

    /// <summary>Same as <see cref="WorkingCalendar.AddWorkingDays"/> for a non-negative count.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDayCount)
    {
        var offset = start.DayNumber - first.DayNumber;
        if (workingDayCount >= 0 && (uint)offset < (uint)isWorking.Length)
        {
            var index = workingUpTo[offset] + workingDayCount - 1;
            if (workingDayCount == 0)
            {
                return start;
            }

            if (index < workingDays.Length)
            {
                return first.AddDays(workingDays[index]);
            }
        }

        return calendar.AddWorkingDays(start, workingDayCount);
    }

    /// <summary>The day itself when it is a working day, else the next working day.</summary>
    public DateOnly OnOrAfter(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
