using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Registry.Services;

/// <summary>/services: online services filtered by unit, procedure and level, a keyset page at a time.</summary>
public sealed class ServiceListPage(OpenDvcDbContext db) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Procedure { get; set; }

    [BindProperty(SupportsGet = true)]
    public ServiceLevel? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<ServiceRow> Rows { get; private set; } = [];

    public string? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        var filter = new ServiceFilter(Unit?.Trim(), Procedure?.Trim(), Level);
        if (TableExport.IsSupported(format))
        {
            return await RegistryPages.SendAsync(HttpContext, RegistryTables.ToFileAsync(filter.Apply(db.Set<OnlineService>()), format!, ct));
        }

        Page<OnlineService> page = await ServiceCatalog.PageAsync(db, filter, After, PageSize, ct);
        Rows = await ServiceCatalog.WithNamesAsync(db, page.Items, ct);
        Next = page.Next;
        return Page();
    }
}
