using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Indicators.Calculation;

namespace OpenDvc.Indicators.Quality;

/// <summary>
/// /indicators/quality: every unit's data-quality scorecard for an arrival period, worst first (or by unit),
/// downloadable; a focal point sees their own unit only.
/// </summary>
[Authorize]
public sealed class QualityPage(QualityQuery quality, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary><c>successor</c>: each ended unit's records counted under the unit in force on the period's last day.</summary>
    [BindProperty(SupportsGet = true, Name = "lineage")]
    public string? LineageText { get; set; }

    public UnitLineage Lineage { get; private set; }

    public bool BadPeriod { get; private set; }

    public Period Period { get; private set; }

    public IReadOnlyList<QualityScorecard> Scorecards { get; private set; } = [];

    public QualityOptions Thresholds => quality.Thresholds;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (resolved, problem) = QualityApi.Resolve(PeriodText, null, LineageText, User, time);
        if (resolved is null && problem?.ProblemDetails.Status == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }

        BadPeriod = problem is not null;
        resolved ??= QualityApi.Resolve(null, null, null, User, time).Resolved!.Value;
        (Period, Lineage) = (resolved.Value.Period, resolved.Value.Lineage);
        PeriodText = Period.ToString();
        var rows = await quality.ScorecardsAsync(Period, resolved.Value.Unit, ct, Lineage);
        Scorecards = Sort == "unit" ? rows.OrderBy(r => r.UnitCode, StringComparer.Ordinal).ToList() : rows;
        return Page();
    }
}
