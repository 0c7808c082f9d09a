using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;

namespace OpenDvc.Awards.Pages;

/// <summary>
/// /awards/nominate: a focal point picks one of its unit's online services, sees the evidence and the verdict per
/// criterion (Check), then submits (Submit), which freezes the evidence, or saves a draft to complete later (Draft).
/// Admins may nominate for any unit.
/// </summary>
[Authorize(Policy = AccountsModule.EditPolicy)]
public sealed class NominatePage(NominationWorkflow store, NominationImport import, OpenDvcDbContext db) : PageModel
{
    public sealed record ServiceOption(string Code, string Name, ServiceLevel Level, Audience Audience);

    [BindProperty(SupportsGet = true)]
    public int Campaign { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty]
    public string? Procedure { get; set; }

    [BindProperty]
    public NominationCategory Category { get; set; } = NominationCategory.CitizenServices;

    [BindProperty]
    public string? Narrative { get; set; }

    [BindProperty]
    public string? ContactName { get; set; }

    [BindProperty]
    public string? ContactEmail { get; set; }

    [BindProperty]
    public string? ContactPhone { get; set; }

    public AwardCampaign? Current { get; private set; }

    public IReadOnlyList<ServiceOption> Services { get; private set; } = [];

    public NominationCheck? Check { get; private set; }

    public Refusal? Error { get; private set; }

    public DateOnly? LastDay { get; private set; }

    /// <summary>Whether the unit has declared it nominates nothing in this campaign.</summary>
    public bool DeclaredNone { get; private set; }

    public Registry.Transfer.ImportReport? Imported { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (Procedure is not null)
        {
            (Check, Error) = await store.CheckAsync(User, Campaign, Unit!, Procedure, ct);
        }

        return Page();
    }

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => NominateAsync(draft: false, ct);

    public Task<IActionResult> OnPostDraftAsync(CancellationToken ct) => NominateAsync(draft: true, ct);

    private async Task<IActionResult> NominateAsync(bool draft, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        var (nominated, refusal) = await store.NominateServiceAsync(User, Campaign,
            new NominationInput(Unit!, Procedure ?? "", Category, Narrative, ContactName, ContactEmail, ContactPhone, draft), ct);
        if (nominated is not null)
        {
            return Redirect($"/awards/nominations/{nominated.Nomination.Id}?{(draft ? "draft" : "submitted")}=true");
        }

        // An ineligible service is shown with the evidence and verdict it failed on.
        Error = refusal;
        if (refusal?.Code == AwardCodes.NotEligible)
        {
            (Check, _) = await store.CheckAsync(User, Campaign, Unit!, Procedure ?? "", ct);
        }

        return Page();
    }

    /// <summary>The unit declares it nominates nothing (letter 3179's deliverable is then answered), or takes that back.</summary>
    public Task<IActionResult> OnPostNoneAsync(CancellationToken ct) => DeclareAsync(none: true, ct);

    public Task<IActionResult> OnPostTakeBackAsync(CancellationToken ct) => DeclareAsync(none: false, ct);

    private async Task<IActionResult> DeclareAsync(bool none, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (Unit is null)
        {
            return Page();
        }

        Error = await store.DeclareNoNominationsAsync(User, Campaign, Unit, none, ct);
        DeclaredNone = await store.DeclaredNoNominationsAsync(Campaign, Unit, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (file is null)
        {
            Error = Refusal.Of(PlatformCodes.NoFile).Saying("Chosen");
            return Page();
        }

        await using var stream = file.OpenReadStream();
        Imported = await import.ImportAsync(User, Campaign, stream, file.FileName, dryRun: false, ct);
        return Page();
    }

    /// <summary>The campaign, the unit (a focal point's own; an admin's choice) and its services; a result when refused.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Current = await store.CampaignAsync(Campaign, ct);
        if (Current is null)
        {
            return NotFound();
        }

        Unit = UnitAccess.UnitOf(User) is { } own && !User.IsInRole(Accounts.Users.Roles.Admin) ? own : Unit?.Trim();
        if (Unit is null)
        {
            return null;
        }

        if (!UnitAccess.CanEdit(User, Unit))
        {
            return Forbid();
        }

        (_, var lastDay) = await store.DeadlineAsync(Current, Unit, ct);
        LastDay = lastDay;
        DeclaredNone = await store.DeclaredNoNominationsAsync(Campaign, Unit, ct);
        var unit = Unit;
        Services = await (from s in db.Set<OnlineService>().AsNoTracking()
                          join p in db.Set<Procedure>() on s.ProcedureCode equals p.Code
                          where s.UnitCode == unit
                          orderby s.Level descending, p.Name, p.Code
                          select new ServiceOption(p.Code, p.Name, s.Level, p.Audience)).ToListAsync(ct);
        ContactName ??= await db.Set<Registry.Units.Unit>().Where(u => u.Code == unit).Select(u => u.ContactName).SingleOrDefaultAsync(ct);
        ContactEmail ??= await db.Set<Registry.Units.Unit>().Where(u => u.Code == unit).Select(u => u.ContactEmail).SingleOrDefaultAsync(ct);
        return null;
    }
}
