using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Accounts;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Files;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Awards.Nominations;

public sealed record AttachmentView(int Id, int NominationId, string FileName, string ContentType, long Size, DateTimeOffset AttachedAt, string AttachedBy);

/// <summary>
/// A nomination's attachments: the unit's focal point (or an admin) attaches and removes files while the nomination
/// is still open (submitted, before the unit's deadline, results not published); whoever may read the nomination
/// (its unit, reviewers, admins and viewers) lists and downloads them; another unit gets 403.
/// </summary>
public static class NominationAttachmentsApi
{
    public static void MapNominationAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/awards/nominations/{id:int}/attachments").WithTags("Awards").RequireAuthorization();
        group.MapGet("/", ListNominationAttachments).WithName(nameof(ListNominationAttachments)).WithSummary("The files attached to a nomination.");
        group.MapGet("/{attachment:int}", GetNominationAttachment).WithName(nameof(GetNominationAttachment)).WithSummary("One attached file, streamed.");

        // A multipart upload; the session cookie is SameSite=Lax, so a cross-site form cannot carry it.
        group.MapPost("/", AttachNominationFile).RequireAuthorization(AccountsModule.EditPolicy).DisableAntiforgery().WithName(nameof(AttachNominationFile))
            .WithSummary("Attach a file (form field 'file': PDF, image or office document; size limit Awards:MaxAttachmentBytes) to the unit's open nomination.");
        group.MapDelete("/{attachment:int}", RemoveNominationAttachment).RequireAuthorization(AccountsModule.EditPolicy).WithName(nameof(RemoveNominationAttachment))
            .WithSummary("Remove an attached file from the unit's open nomination.");
    }

    private static Refusal Closed => Refusal.Of(AwardCodes.NominationClosed);

    private static Refusal AttachmentNotFound(int id) => Refusal.Of(AwardCodes.AttachmentNotFound, id);

    public static async Task<Results<Ok<List<AttachmentView>>, ProblemHttpResult>> ListNominationAttachments(int id, ClaimsPrincipal user, OpenDvcDbContext db, CancellationToken ct)
    {
        if (await ReadableAsync(db, user, id, ct) is { } refusal)
        {
            return refusal;
        }

        return TypedResults.Ok(await ViewsAsync(db, id, ct));
    }

    public static Task<List<AttachmentView>> ViewsAsync(OpenDvcDbContext db, int nominationId, CancellationToken ct) =>
        db.Set<NominationAttachment>().AsNoTracking().Where(a => a.NominationId == nominationId).OrderBy(a => a.Id)
            .Select(a => new AttachmentView(a.Id, a.NominationId, a.FileName, a.ContentType, a.Size, a.AttachedAt, a.AttachedBy)).ToListAsync(ct);

    public static async Task<IResult> GetNominationAttachment(int id, int attachment, ClaimsPrincipal user, OpenDvcDbContext db, FileStore files, CancellationToken ct)
    {
        if (await ReadableAsync(db, user, id, ct) is { } refusal)
        {
            return refusal;
        }

        var fileId = await db.Set<NominationAttachment>().Where(a => a.Id == attachment && a.NominationId == id).Select(a => (int?)a.FileId).SingleOrDefaultAsync(ct);
        return await files.InfoAsync(fileId, ct) is { } file ? files.Download(file) : AttachmentNotFound(attachment).ToProblem();
    }

    public static async Task<Results<Created<AttachmentView>, ProblemHttpResult>> AttachNominationFile(
        int id, IFormFile? file, ClaimsPrincipal user, OpenDvcDbContext db, FileStore files, NominationWorkflow store, IOptions<AwardsOptions> options, ICurrentActor actor, TimeProvider time, CancellationToken ct)
    {
        var (view, error) = await AttachAsync(id, file, user, db, files, store, options.Value, actor, time, ct);
        return error is not null ? error.ToProblem() : TypedResults.Created($"/api/v1/awards/nominations/{id}/attachments/{view!.Id}", view);
    }

    /// <summary>Checks and stores the file and attaches it (audited), for the API and the nomination page alike.</summary>
    public static async Task<Outcome<AttachmentView>> AttachAsync(
        int id, IFormFile? file, ClaimsPrincipal user, OpenDvcDbContext db, FileStore files, NominationWorkflow store, AwardsOptions options, ICurrentActor actor, TimeProvider time, CancellationToken ct)
    {
        var (nomination, refusal) = await EditableAsync(db, store, user, id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (file is null)
        {
            return Refusal.Of(PlatformCodes.NoFile);
        }

        var (stored, rejection) = await files.AddAsync(file, options.MaxAttachmentBytes, pdfOnly: false, ct);
        if (rejection is not null)
        {
            return rejection;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var attached = new NominationAttachment
        {
            NominationId = id, UnitCode = nomination!.UnitCode, FileId = stored!.Id, FileName = stored.FileName, ContentType = stored.ContentType,
            Size = stored.Size, AttachedAt = time.GetUtcNow(), AttachedBy = actor.Name,
        };
        db.Add(attached);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AttachmentView(attached.Id, id, attached.FileName, attached.ContentType, attached.Size, attached.AttachedAt, attached.AttachedBy);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveNominationAttachment(int id, int attachment, ClaimsPrincipal user, OpenDvcDbContext db, NominationWorkflow store, CancellationToken ct) =>
        await RemoveAsync(id, attachment, user, db, store, ct) is { } refusal ? refusal.ToProblem() : TypedResults.NoContent();

    /// <summary>Removes an attached file from an open nomination (the API and the nomination page); null when done, else why not.</summary>
    public static async Task<Refusal?> RemoveAsync(int id, int attachment, ClaimsPrincipal user, OpenDvcDbContext db, NominationWorkflow store, CancellationToken ct)
    {
        var (_, refusal) = await EditableAsync(db, store, user, id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var attached = await db.Set<NominationAttachment>().SingleOrDefaultAsync(a => a.Id == attachment && a.NominationId == id, ct);
        if (attached is null)
        {
            return AttachmentNotFound(attachment);
        }

        db.Remove(attached);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static async Task<ProblemHttpResult?> ReadableAsync(OpenDvcDbContext db, ClaimsPrincipal user, int id, CancellationToken ct)
    {
        var unit = await db.Set<Nomination>().Where(n => n.Id == id).Select(n => n.UnitCode).SingleOrDefaultAsync(ct);
        return unit is null ? Refusal.Of(AwardCodes.NominationNotFound, id).ToProblem()
            : !UnitAccess.CanRead(user, unit) ? Refusal.Of(PlatformCodes.Forbidden).ToProblem()
            : null;
    }

    /// <summary>The nomination when the caller may change its attachments now; otherwise why not.</summary>
    public static async Task<Outcome<Nomination>> EditableAsync(OpenDvcDbContext db, NominationWorkflow store, ClaimsPrincipal user, int id, CancellationToken ct)
    {
        var nomination = await db.Set<Nomination>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (nomination is null)
        {
            return Refusal.Of(AwardCodes.NominationNotFound, id);
        }

        if (!UnitAccess.CanEdit(user, nomination.UnitCode))
        {
            return Refusal.Of(PlatformCodes.Forbidden);
        }

        var campaign = await db.Set<AwardCampaign>().AsNoTracking().SingleAsync(c => c.Id == nomination.CampaignId, ct);
        var (today, lastDay) = await store.DeadlineAsync(campaign, nomination.UnitCode, ct);
        return nomination.Status is not (NominationStatus.Submitted or NominationStatus.Draft) || campaign.PublishedAt is not null || today > lastDay
            ? Closed
            : nomination;
    }
}
