using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Awards.Appraisal;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Awards.Results;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Awards.Pages;

/// <summary>
/// /awards/results/{id} (admin): assign reviewers, see the spread between reviewers, switch per-reviewer normalisation,
/// rank per group (ministries, provinces) and category, shortlist and select (by hand or within the groups' quotas); publishing is confirmed on its own page (<see cref="PublishPage"/>).
/// Every decision is audited through the entities it changes.
/// </summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class ResultsPage(NominationWorkflow nominations, AppraisalWorkflow appraisal, ResultsWorkflow results, OpenDvcDbContext db) : PageModel
{
    public AwardCampaign? Campaign { get; private set; }

    public IReadOnlyList<RankedNomination> Ranking { get; private set; } = [];

    public IReadOnlyList<ReviewerSpread> Spread { get; private set; } = [];

    public int Reviews { get; private set; }

    public int Scored { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public Refusal? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAssignAsync(int id, CancellationToken ct)
    {
        var (added, error) = await appraisal.AssignBalancedAsync(id, ct);
        return await AfterAsync(id, error, $"+{added}", ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, int nomination, bool shortlisted, bool selected, CancellationToken ct) =>
        await AfterAsync(id, await results.DecideAsync(nomination, shortlisted, selected, ct), null, ct);

    public async Task<IActionResult> OnPostSelectWithinQuotasAsync(int id, CancellationToken ct)
    {
        var (selected, error) = await results.SelectWithinQuotasAsync(id, ct);
        return await AfterAsync(id, error, $"{selected}", ct);
    }

    public async Task<IActionResult> OnPostRuleAsync(int id, bool normalise, CancellationToken ct)
    {
        var campaign = await db.Set<AwardCampaign>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return NotFound();
        }

        if (campaign.PublishedAt is not null)
        {
            return await AfterAsync(id, Refusal.Of(AwardCodes.Published), null, ct);
        }

        campaign.NormaliseReviewers = normalise;
        await db.SaveChangesAsync(ct);
        return await AfterAsync(id, null, null, ct);
    }

    private async Task<IActionResult> AfterAsync(int id, Refusal? error, string? message, CancellationToken ct)
    {
        if (error is null)
        {
            Message = message ?? "ok";
            return Redirect($"/awards/results/{id}");
        }

        Error = error;
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        Campaign = await nominations.CampaignAsync(id, ct);
        if (Campaign is null)
        {
            return NotFound();
        }

        Ranking = await results.RankAsync(Campaign, ct);
        Spread = await results.SpreadAsync(Campaign, ct);
        var reviews = await appraisal.ReviewsAsync(null, id, null, ct);
        Reviews = reviews.Count;
        Scored = reviews.Count(r => r.Review.ScoredAt is not null);
        return null;
    }
}
