using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;

namespace OpenDvc.Directives.Pages;

/// <summary>/compliance: units × deliverables on a day, filterable, with CSV and Excel exports (staff).</summary>
[Authorize(Policy = AccountsModule.StaffPolicy)]
public sealed class CompliancePage(ComplianceMatrix matrix, OpenDvcDbContext db, TimeProvider time) : PageModel
{
    public Matrix Matrix { get; private set; } = null!;

    public IReadOnlyList<(int Id, string Number)> DirectiveChoices { get; private set; } = [];

    public DateOnly Day { get; private set; }

    public async Task OnGetAsync(DateOnly? date, int? directive, DeliverableKind? kind, UnitGroup? units, ComplianceStatus? status, CancellationToken ct)
    {
        Day = date ?? VietnamTime.DateOf(time.GetUtcNow());
        Matrix = await matrix.BuildAsync(new ComplianceFilter(Day, directive, kind, units, status), Day, ct);
        DirectiveChoices = (await db.Set<Directive>().OrderByDescending(d => d.Date).Select(d => new { d.Id, d.Number }).ToListAsync(ct))
            .Select(d => (d.Id, d.Number)).ToList();
    }
}
