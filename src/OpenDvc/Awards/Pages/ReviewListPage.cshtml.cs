using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Awards.Appraisal;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry;

namespace OpenDvc.Awards.Pages;

/// <summary>/awards/reviews: the reviewer's assignments, to do or done, with running totals.</summary>
[Authorize(Policy = AwardsModule.ReviewerPolicy)]
public sealed class ReviewListPage(AppraisalWorkflow store) : PageModel
{
    private static readonly ExportColumn<ReviewView>[] Columns =
    [
        new("nomination", r => r.NominationId), new("campaign", r => r.CampaignId), new("unit", r => r.UnitCode), new("procedure", r => r.ProcedureCode),
        new("procedure_name", r => r.ProcedureName), new("category", r => r.Category), new("total", r => r.Total), new("scored_at", r => r.ScoredAt),
    ];

    [BindProperty(SupportsGet = true)]
    public bool? Done { get; set; }

    public IReadOnlyList<ReviewView> Rows { get; private set; } = [];

    public int DoneCount { get; private set; }

    public int AllCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        var all = await store.ReviewsOfAsync(User.Identity!.Name!, null, ct);
        AllCount = all.Count;
        DoneCount = all.Count(r => r.ScoredAt is not null);
        Rows = all.Where(r => Done is null || (r.ScoredAt is not null) == Done).ToList();
        return TableExport.IsSupported(format)
            ? await RegistryPages.SendAsync(HttpContext, TableExport.ToFileAsync(Rows.ToAsyncEnumerable(), Columns, format!, "my-reviews", ct))
            : Page();
    }
}
