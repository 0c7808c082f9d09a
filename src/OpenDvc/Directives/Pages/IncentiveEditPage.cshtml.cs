using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Directives.Incentives;
using OpenDvc.Registry;

namespace OpenDvc.Directives.Pages;

/// <summary>
/// /incentives/edit/{id?}: a unit's focal point records or changes its own unit's incentive policy, or ends it; an admin
/// does so for any unit.
/// </summary>
[Authorize(Policy = AccountsModule.EditPolicy)]
public sealed class IncentiveEditPage(IncentiveRegister register) : PageModel
{
    [BindProperty]
    public string? Unit { get; set; }

    [BindProperty]
    public IncentiveKind Kind { get; set; } = IncentiveKind.FeeReduction;

    [BindProperty]
    public int? Percent { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public DateOnly? Since { get; set; }

    [BindProperty]
    public DateOnly? Until { get; set; }

    [BindProperty]
    public string? DocumentNumber { get; set; }

    [BindProperty]
    public DateOnly? DocumentDate { get; set; }

    [BindProperty]
    public string? DocumentIssuer { get; set; }

    [BindProperty]
    public IncentiveIssuer IssuedBy { get; set; } = IncentiveIssuer.TheUnit;

    [BindProperty]
    public string? Link { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public int? Id { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            Unit = UnitAccess.UnitOf(User);
            return Page();
        }

        if (await register.FindAsync(id.Value, ct) is not { } p)
        {
            return NotFound();
        }

        if (!UnitAccess.CanEdit(User, p.UnitCode))
        {
            return Forbid();
        }

        (Unit, Kind, Percent, Description, Since, Until) = (p.UnitCode, p.Kind, p.Percent, p.Description, p.Since, p.Until);
        (DocumentNumber, DocumentDate, DocumentIssuer, IssuedBy, Link, Note) = (p.DocumentNumber, p.DocumentDate, p.DocumentIssuer, p.IssuedBy, p.Link, p.Note);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        var existing = id is null ? null : await register.FindAsync(id.Value, ct);
        if (id is not null && existing is null)
        {
            return NotFound();
        }

        var unit = (Unit ?? "").Trim();
        if (!UnitAccess.CanEdit(User, unit) || (existing is not null && !UnitAccess.CanEdit(User, existing.UnitCode)))
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(DocumentNumber) || string.IsNullOrWhiteSpace(DocumentIssuer) || Since is null || DocumentDate is null)
        {
            Errors = [RegistryPages.IsVietnamese
                ? "Cần ngày bắt đầu hiệu lực, số hiệu, ngày ban hành và cơ quan ban hành văn bản."
                : "The first day in force and the document's number, date and issuer are needed."];
            return Page();
        }

        var input = new IncentivePolicyInput(unit, Kind, Percent, Description, Since, Until, DocumentNumber, DocumentDate, DocumentIssuer, IssuedBy, Link, Note);
        var (saved, violations) = await register.SaveAsync(existing, input, ct);
        if (saved is not null)
        {
            return Redirect("/incentives");
        }

        Errors = violations.Select(RegistryPages.Message).ToList();
        return Page();
    }
}
