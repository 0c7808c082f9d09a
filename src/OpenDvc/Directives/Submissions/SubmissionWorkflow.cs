using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Directives.Catalog;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Files;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Time;
using OpenDvc.Registry;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Directives.Submissions;

/// <summary>A submission as its unit and the agency see it: the draft, the versions, where it stands today.</summary>
public sealed record SubmissionView(
    int DeliverableId, string DeliverableTitle, DeliverableKind Kind, string DirectiveNumber, string UnitCode, string UnitName,
    DateOnly DueDate, bool Extended, SubmissionStatus Status, ComplianceStatus Compliance, SubmissionContent Content, string? Note,
    int? FileId, string? FileName, string? ReviewComment, IReadOnlyList<VersionView> Versions, int? CampaignId = null, DateTimeOffset? AnsweredAt = null, int? SurveyId = null, DateOnly? ReportMonth = null);

public sealed record VersionView(int Number, DateTimeOffset SubmittedAt, string SubmittedBy, bool Late, ReviewOutcome Review,
    DateTimeOffset? ReviewedAt, string? ReviewedBy, string? ReviewComment, int? FileId, string? Note);

/// <summary>
/// The one path every submission change takes, from the API, the pages and the demo data: save a draft, submit
/// (a new version, late if after the unit's due date), accept or return, and grant extensions.
/// </summary>
public sealed class SubmissionWorkflow(OpenDvcDbContext db, TimeProvider time, ICurrentActor actor, ProcedureCatalogSubmission catalog, FileStore files, IOptions<DirectivesOptions> options,
    ComplianceQuery compliance)
{
    /// <summary>The deliverable and the unit that owes it, named as on its due date; null when the unit does not owe it.</summary>
    public async Task<(Deliverable Deliverable, RecipientUnit Unit)?> FindAsync(int deliverableId, string unitCode, CancellationToken ct)
    {
        var deliverable = await db.Set<Deliverable>().AsNoTracking().Include(d => d.Directive!).ThenInclude(d => d.ChosenUnits)
            .SingleOrDefaultAsync(d => d.Id == deliverableId, ct);
        if (deliverable is null)
        {
            return null;
        }

        // The units that owe it: the letter's recipients, an ended one's successor in its place, within its scope (ComplianceQuery.Owing).
        var facts = await OwingFacts.LoadAsync(db, [deliverable], ct);
        return ComplianceQuery.Owing(deliverable, facts).FirstOrDefault(r => r.Code == unitCode) is { } owing ? (deliverable, owing) : null;
    }

    public async Task<SubmissionView?> ViewAsync(int deliverableId, string unitCode, CancellationToken ct)
    {
        if (await FindAsync(deliverableId, unitCode, ct) is not var (deliverable, unit))
        {
            return null;
        }

        var submission = await db.Set<Submission>().AsNoTracking().Include(s => s.Versions)
            .SingleOrDefaultAsync(s => s.DeliverableId == deliverableId && s.UnitCode == unitCode, ct);
        var versions = submission?.Versions ?? [];
        var cell = (await compliance.CellAsync(deliverableId, unitCode, VietnamTime.DateOf(time.GetUtcNow()), ct))!;
        var fileName = submission?.FileId is { } fileId
            ? await db.Set<StoredFile>().Where(f => f.Id == fileId).Select(f => f.FileName).SingleOrDefaultAsync(ct)
            : null;
        return new SubmissionView(
            deliverable.Id, deliverable.Title, deliverable.Kind, deliverable.Directive!.Number, unit.Code, unit.Name, cell.DueDate, cell.Extended,
            // A deliverable answered elsewhere has no submission of its own: it is sent once the unit has answered there.
            deliverable.IsAnsweredElsewhere ? (cell.HasSubmitted ? SubmissionStatus.Submitted : SubmissionStatus.Draft) : submission?.Status ?? SubmissionStatus.Draft,
            cell.Status, SubmissionContent.FromJson(submission?.Content), submission?.Note,
            submission?.FileId, fileName, submission?.ReviewComment,
            versions.OrderByDescending(v => v.Number).Select(v => new VersionView(v.Number, v.SubmittedAt, v.SubmittedBy,
                VietnamTime.DateOf(v.SubmittedAt) > cell.DueDate, v.Review, v.ReviewedAt, v.ReviewedBy, v.ReviewComment, v.FileId, v.Note)).ToList(),
            deliverable.CampaignId, cell.SubmittedAt, deliverable.SurveyId, deliverable.ReportMonth);
    }

    /// <summary>Saves the draft's content (and, when given, its already stored file); refused once submitted or accepted.</summary>
    public async Task<Refusal?> SaveDraftAsync(int deliverableId, string unitCode, SubmissionContent content, string? note, int? fileId, CancellationToken ct)
    {
        if (await FindAsync(deliverableId, unitCode, ct) is not var (deliverable, _))
        {
            return SubmissionRefusals.NotAddressed;
        }

        if (deliverable.IsAnsweredElsewhere)
        {
            return SubmissionRefusals.AnsweredElsewhere(deliverable);
        }

        var submission = await db.Set<Submission>().SingleOrDefaultAsync(s => s.DeliverableId == deliverableId && s.UnitCode == unitCode, ct);
        if (submission is null)
        {
            submission = new Submission { DeliverableId = deliverableId, UnitCode = unitCode, Status = SubmissionStatus.Draft, UpdatedBy = actor.Name };
            db.Set<Submission>().Add(submission);
        }
        else if (submission.Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted)
        {
            return SubmissionRefusals.Locked;
        }

        submission.Content = content.ToJson();
        submission.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (fileId is not null)
        {
            submission.FileId = fileId;
        }

        submission.UpdatedAt = time.GetUtcNow();
        submission.UpdatedBy = actor.Name;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Reads an uploaded catalog into the draft: all rows, or none and the report of every wrong cell.</summary>
    public async Task<Outcome<Registry.Transfer.ImportReport>> UploadCatalogAsync(int deliverableId, string unitCode, IFormFile file, bool dryRun, CancellationToken ct)
    {
        if (await FindAsync(deliverableId, unitCode, ct) is not var (deliverable, _) || deliverable.Kind != DeliverableKind.ProcedureCatalog)
        {
            return SubmissionRefusals.NotAddressed;
        }

        if (file.Length > options.Value.MaxFileBytes)
        {
            return Refusal.Of(PlatformCodes.FileTooLarge, options.Value.MaxFileBytes / (1024.0 * 1024));
        }

        var current = await db.Set<Submission>().AsNoTracking().SingleOrDefaultAsync(s => s.DeliverableId == deliverableId && s.UnitCode == unitCode, ct);
        if (current?.Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted)
        {
            return SubmissionRefusals.Locked;
        }

        var rules = (await catalog.RulesForAsync(unitCode, ct))!;
        await using var stream = file.OpenReadStream();
        var (entries, report) = ProcedureCatalogSubmission.Read(rules, stream, file.FileName);
        if (!report.Succeeded || dryRun)
        {
            return report with { DryRun = dryRun };
        }

        var content = SubmissionContent.FromJson(current?.Content) with { Catalog = entries };
        return await SaveDraftAsync(deliverableId, unitCode, content, current?.Note, null, ct) is { } refused ? refused : report;
    }

    /// <summary>Stores an uploaded file (size and type checked) and attaches it to the draft.</summary>
    public async Task<Refusal?> AttachFileAsync(int deliverableId, string unitCode, IFormFile upload, CancellationToken ct)
    {
        if (await FindAsync(deliverableId, unitCode, ct) is not var (deliverable, _))
        {
            return SubmissionRefusals.NotAddressed;
        }

        if (deliverable.IsAnsweredElsewhere)
        {
            return SubmissionRefusals.AnsweredElsewhere(deliverable);
        }

        var current = await db.Set<Submission>().AsNoTracking().SingleOrDefaultAsync(s => s.DeliverableId == deliverableId && s.UnitCode == unitCode, ct);
        if (current?.Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted)
        {
            return SubmissionRefusals.Locked;
        }

        var (file, rejection) = await files.AddAsync(upload, options.Value.MaxFileBytes, pdfOnly: false, ct);
        if (rejection is not null)
        {
            return rejection;
        }

        await db.SaveChangesAsync(ct);
        return await SaveDraftAsync(deliverableId, unitCode, SubmissionContent.FromJson(current?.Content), current?.Note, file!.Id, ct);
    }

    /// <summary>Submits the draft as a new version, after checking it against the deliverable's kind.</summary>
    public async Task<(Refusal? Error, IReadOnlyList<RuleViolation> Violations)> SubmitAsync(int deliverableId, string unitCode, CancellationToken ct)
    {
        if (await FindAsync(deliverableId, unitCode, ct) is not var (deliverable, _))
        {
            return (SubmissionRefusals.NotAddressed, []);
        }

        if (deliverable.IsAnsweredElsewhere)
        {
            return (SubmissionRefusals.AnsweredElsewhere(deliverable), []);
        }

        var submission = await db.Set<Submission>().Include(s => s.Versions).SingleOrDefaultAsync(s => s.DeliverableId == deliverableId && s.UnitCode == unitCode, ct);
        if (submission?.Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted)
        {
            return (SubmissionRefusals.Locked, []);
        }

        var content = SubmissionContent.FromJson(submission?.Content);
        var violations = await CheckAsync(deliverable.Kind, unitCode, content, submission?.FileId, ct);
        if (violations.Count > 0 || submission is null)
        {
            return (null, violations);
        }

        if (deliverable.Kind == DeliverableKind.ActionPlan && string.IsNullOrWhiteSpace(content.PlanShortfallReason)
            && LetterTargets.ShortfallsOf(await db.Set<LetterTarget>().AsNoTracking().Where(t => t.DirectiveId == deliverable.DirectiveId).ToListAsync(ct), content.Plan).Count > 0)
        {
            return (SubmissionRefusals.PlanBelowLetter, []);
        }

        var now = time.GetUtcNow();
        submission.Versions.Add(new SubmissionVersion
        {
            Number = submission.Versions.Count + 1,
            SubmittedAt = now,
            SubmittedBy = actor.Name,
            Content = submission.Content,
            Note = submission.Note,
            FileId = submission.FileId,
        });
        submission.Status = SubmissionStatus.Submitted;
        submission.ReviewComment = null;
        submission.UpdatedAt = now;
        submission.UpdatedBy = actor.Name;
        await db.SaveChangesAsync(ct);
        return (null, []);
    }

    /// <summary>Accepts or returns the submitted version; an accepted catalog updates the registry in the same transaction.</summary>
    public async Task<Refusal?> ReviewAsync(int deliverableId, string unitCode, bool accept, string? comment, CancellationToken ct)
    {
        if (await FindAsync(deliverableId, unitCode, ct) is not var (deliverable, _))
        {
            return SubmissionRefusals.NotAddressed;
        }

        var submission = await db.Set<Submission>().Include(s => s.Versions).SingleOrDefaultAsync(s => s.DeliverableId == deliverableId && s.UnitCode == unitCode, ct);
        if (submission?.Status != SubmissionStatus.Submitted)
        {
            return SubmissionRefusals.NotAwaitingReview;
        }

        if (!accept && string.IsNullOrWhiteSpace(comment))
        {
            return SubmissionRefusals.CommentRequired;
        }

        var version = submission.Versions.MaxBy(v => v.Number)!;
        version.Review = accept ? ReviewOutcome.Accepted : ReviewOutcome.Returned;
        version.ReviewedAt = time.GetUtcNow();
        version.ReviewedBy = actor.Name;
        version.ReviewComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        submission.Status = accept ? SubmissionStatus.Accepted : SubmissionStatus.Returned;
        submission.ReviewComment = version.ReviewComment;
        submission.UpdatedAt = version.ReviewedAt.Value;
        submission.UpdatedBy = actor.Name;
        if (accept && deliverable.Kind == DeliverableKind.ProcedureCatalog)
        {
            // The registry may have moved since the unit submitted (a service made full-process): check again.
            var entries = SubmissionContent.FromJson(version.Content).Catalog ?? [];
            if ((await catalog.RulesForAsync(unitCode, ct))?.CheckAll(entries) is { Count: > 0 })
            {
                db.ChangeTracker.Clear();
                return SubmissionRefusals.CatalogStale;
            }

            await catalog.ApplyAsync(entries, ct);
        }

        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Grants (or changes) one unit's extension of a deliverable's due date.</summary>
    public async Task<Refusal?> GrantExtensionAsync(int deliverableId, string unitCode, DateOnly dueDate, string reason, CancellationToken ct)
    {
        if (await FindAsync(deliverableId, unitCode, ct) is not var (deliverable, _))
        {
            return SubmissionRefusals.NotAddressed;
        }

        if (deliverable.Kind == DeliverableKind.AwardNominations)
        {
            return SubmissionRefusals.ByNominations;
        }

        var extension = await db.Set<DeadlineExtension>().SingleOrDefaultAsync(e => e.DeliverableId == deliverableId && e.UnitCode == unitCode, ct);
        if (extension is null)
        {
            extension = new DeadlineExtension { DeliverableId = deliverableId, UnitCode = unitCode, Reason = reason, GrantedBy = actor.Name };
            db.Set<DeadlineExtension>().Add(extension);
        }

        extension.DueDate = dueDate;
        extension.Reason = reason.Trim();
        extension.GrantedBy = actor.Name;
        extension.GrantedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>What a submission of a kind must hold before it can be submitted.</summary>
    public async Task<IReadOnlyList<RuleViolation>> CheckAsync(DeliverableKind kind, string unitCode, SubmissionContent content, int? fileId, CancellationToken ct)
    {
        switch (kind)
        {
            case DeliverableKind.ProcedureCatalog:
                var rules = await catalog.RulesForAsync(unitCode, ct);
                return rules is null ? [] : rules.CheckAll(content.Catalog ?? []);
            case DeliverableKind.ActionPlan:
                return SubmissionRules.CheckPlan(content.Plan);
            case DeliverableKind.MonthlyReport:
                return SubmissionRules.CheckReport(content.Report);
            case DeliverableKind.IncentivePolicy:
                var codes = content.Incentive?.Services ?? [];
                var known = await db.Set<Registry.Procedures.Procedure>().Where(p => codes.Contains(p.Code)).Select(p => p.Code).ToListAsync(ct);
                return SubmissionRules.CheckIncentive(content.Incentive, known);
            default:
                return fileId is null
                    ? [new RuleViolation("file", Refusal.Of(DirectiveCodes.SubmissionFileRequired))]
                    : [];
        }
    }
}
