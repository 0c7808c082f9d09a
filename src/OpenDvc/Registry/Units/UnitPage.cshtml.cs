using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Time;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Transfer;
using OpenDvc.Registry.Units.Timeline;
using OpenDvc.Resources;

namespace OpenDvc.Registry.Units;

/// <summary>
/// /units/{code}: a unit as on a day (today by default) with its versions, predecessors and successor, its focal point (contact only for those who may read the unit) and its online services.
/// An admin or the unit's own focal point edits the contact and the services here; anyone else gets 403.
/// </summary>
public sealed class UnitPage(OpenDvcDbContext db, TimeProvider time, IStringLocalizer<RegistryText> text) : PageModel
{
    /// <summary>The unit as it was on <see cref="Day"/>, with its versions, predecessors and successors.</summary>
    public UnitView Unit { get; private set; } = null!;

    /// <summary>The day the unit is shown as of; today when absent.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    public DateOnly Day { get; private set; }

    public bool CanReadContact { get; private set; }

    public bool CanEdit { get; private set; }

    [BindProperty(SupportsGet = true)]
    public ServiceLevel? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public IReadOnlyList<ServiceRow> Services { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, string? format, CancellationToken ct)
    {
        if (TableExport.IsSupported(format))
        {
            return await RegistryPages.SendAsync(HttpContext, RegistryTables.ToFileAsync(new ServiceFilter(code, null, Level).Apply(db.Set<OnlineService>()), format!, ct));
        }

        return await LoadAsync(code, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostContactAsync(string code, UnitContactInput contact, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(User, code))
        {
            return Forbid();
        }

        if (ModelState.IsValid && await UnitQueries.SaveContactAsync(db, code, contact, Platform.Time.VietnamTime.DateOf(time.GetUtcNow()), ct))
        {
            return Redirect($"/units/{Uri.EscapeDataString(code)}?saved=true");
        }

        Errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
        return await LoadAsync(code, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostServiceAsync(string code, string? procedureCode, ServiceInput service, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(User, code))
        {
            return Forbid();
        }

        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(procedureCode))
        {
            Errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)
                .Concat(string.IsNullOrWhiteSpace(procedureCode) ? [$"{text["Procedures.Code"]}: {text["Required"]}"] : []).ToList();
            return await LoadAsync(code, ct) ? Page() : NotFound();
        }

        return await SaveServiceAsync(code, procedureCode.Trim(), service, ct);
    }

    /// <summary>Changes only the level; moving up to full-process records today as its start.</summary>
    public async Task<IActionResult> OnPostLevelAsync(string code, string procedure, ServiceLevel level, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(User, code))
        {
            return Forbid();
        }

        var current = await db.Set<OnlineService>().AsNoTracking().SingleOrDefaultAsync(s => s.UnitCode == code && s.ProcedureCode == procedure, ct);
        if (current is null)
        {
            return NotFound();
        }

        var today = VietnamTime.DateOf(time.GetUtcNow());
        DateOnly? fullSince = level == ServiceLevel.FullProcess ? current.FullProcessSince ?? (today < current.OnlineSince ? current.OnlineSince : today) : null;
        return await SaveServiceAsync(code, procedure, new ServiceInput(level, current.LegacyLevel, current.OnlineSince, fullSince), ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string code, string procedure, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(User, code))
        {
            return Forbid();
        }

        await ServiceCatalog.DeleteAsync(db, code, procedure, ct);
        return Redirect($"/units/{Uri.EscapeDataString(code)}?saved=true");
    }

    private async Task<IActionResult> SaveServiceAsync(string code, string procedure, ServiceInput service, CancellationToken ct)
    {
        var violations = await ServiceCatalog.SaveAsync(db, code, procedure, service, ct);
        if (violations.Count == 0)
        {
            return Redirect($"/units/{Uri.EscapeDataString(code)}?saved=true");
        }

        Errors = violations.Select(RegistryPages.Message).ToList();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await LoadAsync(code, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null)
        {
            return false;
        }

        CanReadContact = UnitAccess.CanRead(User, code);
        Day = On ?? Platform.Time.VietnamTime.DateOf(time.GetUtcNow());
        Unit = UnitView.WithHistory(unit, await UnitTimeline.LoadAsync(db, ct), Day, CanReadContact);
        CanEdit = UnitAccess.CanEdit(User, code);
        var services = await new ServiceFilter(code, null, Level).Apply(db.Set<OnlineService>().AsNoTracking()).OrderBy(s => s.ProcedureCode).ToListAsync(ct);
        Services = await ServiceCatalog.WithNamesAsync(db, services, ct);
        return true;
    }
}
