using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry;

namespace OpenDvc.Awards.Pages;

/// <summary>/awards: the campaigns, and for each what the signed-in person can do (nominate, review, rank, configure).</summary>
[Authorize]
public sealed class AwardsHomePage(OpenDvcDbContext db) : PageModel
{
    private static readonly ExportColumn<AwardCampaign>[] Columns =
    [
        new("id", c => c.Id), new("name", c => c.Name), new("letter", c => c.Letter), new("first_year", c => c.FirstYear), new("last_year", c => c.LastYear),
        new("nomination_deadline", c => c.NominationDeadline), new("announcement_date", c => c.AnnouncementDate), new("published_at", c => c.PublishedAt),
    ];

    public IReadOnlyList<AwardCampaign> Campaigns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        Campaigns = await db.Set<AwardCampaign>().AsNoTracking().OrderByDescending(c => c.LastYear).ThenByDescending(c => c.Id).ToListAsync(ct);
        return TableExport.IsSupported(format)
            ? await RegistryPages.SendAsync(HttpContext, TableExport.ToFileAsync(Campaigns.ToAsyncEnumerable(), Columns, format!, "award-campaigns", ct))
            : Page();
    }
}
