using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Directives.Reminders;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;

namespace OpenDvc.Directives.Pages;

/// <summary>
/// /reminders: the reminders in the app. A focal point sees its own unit's; staff see every unit's, and with
/// delivery=Outbox the e-mails that would have been sent had SMTP been configured (the development outbox).
/// </summary>
[Authorize]
public sealed class RemindersPage(OpenDvcDbContext db) : PageModel
{
    public Page<ReminderView> Reminders { get; private set; } = new([], null);

    [BindProperty(SupportsGet = true)]
    public ReminderDelivery? Delivery { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    public async Task<IActionResult> OnGetAsync(string? after, CancellationToken ct)
    {
        if (RemindersApi.Scope(User, Unit) is not { } scope)
        {
            return Forbid();
        }

        Unit = scope.Unit;
        Reminders = await RemindersApi.PageAsync(db, scope.Unit, Delivery, after, 50, ct);
        return Page();
    }
}
