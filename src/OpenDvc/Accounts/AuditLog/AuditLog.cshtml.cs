using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;

namespace OpenDvc.Accounts.AuditLog;

/// <summary>/admin/audit: browse and filter the audit log, newest first, before and after side by side.</summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class AuditLogModel(OpenDvcDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>Also list the rows where no field changed (e.g. Identity saving a user as it was); the API and export always have them.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Unchanged { get; set; }

    public Page<AuditEntry> Entries { get; private set; } = new([], null);

    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    private AuditFilter Filter => new(EntityType, EntityKey, Unit, Actor, From, To);

    public async Task OnGetAsync(CancellationToken ct)
    {
        EntityTypes = await db.Set<AuditEntry>().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        var entries = db.Set<AuditEntry>();
        Entries = await Filter.PageAsync(Unchanged ? entries : entries.Where(e => e.Before == null || e.After == null || e.Before != e.After), After, Keyset.DefaultLimit, ct);
    }

    /// <summary>The current filters as a query string, plus one extra parameter (the export format or the cursor).</summary>
    public string Link(string path, string extraName, string extraValue)
    {
        var query = new Dictionary<string, string?>
        {
            ["entityType"] = EntityType,
            ["entityKey"] = EntityKey,
            ["unit"] = Unit,
            ["actor"] = Actor,
            ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["unchanged"] = Unchanged ? "true" : null,
            [extraName] = extraValue,
        };
        return QueryHelpers.AddQueryString(path, query.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }
}
