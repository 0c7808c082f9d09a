using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Awards.Pages;

/// <summary>/awards/nominations: a campaign's nominations; staff see every unit, a focal point its own.</summary>
[Authorize]
public sealed class NominationListPage(NominationWorkflow store) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Campaign { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    public AwardCampaign? Current { get; private set; }

    public IReadOnlyList<NominationView> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Current = await store.CampaignAsync(Campaign, ct);
        if (Current is null)
        {
            return NotFound();
        }

        Unit = string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim();
        if (Unit is not null && !UnitAccess.CanRead(User, Unit))
        {
            return Forbid();
        }

        Rows = await store.ViewsAsync(store.Visible(User, Campaign, Unit), ct);
        return Page();
    }
}
