using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;

namespace OpenDvc.Registry.Procedures;

/// <summary>/procedures/{code}: a procedure and which units offer it online, at which level.</summary>
public sealed class ProcedurePage(OpenDvcDbContext db) : PageModel
{
    public Procedure Procedure { get; private set; } = null!;

    public string? ManagingUnitName { get; private set; }

    public IReadOnlyList<(OnlineService Service, string UnitName)> Offers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var procedure = await db.Set<Procedure>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct);
        if (procedure is null)
        {
            return NotFound();
        }

        Procedure = procedure;
        var units = await db.Set<Unit>().AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        ManagingUnitName = units.GetValueOrDefault(procedure.ManagingUnitCode);
        var services = await db.Set<OnlineService>().AsNoTracking().Where(s => s.ProcedureCode == code).OrderBy(s => s.UnitCode).ToListAsync(ct);
        Offers = services.Select(s => (s, units.GetValueOrDefault(s.UnitCode, s.UnitCode))).ToList();
        return Page();
    }
}
