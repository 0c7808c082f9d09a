using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Accounts.Users;

namespace OpenDvc.Registry.Transfer;

/// <summary>
/// /registry/import: upload a procedures file (admin) or a services file (admin, or a focal point for its own unit);
/// shows the counts, or the table of wrong cells when nothing was written.
/// </summary>
[Authorize(Roles = $"{Roles.Admin},{Roles.FocalPoint}")]
public sealed class ImportPage(RegistryImport import) : PageModel
{
    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public string Table { get; private set; } = RegistryImport.ServicesTable;

    public ImportReport? Report { get; private set; }

    public bool MissingFile { get; private set; }

    public void OnGet() => Table = IsAdmin ? RegistryImport.ProceduresTable : RegistryImport.ServicesTable;

    public async Task<IActionResult> OnPostAsync(string? table, IFormFile? file, bool dryRun, CancellationToken ct)
    {
        Table = table == RegistryImport.ProceduresTable ? RegistryImport.ProceduresTable : RegistryImport.ServicesTable;
        if (Table == RegistryImport.ProceduresTable && !IsAdmin)
        {
            return Forbid();
        }

        if (file is null || file.Length == 0)
        {
            MissingFile = true;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await using var stream = file.OpenReadStream();
        Report = Table == RegistryImport.ProceduresTable
            ? await import.ImportProceduresAsync(stream, file.FileName, dryRun, ct)
            : await import.ImportServicesAsync(stream, file.FileName, dryRun, unit => UnitAccess.CanEdit(User, unit), ct);
        if (!Report.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
