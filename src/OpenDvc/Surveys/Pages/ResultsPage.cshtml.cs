using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Surveys.Questionnaire;
using OpenDvc.Surveys.Results;

namespace OpenDvc.Surveys.Pages;

/// <summary>/surveys/{id}/results: counts and charts per question, cross-tabs, quarter-on-quarter, free texts with search, non-responders (staff).</summary>
[Authorize(Policy = AccountsModule.StaffPolicy)]
public sealed class ResultsPage(SurveyResults results, NonResponders nonResponders, SurveyBook surveys) : PageModel
{
    public SurveyResultsView Results { get; private set; } = null!;

    public IReadOnlyList<TextAnswer> Texts { get; private set; } = [];

    public NonResponderList? NotAnswered { get; private set; }

    public string? PublicLink { get; private set; }

    public string By { get; private set; } = "kind";

    public string? Search { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? by, string? q, CancellationToken ct)
    {
        if (await results.ComputeAsync(id, ct) is not { } view)
        {
            return NotFound();
        }

        (Results, By, Search) = (view, by == "region" ? "region" : "kind", q);
        Texts = await results.TextsAsync(id, null, q, ct) ?? [];
        NotAnswered = await nonResponders.ListAsync(id, ct);
        PublicLink = (await surveys.FindAsync(id, ct))?.PublicKey is { } key ? $"{Request.Scheme}://{Request.Host}/surveys/answer/{key}" : null;
        return Page();
    }
}
