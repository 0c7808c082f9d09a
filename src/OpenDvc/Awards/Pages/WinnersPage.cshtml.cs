using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Awards.Results;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry;

namespace OpenDvc.Awards.Pages;

/// <summary>/awards/winners (public): the published results only — winners with their frozen evidence, scores, rubric and rules.</summary>
[AllowAnonymous]
public sealed class WinnersPage(ResultsWorkflow results) : PageModel
{
    private static readonly ExportColumn<(PublishedResults Campaign, PublishedWinner Winner)>[] Columns =
    [
        new("campaign", r => r.Campaign.Name), new("group", r => r.Winner.Group), new("category", r => r.Winner.Category), new("rank", r => r.Winner.Rank), new("unit", r => r.Winner.UnitCode), new("unit_name", r => r.Winner.UnitName),
        new("procedure", r => r.Winner.ProcedureCode), new("procedure_name", r => r.Winner.ProcedureName), new("data_score", r => r.Winner.DataScore),
        new("panel_score", r => r.Winner.PanelScore), new("final_score", r => r.Winner.FinalScore),
        new("online_dossiers", r => r.Winner.Nomination.Evidence?.OnlineDossiers), new("satisfaction", r => r.Winner.Nomination.Evidence?.Satisfaction is { } s ? Math.Round(s, 4) : null),
        new("saved_hours", r => r.Winner.Nomination.Evidence?.Savings.HoursSaved),
    ];

    public IReadOnlyList<PublishedResults> Campaigns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        Campaigns = await results.PublishedAsync(AwardsPages.IsVietnamese, ct);
        return TableExport.IsSupported(format)
            ? await RegistryPages.SendAsync(HttpContext, TableExport.ToFileAsync(Campaigns.SelectMany(c => c.Winners.Select(w => (c, w))).ToAsyncEnumerable(), Columns, format!, "award-winners", ct))
            : Page();
    }
}
