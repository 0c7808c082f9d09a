using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Registry.Units;

/// <summary>/units: every unit, filtered by kind and region; downloadable.</summary>
public sealed class UnitListPage(OpenDvcDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public UnitKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    public IReadOnlyList<UnitView> Units { get; private set; } = [];

    public IReadOnlyList<string> Regions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        var units = await UnitQueries.ListAsync(db, new UnitFilter(Kind, Region), User, ct);
        if (TableExport.IsSupported(format))
        {
            return await RegistryPages.SendAsync(HttpContext, RegistryTables.ToFileAsync(units, format!, ct));
        }

        Units = units;
        Regions = await UnitQueries.RegionsAsync(db, ct);
        return Page();
    }
}
