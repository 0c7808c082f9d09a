using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;

namespace OpenDvc.Directives.Pages;

/// <summary>/compliance/not-submitted: for a deliverable and a day, the units that had not submitted, as a letter prints them (staff).</summary>
[Authorize(Policy = AccountsModule.StaffPolicy)]
public sealed class NotSubmittedPage(ComplianceQuery query, OpenDvcDbContext db, TimeProvider time) : PageModel
{
    public NotSubmittedList? List { get; private set; }

    public IReadOnlyList<(int Id, string Label)> Choices { get; private set; } = [];

    public int? Deliverable { get; private set; }

    public DateOnly Day { get; private set; }

    public async Task OnGetAsync(int? deliverable, DateOnly? date, CancellationToken ct)
    {
        Day = date ?? VietnamTime.DateOf(time.GetUtcNow());
        Deliverable = deliverable;
        await query.CreateStartedPeriodsAsync(ct);
        Choices = (await db.Set<Deliverable>().OrderByDescending(d => d.DueDate).Select(d => new { d.Id, d.Directive!.Number, d.Title, d.DueDate }).ToListAsync(ct))
            .Select(d => (d.Id, $"{d.Number} — {d.Title} ({d.DueDate:dd/MM/yyyy})")).ToList();
        if (deliverable is { } id)
        {
            List = await query.ListUnitsNotSubmittedAsync(id, Day, ct);
        }
    }
}
