using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Registry.Procedures;

/// <summary>/procedures: the catalog, searchable and filtered, a keyset page at a time ("next page" carries the last code).</summary>
public sealed class ProcedureListPage(OpenDvcDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Field { get; set; }

    [BindProperty(SupportsGet = true)]
    public Audience? Audience { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProcedureTier? Tier { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Eligible { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public Page<Procedure> Results { get; private set; } = new([], null);

    public IReadOnlyList<string> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        var filter = new ProcedureFilter(Q, Field, Audience, Tier, Eligible);
        if (TableExport.IsSupported(format))
        {
            return await RegistryPages.SendAsync(HttpContext, RegistryTables.ToFileAsync(filter.Apply(db.Set<Procedure>()), format!, ct));
        }

        Results = await ProcedureCatalog.PageAsync(db, filter, After, PageSize, ct);
        Fields = await ProcedureCatalog.FieldsAsync(db, ct);
        return Page();
    }
}
