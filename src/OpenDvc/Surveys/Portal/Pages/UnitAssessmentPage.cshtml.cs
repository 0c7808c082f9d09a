using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Registry;
using OpenDvc.Surveys.Answers;

namespace OpenDvc.Surveys.Portal.Pages;

/// <summary>
/// /portal-assessments/units/{unit}?quarter=: the unit's sheet for a quarter beside its probe figures, its quarters and
/// its portal address. Its focal point saves a draft and sends it; the portal address also an admin; staff read.
/// </summary>
[Authorize(Policy = SurveysModule.ReadPolicy)]
public sealed class UnitAssessmentPage(AssessmentBook book, ProbeHistory probes, OpenDvcDbContext db, TimeProvider time) : PageModel
{
    public AssessmentSheet Sheet { get; private set; } = null!;

    public UnitPortalOverview Overview { get; private set; } = null!;

    public bool CanAnswer { get; private set; }

    public bool CanEditPortal { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string unit, string? quarter, string? saved, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(User, unit))
        {
            return Forbid();
        }

        Saved = saved;
        return await LoadAsync(unit, quarter, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string unit, string? quarter, string? send, CancellationToken ct)
    {
        if (!AnswersApi.MayAnswerFor(User, unit))
        {
            return Forbid();
        }

        var q = quarter ?? Quarter.Of(time.GetUtcNow()).ToString();
        var (current, _) = await book.SheetAsync(unit, q, ct);
        if (current is null)
        {
            return NotFound();
        }

        var items = current.Items.Select(i => new ItemInput(i.Criterion.Code,
            Enum.TryParse<PortalVerdict>(Request.Form[$"v.{i.Criterion.Code}"], out var v) && Enum.IsDefined(v) ? v : null,
            Request.Form[$"e.{i.Criterion.Code}"], Request.Form[$"n.{i.Criterion.Code}"])).ToList();
        var (violations, error) = await book.SaveAsync(unit, q, items, send is not null, User.Identity?.Name ?? "?", ct);
        if (error is null && violations.Count == 0)
        {
            return Redirect($"/portal-assessments/units/{Uri.EscapeDataString(unit)}?quarter={q}&saved={(send is not null ? "sent" : "draft")}");
        }

        var vi = RegistryPages.IsVietnamese;
        Errors = error is not null ? [vi ? error.Vietnamese : error.English] : [.. violations.Select(x => vi ? x.Vietnamese : x.English)];
        await LoadAsync(unit, q, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPortalAsync(string unit, string? quarter, string? url, bool probe, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(User, unit))
        {
            return Forbid();
        }

        var (view, violation) = await PortalApi.SavePortalAsync(unit, new PortalInput(url, probe), User.Identity?.Name ?? "?", db, time, ct);
        if (view is not null)
        {
            return Redirect($"/portal-assessments/units/{Uri.EscapeDataString(unit)}?quarter={quarter}&saved=portal");
        }

        Errors = violation is null ? [] : [RegistryPages.IsVietnamese ? violation.Vietnamese : violation.English];
        return await LoadAsync(unit, quarter, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string unit, string? quarter, CancellationToken ct)
    {
        quarter ??= Quarter.Of(time.GetUtcNow()).ToString();
        var (sheet, _) = await book.SheetAsync(unit, quarter, ct);
        if (sheet is null)
        {
            return false;
        }

        Sheet = sheet;
        Overview = await PortalApi.OverviewAsync(unit, Quarter.Parse(sheet.Quarter), db, book, probes, ct);
        CanAnswer = AnswersApi.MayAnswerFor(User, unit) && sheet.Open;
        CanEditPortal = UnitAccess.CanEdit(User, unit);
        return true;
    }
}
