using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;

namespace OpenDvc.Registry.Pages;

/// <summary>The public landing page: the registry's size at a glance (counts over small catalog tables only).</summary>
public sealed class IndexModel(OpenDvcDbContext db) : PageModel
{
    public int Units { get; private set; }
    public int Procedures { get; private set; }
    public int Services { get; private set; }
    public int FullProcess { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Units = await db.Set<Unit>().CountAsync(ct);
        Procedures = await db.Set<Procedure>().CountAsync(ct);
        Services = await db.Set<OnlineService>().CountAsync(ct);
        FullProcess = await db.Set<OnlineService>().CountAsync(s => s.Level == ServiceLevel.FullProcess, ct);
    }
}
