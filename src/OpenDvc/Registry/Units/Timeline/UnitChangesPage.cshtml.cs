using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Registry.Units.Timeline;

/// <summary>
/// /units/changes (admins): record a future change of the registry (a unit from a day, a merger, functions moving),
/// or a timeline file of them, each with a dry run; shows what was done, or every broken rule and nothing written.
/// </summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class UnitChangesPage(UnitChanges changes, RegistryImport import) : PageModel
{
    public UnitChangesResult? Result { get; private set; }

    public ImportReport? Report { get; private set; }

    public bool MissingFile { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostChangeAsync(UnitChange change, bool dryRun, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Result = await changes.RecordAsync([change], dryRun, ct);
        Errors = Result.Violations.Select(v => $"{v.Violation.Field}: {RegistryPages.Message(v.Violation)} ({v.Violation.Code})").ToList();
        if (!Result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            MissingFile = true;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await using var stream = file.OpenReadStream();
        Report = await import.ImportUnitChangesAsync(stream, file.FileName, dryRun, ct);
        if (!Report.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
