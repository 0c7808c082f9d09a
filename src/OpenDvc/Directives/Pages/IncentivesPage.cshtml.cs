using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Directives.Incentives;

namespace OpenDvc.Directives.Pages;

/// <summary>
/// /incentives: the units' incentive policies for online services with the letter's summary line; in force today for
/// the public (or on the day asked), every policy for staff. Focal points and admins add and change them from here.
/// </summary>
public sealed class IncentivesPage(IncentiveRegister register) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public IncentiveKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    public IncentivePolicyList List { get; private set; } = new(new IncentiveSummary(null, 0, 0), []);

    public bool CanAdd { get; private set; }

    public bool CanEdit(IncentivePolicyView policy) => UnitAccess.CanEdit(User, policy.Unit);

    /// <summary>The export's address with the page's filters; the partial adds the format.</summary>
    public string ExportPath =>
        $"/api/v1/incentive-policies/export?unit={Uri.EscapeDataString(Unit ?? "")}&kind={Kind}&on={On?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanAdd = User.IsInRole(Accounts.Users.Roles.Admin) || (User.IsInRole(Accounts.Users.Roles.FocalPoint) && UnitAccess.UnitOf(User) is not null);
        List = await register.ListAsync(User, new IncentiveFilter(string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim(), Kind, On), ct);
    }
}
