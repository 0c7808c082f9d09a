using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;

namespace OpenDvc.Surveys.Portal.Pages;

/// <summary>/portal-assessments: the agency's view of every unit's compliance for a quarter; a focal point goes to its own unit's page.</summary>
[Authorize(Policy = SurveysModule.ReadPolicy)]
public sealed class ComplianceOverviewPage(PortalCompliance compliance, TimeProvider time) : PageModel
{
    public ComplianceOverview Overview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? quarter, CancellationToken ct)
    {
        if (!UnitAccess.IsStaff(User))
        {
            return UnitAccess.UnitOf(User) is { } unit ? Redirect($"/portal-assessments/units/{Uri.EscapeDataString(unit)}") : Forbid();
        }

        quarter ??= await compliance.LatestQuarterAsync(ct) ?? Quarter.Of(time.GetUtcNow()).ToString();
        if (!Quarter.TryParse(quarter, out var q))
        {
            return BadRequest();
        }

        Overview = await compliance.ComputeAsync(q, ct);
        return Page();
    }
}
