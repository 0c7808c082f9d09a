using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Time;

namespace OpenDvc.Registry.Calendar;

/// <summary>/calendar: a year's days off and make-up working days; an admin adds, changes and removes them.</summary>
public sealed class CalendarPage(OpenDvcDbContext db, CalendarStore store, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public int ShownYear { get; private set; }

    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    public int WorkingDays { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    /// <summary>Columns of the calendar download: the layout of the calendar shipped with the program.</summary>
    public static readonly IReadOnlyList<ExportColumn<CalendarDay>> Columns =
    [
        new("date", d => d.Date),
        new("kind", d => d.Kind == CalendarDayKind.DayOff ? "day_off" : "make_up_working_day"),
        new("name", d => d.Name),
    ];

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (TableExport.IsSupported(format))
        {
            return await RegistryPages.SendAsync(HttpContext, TableExport.ToFileAsync(Days.ToAsyncEnumerable(), Columns, format!, $"calendar-{ShownYear}", ct));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(DateOnly? date, CalendarDayKind kind, string? name, CancellationToken ct)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        if (date is null)
        {
            Errors = [RegistryPages.IsVietnamese ? "Cần chọn ngày." : "Choose a date."];
        }
        else
        {
            var violations = await CalendarEdits.SaveAsync(db, store, date.Value, new CalendarDayInput(kind, name ?? ""), ct);
            if (violations.Count == 0)
            {
                return Redirect($"/calendar?year={date.Value.Year}&saved=true");
            }

            Errors = violations.Select(RegistryPages.Message).ToList();
            Year = date.Value.Year;
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(DateOnly date, CancellationToken ct)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        await CalendarEdits.DeleteAsync(db, store, date, ct);
        return Redirect($"/calendar?year={date.Year}&saved=true");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ShownYear = Math.Clamp(Year ?? VietnamTime.DateOf(time.GetUtcNow()).Year, CalendarApi.FirstYear, CalendarApi.LastYear);
        Days = await CalendarEdits.YearAsync(db, ShownYear, ct);
        var calendar = await store.GetAsync(ct);
        var first = new DateOnly(ShownYear, 1, 1);
        WorkingDays = calendar.WorkingDaysBetween(first.AddDays(-1), new DateOnly(ShownYear, 12, 31));
    }
}
