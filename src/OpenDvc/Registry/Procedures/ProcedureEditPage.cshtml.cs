using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Resources;
using OpenDvc.Registry.Units;

namespace OpenDvc.Registry.Procedures;

/// <summary>/procedures/edit/{code?}: an admin creates, changes or deletes a procedure, under the same rules as the API.</summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class ProcedureEditPage(OpenDvcDbContext db, IStringLocalizer<RegistryText> text) : PageModel
{
    public string? Code { get; private set; }

    public ProcedureInput Input { get; private set; } = new("", "", Audience.Citizens, ProcedureTier.Provincial, "", 0, ProcessingTimeUnit.WorkingDays, 0, false, true, null);

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        if (code is not null)
        {
            var procedure = await db.Set<Procedure>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct);
            if (procedure is null)
            {
                return NotFound();
            }

            Code = code;
            Input = ProcedureInput.From(procedure);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, string? newCode, ProcedureInput input, CancellationToken ct)
    {
        var target = (code ?? newCode ?? "").Trim();
        if (code is null && await db.Set<Procedure>().AnyAsync(p => p.Code == target, ct))
        {
            Errors = [text["Procedures.Exists"]];
        }
        else if (ModelState.IsValid)
        {
            var violations = await ProcedureCatalog.SaveAsync(db, target, input, ct);
            if (violations.Count == 0)
            {
                return Redirect($"/procedures/{Uri.EscapeDataString(target)}");
            }

            Errors = violations.Select(RegistryPages.Message).ToList();
        }
        else
        {
            Errors = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => $"{e.Key}: {string.Join(" ", e.Value!.Errors.Select(x => x.ErrorMessage))}").ToList();
        }

        Code = code;
        Input = input;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string code, CancellationToken ct)
    {
        switch (await ProcedureCatalog.DeleteAsync(db, code, ct))
        {
            case DeleteOutcome.NotFound:
                return NotFound();
            case DeleteOutcome.InUse:
                Code = code;
                Input = ProcedureInput.From(await db.Set<Procedure>().AsNoTracking().SingleAsync(p => p.Code == code, ct));
                Errors = [text["Procedures.InUse"]];
                Response.StatusCode = StatusCodes.Status409Conflict;
                await LoadAsync(ct);
                return Page();
            default:
                return Redirect("/procedures");
        }
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Units = await db.Set<Unit>().AsNoTracking().OrderBy(u => u.Code).ToListAsync(ct);
}
