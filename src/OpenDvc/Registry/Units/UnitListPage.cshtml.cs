using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry.Transfer;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Registry.Units;

/// <summary>/units: the units in force on a day (today by default) as they were then, filtered by kind and region; downloadable.</summary>
public sealed class UnitListPage(OpenDvcDbContext db, TimeProvider time) : PageModel
{
    /// <summary>The day whose units are listed; today when absent.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    public DateOnly Day { get; private set; }

    [BindProperty(SupportsGet = true)]
    public UnitKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    public IReadOnlyList<UnitView> Units { get; private set; } = [];

    public IReadOnlyList<string> Regions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        Day = On ?? Platform.Time.VietnamTime.DateOf(time.GetUtcNow());
        var units = await UnitQueries.ListAsync(db, new UnitFilter(Day, Kind, Region), Day, User, ct);
        if (TableExport.IsSupported(format))
        {
            return await RegistryPages.SendAsync(HttpContext, RegistryTables.ToFileAsync(units, format!, ct));
        }

        Units = units;
        Regions = await UnitQueries.RegionsAsync(db, ct);
        return Page();
    }
}
