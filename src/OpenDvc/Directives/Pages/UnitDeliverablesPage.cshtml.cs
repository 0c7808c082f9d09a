using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Reminders;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Platform.Web;

namespace OpenDvc.Directives.Pages;

/// <summary>
/// /deliverables/{unit}: what a unit has been asked for, where it stands on each today, and its latest reminders
/// (the in-app side of the reminders). A focal point without a unit in the address goes to its own.
/// </summary>
[Authorize]
public sealed class UnitDeliverablesPage(ComplianceQuery compliance, OpenDvcDbContext db, TimeProvider time) : PageModel
{
    public string? Unit { get; private set; }

    public IReadOnlyList<UnitDeliverableView> Deliverables { get; private set; } = [];

    public Page<ReminderView> Reminders { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(string? unit, CancellationToken ct)
    {
        if (unit is null)
        {
            return UnitAccess.UnitOf(User) is { } own ? Redirect($"/deliverables/{Uri.EscapeDataString(own)}") : Page();
        }

        if (!UnitAccess.CanRead(User, unit))
        {
            return Forbid();
        }

        Unit = unit;
        Deliverables = await compliance.ForUnitAsync(unit, VietnamTime.DateOf(time.GetUtcNow()), ct);
        Reminders = await RemindersApi.PageAsync(db, unit, null, null, 10, ct);
        return Page();
    }
}
