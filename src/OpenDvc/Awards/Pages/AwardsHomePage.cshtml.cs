using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
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

    [BindProperty]
    public string? NewName { get; set; }

    [BindProperty]
    public int NewYear { get; set; }

    public Refusal? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        Campaigns = await db.Set<AwardCampaign>().AsNoTracking().OrderByDescending(c => c.LastYear).ThenByDescending(c => c.Id).ToListAsync(ct);
        return TableExport.IsSupported(format)
            ? await RegistryPages.SendAsync(HttpContext, TableExport.ToFileAsync(Campaigns.ToAsyncEnumerable(), Columns, format!, "award-campaigns", ct))
            : Page();
    }

    /// <summary>
    /// Opens a campaign for a year like the 2023 one (the year and the one before, deadline 31 August, results on
    /// 10 October, the same rubric and defaults); the admin then adjusts it on its settings page.
    /// </summary>
    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct)
    {
        if (!User.IsInRole(Accounts.Users.Roles.Admin))
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(NewName) || NewYear is < 2015 or > 2100)
        {
            Error = Refusal.Of(AwardCodes.CampaignInvalid).Saying("NameAndYear");
            return await OnGetAsync(null, ct);
        }

        var campaign = Campaign2023.Create();
        campaign.Name = NewName.Trim();
        campaign.Letter = null;
        campaign.FirstYear = NewYear - 1;
        campaign.LastYear = NewYear;
        campaign.NominationDeadline = new DateOnly(NewYear, 8, 31);
        campaign.AnnouncementDate = new DateOnly(NewYear, 10, 10);
        db.Add(campaign);
        await db.SaveChangesAsync(ct);
        return Redirect($"/awards/campaigns/{campaign.Id}");
    }
}
