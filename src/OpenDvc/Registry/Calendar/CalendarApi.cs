using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;

namespace OpenDvc.Registry.Calendar;

/// <summary>A calendar exception as an admin writes it; the date comes from the route.</summary>
public sealed record CalendarDayInput(CalendarDayKind Kind, [Required, MaxLength(128)] string Name);

/// <summary>Working days counted on the current calendar: the count applied, and the most any request may ask.</summary>
public sealed record WorkingDaysAnswer(DateOnly From, int WorkingDays, DateOnly Due, int MaxWorkingDays);

/// <summary>Reading and editing the working-day calendar; every edit makes <see cref="CalendarStore"/> reload.</summary>
public static class CalendarEdits
{
    public static Task<List<CalendarDay>> YearAsync(OpenDvcDbContext db, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return db.Set<CalendarDay>().AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync(ct);
    }

    /// <summary>A day off must fall on a weekday and a make-up working day on a weekend, or the entry changes nothing.</summary>
    public static IEnumerable<RuleViolation> Check(DateOnly date, CalendarDayInput input)
    {
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (input.Kind == CalendarDayKind.DayOff && weekend)
        {
            yield return new RuleViolation("kind", Refusal.Of(RegistryCodes.CalendarDayOffOnWeekend, day));
        }

        if (input.Kind == CalendarDayKind.MakeUpWorkingDay && !weekend)
        {
            yield return new RuleViolation("kind", Refusal.Of(RegistryCodes.CalendarMakeUpOnWeekday, day));
        }

        if (!Enum.IsDefined(input.Kind))
        {
            yield return new RuleViolation("kind", Refusal.Of(RegistryCodes.CalendarKind));
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            yield return new RuleViolation("name", Refusal.Of(RegistryCodes.CalendarNameRequired));
        }
    }

    public static async Task<IReadOnlyList<RuleViolation>> SaveAsync(OpenDvcDbContext db, CalendarStore store, DateOnly date, CalendarDayInput input, CancellationToken ct)
    {
        var violations = Check(date, input).ToList();
        if (violations.Count > 0)
        {
            return violations;
        }

        var day = await db.Set<CalendarDay>().SingleOrDefaultAsync(d => d.Date == date, ct);
        if (day is null)
        {
            db.Set<CalendarDay>().Add(new CalendarDay { Date = date, Kind = input.Kind, Name = input.Name.Trim() });
        }
        else
        {
            day.Kind = input.Kind;
            day.Name = input.Name.Trim();
        }

        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return [];
    }

    public static async Task<DeleteOutcome> DeleteAsync(OpenDvcDbContext db, CalendarStore store, DateOnly date, CancellationToken ct)
    {
        var day = await db.Set<CalendarDay>().SingleOrDefaultAsync(d => d.Date == date, ct);
        if (day is null)
        {
            return DeleteOutcome.NotFound;
        }

        db.Remove(day);
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return DeleteOutcome.Deleted;
    }
}

public static class CalendarApi
{
    public static void MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calendar").WithTags("Working-day calendar");
        group.MapGet("/{year:int}", ListCalendarDays).WithName(nameof(ListCalendarDays)).WithSummary("A year's holidays, days off and make-up working days.");
        group.MapGet("/working-days", AddWorkingDays).WithName(nameof(AddWorkingDays)).WithSummary("The day a number of working days after a date (statutory deadlines).");
        var admin = group.MapGroup("").RequireAuthorization(AccountsModule.AdminPolicy);
        admin.MapPut("/days/{date}", PutCalendarDay).WithName(nameof(PutCalendarDay)).WithSummary("Add or change a day off or make-up working day (admin).");
        admin.MapDelete("/days/{date}", DeleteCalendarDay).WithName(nameof(DeleteCalendarDay)).WithSummary("Remove a calendar exception (admin).");
    }

    /// <summary>The years the calendar answers for; the page shows the same.</summary>
    public const int FirstYear = 2000, LastYear = 2100;

    /// <summary>
    /// The most working days one request may count, either way: about four years, beyond any statutory processing
    /// time, and small enough that counting day by day stays cheap for an anonymous caller.
    /// </summary>
    public const int MaxWorkingDays = 1000;

    public static async Task<Results<Ok<List<CalendarDay>>, ProblemHttpResult>> ListCalendarDays(int year, OpenDvcDbContext db, CancellationToken ct) =>
        year is < FirstYear or > LastYear
            ? OutOfRange(Refusal.Of(RegistryCodes.CalendarYearOutOfRange, FirstYear, LastYear))
            : TypedResults.Ok(await CalendarEdits.YearAsync(db, year, ct));

    public static async Task<Results<Ok<WorkingDaysAnswer>, ProblemHttpResult>> AddWorkingDays(DateOnly from, int days, CalendarStore store, CancellationToken ct)
    {
        if (from.Year is < FirstYear or > LastYear)
        {
            return OutOfRange(Refusal.Of(RegistryCodes.CalendarDateOutOfRange, FirstYear, LastYear));
        }

        if (days is < -MaxWorkingDays or > MaxWorkingDays)
        {
            return OutOfRange(Refusal.Of(RegistryCodes.CalendarDaysOutOfRange, MaxWorkingDays));
        }

        var calendar = await store.GetAsync(ct);
        return TypedResults.Ok(new WorkingDaysAnswer(from, days, calendar.AddWorkingDays(from, days), MaxWorkingDays));
    }

    private static ProblemHttpResult OutOfRange(Refusal refusal) => refusal.ToProblem();

    public static async Task<Results<Ok<CalendarDay>, ProblemHttpResult>> PutCalendarDay(DateOnly date, CalendarDayInput input, OpenDvcDbContext db, CalendarStore store, CancellationToken ct)
    {
        var violations = await CalendarEdits.SaveAsync(db, store, date, input, ct);
        return violations.Count > 0
            ? RegistryProblems.Invalid(violations)
            : TypedResults.Ok(await db.Set<CalendarDay>().AsNoTracking().SingleAsync(d => d.Date == date, ct));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCalendarDay(DateOnly date, OpenDvcDbContext db, CalendarStore store, CancellationToken ct) =>
        await CalendarEdits.DeleteAsync(db, store, date, ct) == DeleteOutcome.NotFound
            ? Refusal.Of(RegistryCodes.CalendarDayUnknown).ToProblem()
            : TypedResults.NoContent();
}
