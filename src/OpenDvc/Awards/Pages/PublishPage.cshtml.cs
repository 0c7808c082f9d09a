using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Awards.Results;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Awards.Pages;

/// <summary>
/// /awards/results/{id}/publish (admin): publication cannot be undone, so the admin first sees what will be published
/// (the selected services with their units and scores) and publishes only with the confirmation box ticked.
/// </summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class PublishPage(NominationWorkflow nominations, ResultsWorkflow results, TimeProvider time) : PageModel
{
    public AwardCampaign? Campaign { get; private set; }

    public IReadOnlyList<RankedNomination> Winners { get; private set; } = [];

    public IReadOnlyDictionary<string, string> UnitNames { get; private set; } = new Dictionary<string, string>();

    [BindProperty]
    public bool Confirm { get; set; }

    public Refusal? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        Error = Confirm
            ? await results.PublishAsync(id, time.GetUtcNow(), ct)
            : Refusal.Of(AwardCodes.PublishNotConfirmed);
        if (Error is null)
        {
            TempData[nameof(ResultsPage.Message)] = "ok";
            return Redirect($"/awards/results/{id}");
        }

        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        Campaign = await nominations.CampaignAsync(id, ct);
        if (Campaign is null)
        {
            return NotFound();
        }

        if (Campaign.PublishedAt is not null)
        {
            return Redirect($"/awards/results/{id}");
        }

        Winners = (await results.RankAsync(Campaign, ct)).Where(r => r.Entry.Selected).ToList();
        UnitNames = await results.UnitNamesAsync(Campaign, Winners.Select(w => w.Entry.UnitCode), ct);
        return null;
    }
}
