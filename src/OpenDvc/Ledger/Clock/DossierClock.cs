using OpenDvc.Ledger.Contract;
using OpenDvc.Platform.Time;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Procedures;

namespace OpenDvc.Ledger.Clock;

/// <summary>Where a dossier stands against its deadline (docs/domain.md, "Dossier clock"; Decision 766, indicator 2.1).</summary>
public enum ClockStatus : byte
{
    /// <summary>Not received, refused, withdrawn or stopped, or no deadline could be set: outside the clock.</summary>
    NotClocked = 0,

    /// <summary>Finished on a day before the due day.</summary>
    Early = 1,

    /// <summary>Finished on the due day, no later than the due time.</summary>
    OnTime = 2,

    /// <summary>Finished after the due time, or after more than one supplement request.</summary>
    Late = 3,

    /// <summary>Still being processed and the (effective) due date has not passed.</summary>
    PendingWithinDeadline = 4,

    /// <summary>Still being processed and the (effective) due date has passed.</summary>
    Overdue = 5,
}

/// <summary>
/// A dossier's clock figures, computed once at ingest and stored. A finished dossier's <see cref="Status"/> never
/// changes; a pending one's depends on "as of", so storage keeps pending counters by <see cref="EffectiveDueAt"/>
/// and asks <see cref="StatusAsOf"/> (or compares due dates with the day) when it reports.
/// </summary>
/// <param name="Period">First day of the month of the received date (else submitted date), Vietnam time.</param>
/// <param name="DueAt">The due date: <c>NgayHenTra</c>, else the statutory time from the received date.</param>
/// <param name="DueFromStatute">Whether <paramref name="DueAt"/> was computed from the procedure's statutory time.</param>
/// <param name="EffectiveDueAt">The due date moved by the time the applicant spent on finished supplements.</param>
/// <param name="Status">Early, on time or late for a finished dossier; <see cref="ClockStatus.PendingWithinDeadline"/> for any pending one (see <see cref="StatusAsOf"/>).</param>
/// <param name="ProcessingTime">Finished minus received (else submitted), less supplement time; null until finished.</param>
/// <param name="PausedSince">When the open supplement request was made: the clock waits on the applicant since then.</param>
public readonly record struct DossierTiming(
    DateOnly? Period,
    DateTimeOffset? DueAt,
    bool DueFromStatute,
    DateTimeOffset? EffectiveDueAt,
    ClockStatus Status,
    TimeSpan? ProcessingTime,
    DateTimeOffset? PausedSince)
{
    public bool IsPending => Status is ClockStatus.PendingWithinDeadline or ClockStatus.Overdue;

    public bool IsFinished => Status is ClockStatus.Early or ClockStatus.OnTime or ClockStatus.Late;

    /// <summary>
    /// The status at <paramref name="asOf"/>: a pending dossier is overdue once its effective due date has passed,
    /// not counting the time an open supplement request has been waiting on the applicant.
    /// </summary>
    public ClockStatus StatusAsOf(DateTimeOffset asOf)
    {
        if (!IsPending || EffectiveDueAt is not { } due)
        {
            return Status;
        }

        if (PausedSince is { } paused && asOf > paused)
        {
            due += asOf - paused;
        }

        return asOf > due ? ClockStatus.Overdue : ClockStatus.PendingWithinDeadline;
    }
}

/// <summary>
/// The dossier clock of docs/domain.md: pure arithmetic over one record, its procedure's statutory time and the working
/// calendar. No database and no "now": the caller passes "as of" where it matters.
/// </summary>
public static class DossierClock
{
    public static DossierTiming Evaluate(DossierRecord record, ProcedureFacts? procedure, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(calendar);

        var start = record.PeriodDate;
        var period = start is { } s ? VietnamTime.MonthOf(s) : (DateOnly?)null;
        var due = record.DueAt;
        var fromStatute = false;
        if (due is null && start is { } from && procedure is { } facts)
        {
            due = StatutoryDueDate(from, facts, calendar);
            fromStatute = due is not null;
        }

        var effectiveDue = due + record.SupplementTime;
        var status = ClockStatus.NotClocked;
        TimeSpan? processing = null;
        if (IsFinished(record.Status) && record.FinishedAt is { } finished)
        {
            // "After subtracting the time the applicant took to complete supplements" (docs/domain.md).
            var adjusted = finished - record.SupplementTime;
            if (start is { } begun)
            {
                processing = adjusted > begun ? adjusted - begun : TimeSpan.Zero;
            }

            status = FinishedStatus(adjusted, due, record.SupplementCount);
        }
        else if (IsPending(record.Status) && due is not null)
        {
            status = ClockStatus.PendingWithinDeadline;
        }

        var paused = status == ClockStatus.PendingWithinDeadline ? record.OpenSupplementSince : null;
        return new DossierTiming(period, due, fromStatute, effectiveDue, status, processing, paused);
    }

    /// <summary>
    /// The due date a procedure's statutory time gives a dossier received at <paramref name="received"/>: hours run
    /// from the instant; days, working days and months count whole days from the received day and end with the
    /// last one (a dossier received on Friday with one working day is due by the end of Monday).
    /// </summary>
    public static DateTimeOffset? StatutoryDueDate(DateTimeOffset received, ProcedureFacts procedure, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (procedure.StatutoryTime < 0)
        {
            return null;
        }

        var day = VietnamTime.DateOf(received);
        return procedure.TimeUnit switch
        {
            ProcessingTimeUnit.Hours => received.AddHours(procedure.StatutoryTime),
            ProcessingTimeUnit.Days => VietnamTime.EndOfDay(day.AddDays(procedure.StatutoryTime)),
            ProcessingTimeUnit.WorkingDays => VietnamTime.EndOfDay(calendar.AddWorkingDays(day, procedure.StatutoryTime)),
            ProcessingTimeUnit.Months => VietnamTime.EndOfDay(day.AddMonths(procedure.StatutoryTime)),
            _ => null,
        };
    }

    /// <summary>Statuses 9 and 10: processing finished.</summary>
    public static bool IsFinished(DossierStatus status) => status is DossierStatus.Processed or DossierStatus.Returned;

    /// <summary>Statuses 2, 4, 5 and 6: received and still in the agency's hands.</summary>
    public static bool IsPending(DossierStatus status) =>
        status is DossierStatus.Received or DossierStatus.Processing or DossierStatus.SupplementRequested
            or DossierStatus.AwaitingFinancialObligation;

    private static ClockStatus FinishedStatus(DateTimeOffset adjustedFinish, DateTimeOffset? due, int supplementCount)
    {
        // "More than one supplement request makes a dossier late" (docs/domain.md).
        if (supplementCount > 1)
        {
            return ClockStatus.Late;
        }

        if (due is not { } deadline)
        {
            return ClockStatus.NotClocked;
        }

        if (adjustedFinish > deadline)
        {
            return ClockStatus.Late;
        }

        return VietnamTime.DateOf(adjustedFinish) < VietnamTime.DateOf(deadline) ? ClockStatus.Early : ClockStatus.OnTime;
    }
}
