using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Awards.Appraisal;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Awards.Pages;

/// <summary>/awards/reviews/{id}: the frozen evidence of an assigned nomination and the rubric form (one score per criterion, a comment).</summary>
[Authorize(Policy = AwardsModule.ReviewerPolicy)]
public sealed class ReviewPage(AppraisalWorkflow appraisal, NominationWorkflow nominations, OpenDvcDbContext db) : PageModel
{
    public NominationView? Nomination { get; private set; }

    public ReviewView? Review { get; private set; }

    public AwardCampaign? Campaign { get; private set; }

    public Refusal? Error { get; private set; }

    [BindProperty]
    public Dictionary<string, int> Scores { get; set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        Error = await appraisal.ScoreAsync(User, id, Scores, Comment, ct);
        if (Error is null)
        {
            return Redirect("/awards/reviews?done=false");
        }

        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        Review = (await appraisal.ReviewsOfAsync(User.Identity!.Name!, null, ct)).SingleOrDefault(r => r.NominationId == id);
        if (Review is null)
        {
            return Forbid();
        }

        Nomination = (await nominations.ViewsAsync(db.Set<Nomination>().Where(n => n.Id == id), ct)).Single();
        Campaign = await nominations.CampaignAsync(Nomination.CampaignId, ct);
        return null;
    }
}
