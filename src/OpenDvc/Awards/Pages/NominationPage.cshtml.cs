using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Accounts;
using OpenDvc.Awards.Nominations;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Files;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Awards.Pages;

/// <summary>
/// /awards/nominations/{id}: one nomination with its frozen evidence and verdict (a draft: today's, and a button to
/// submit it); its unit's focal point may withdraw it, attach and remove files while it is open.
/// </summary>
[Authorize]
public sealed class NominationPage(NominationWorkflow store, OpenDvcDbContext db, FileStore files, IOptions<AwardsOptions> options, ICurrentActor actor, TimeProvider time) : PageModel
{
    public NominationView? Nomination { get; private set; }

    public Refusal? Error { get; private set; }

    public bool CanWithdraw { get; private set; }

    /// <summary>A draft its unit may submit now.</summary>
    public bool CanSubmit { get; private set; }

    /// <summary>A draft's evidence and verdict as they are today (frozen only when it is submitted).</summary>
    public NominationCheck? LiveCheck { get; private set; }

    public IReadOnlyList<AttachmentView> Attachments { get; private set; } = [];

    /// <summary>The unit's focal point (or an admin) may attach and remove files while the nomination is open.</summary>
    public bool CanAttach { get; private set; }

    public long MaxAttachmentBytes => options.Value.MaxAttachmentBytes;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        Error = await store.WithdrawAsync(User, id, ct);
        return Outcome($"/awards/nominations/{id}");
    }

    public async Task<IActionResult> OnPostEditAsync(int id, string? narrative, string? contactName, string? contactEmail, string? contactPhone, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        // The API's limits, checked here as its validation does there.
        var input = new NominationDraftInput(narrative, contactName, contactEmail, contactPhone);
        Error = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(input, new(input), null, validateAllProperties: true)
            ? (await store.EditDraftAsync(User, id, input, ct)).Refusal
            : Refusal.Of(AwardCodes.Invalid);
        return Outcome($"/awards/nominations/{id}?draft=true");
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        (var submitted, Error) = await store.SubmitDraftAsync(User, id, ct);
        LiveCheck = submitted?.Check ?? LiveCheck;
        return Outcome($"/awards/nominations/{id}?submitted=true");
    }

    public async Task<IActionResult> OnPostAttachAsync(int id, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        (_, Error) = await NominationAttachmentsApi.AttachAsync(id, file, User, db, files, store, options.Value, actor, time, ct);
        return Outcome($"/awards/nominations/{id}");
    }

    public async Task<IActionResult> OnPostRemoveAttachmentAsync(int id, int attachment, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        Error = await NominationAttachmentsApi.RemoveAsync(id, attachment, User, db, store, ct);
        return Outcome($"/awards/nominations/{id}");
    }

    /// <summary>After a change: to <paramref name="done"/> when it was made, else this page again with the refusal and its status.</summary>
    private IActionResult Outcome(string done)
    {
        if (Error is null)
        {
            return Redirect(done);
        }

        Response.StatusCode = Error.Status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var unit = await db.Set<Nomination>().Where(n => n.Id == id).Select(n => n.UnitCode).SingleOrDefaultAsync(ct);
        if (unit is null)
        {
            return NotFound();
        }

        if (!UnitAccess.CanRead(User, unit))
        {
            return Forbid();
        }

        Nomination = (await store.ViewsAsync(db.Set<Nomination>().Where(n => n.Id == id), ct)).Single();
        CanWithdraw = Nomination.Status is NominationStatus.Submitted or NominationStatus.Draft && UnitAccess.CanEdit(User, unit);
        CanSubmit = Nomination.Status == NominationStatus.Draft && UnitAccess.CanEdit(User, unit);
        if (Nomination.Status == NominationStatus.Draft)
        {
            (LiveCheck, _) = await store.CheckAsync(User, Nomination.CampaignId, unit, Nomination.ProcedureCode, ct);
        }

        CanAttach = (await NominationAttachmentsApi.EditableAsync(db, store, User, id, ct)).Refusal is null;
        Attachments = await NominationAttachmentsApi.ViewsAsync(db, id, ct);
        return null;
    }
}
