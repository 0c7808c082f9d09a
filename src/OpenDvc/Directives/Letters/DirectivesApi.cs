using Microsoft.Extensions.Options;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Files;
using OpenDvc.Platform.Tables;

namespace OpenDvc.Directives.Letters;

public static class DirectivesApi
{
    public static void MapDirectivesApi(this IEndpointRouteBuilder app)
    {
        // Published directives and their letters are public, as the agency publishes them; drafts are staff-only.
        var group = app.MapGroup("/api/v1/directives").WithTags("Directives");
        group.MapGet("/", ListDirectives).WithName(nameof(ListDirectives)).WithSummary("Directives, newest first (drafts for staff only).");
        group.MapGet("/export", ExportDirectives).WithName(nameof(ExportDirectives)).WithSummary("The directives list (one line per deliverable) as xlsx or csv.");
        group.MapGet("/{id:int}", GetDirective).WithName(nameof(GetDirective)).WithSummary("One directive with its deliverables.");
        group.MapGet("/{id:int}/targets", GetLetterTargets).WithName(nameof(GetLetterTargets)).WithSummary("The targets the letter requires of the units' plans.");
        group.MapGet("/{id:int}/letter", GetDirectiveLetter).WithName(nameof(GetDirectiveLetter)).WithSummary("The signed letter (PDF).");

        var admin = group.MapGroup("").RequireAuthorization(AccountsModule.AdminPolicy);
        admin.MapPost("/", CreateDirective).WithName(nameof(CreateDirective)).WithSummary("Create a directive (admin).");
        admin.MapPut("/{id:int}", UpdateDirective).WithName(nameof(UpdateDirective)).WithSummary("Change a directive (admin).");

        // A multipart upload; the session cookie is SameSite=Lax, so a cross-site form cannot carry it.
        admin.MapPut("/{id:int}/letter", UploadDirectiveLetter).WithName(nameof(UploadDirectiveLetter)).DisableAntiforgery()
            .WithSummary("Attach the signed letter as a PDF (form field 'file', admin).");
        admin.MapPut("/{id:int}/targets", SetLetterTargets).WithName(nameof(SetLetterTargets))
            .WithSummary("Replace the targets the letter requires of the units' plans (admin); a plan below them needs a stated reason.");
        admin.MapPost("/{id:int}/deliverables", AddDeliverable).WithName(nameof(AddDeliverable)).WithSummary("Add a deliverable to a directive (admin).");
        admin.MapPost("/{id:int}/series", AddDeliverableSeries).WithName(nameof(AddDeliverableSeries))
            .WithSummary("Add a recurring deliverable (monthly or quarterly, due on day N of the next period): each started period becomes a deliverable by itself (admin).");
        admin.MapPut("/{id:int}/deliverables/{deliverable:int}", UpdateDeliverable).WithName(nameof(UpdateDeliverable)).WithSummary("Change a deliverable (admin).");

        var deliverables = app.MapGroup("/api/v1/deliverables").WithTags("Directives").RequireAuthorization(AccountsModule.AdminPolicy);
        deliverables.MapPost("/{deliverable:int}/extensions", GrantDeliverableExtension).WithName(nameof(GrantDeliverableExtension))
            .WithSummary("Grant one unit a later due date for a deliverable (admin).")
            .WithDescription("Body: unit (code), dueDate (yyyy-MM-dd, required) and reason; without a due date, 400 with the validation errors.");
    }

    public static async Task<Ok<IReadOnlyList<DirectiveView>>> ListDirectives(ClaimsPrincipal user, OpenDvcDbContext db, RecurringDeliverables recurring, CancellationToken ct)
    {
        await recurring.CreateStartedPeriodsAsync(ct);
        return TypedResults.Ok(await DirectiveBook.ListAsync(db, UnitAccess.IsStaff(user), ct));
    }

    public static readonly IReadOnlyList<ExportColumn<(DirectiveView Directive, DeliverableView? Deliverable)>> ExportColumns =
    [
        new("number", x => x.Directive.Number),
        new("date", x => x.Directive.Date),
        new("subject", x => x.Directive.Subject),
        new("signer", x => x.Directive.Signer),
        new("recipients", x => x.Directive.Recipients),
        new("units", x => string.Join(" ", x.Directive.Units)),
        new("published", x => x.Directive.Published),
        new("deliverable", x => x.Deliverable?.Title),
        new("kind", x => x.Deliverable?.Kind),
        new("due_date", x => x.Deliverable?.DueDate),
        new("scope", x => x.Deliverable?.Scope),
        new("scope_units", x => x.Deliverable is { } d ? string.Join(" ", d.ScopeUnits) : null),
    ];

    public static async Task<IResult> ExportDirectives(string? format, ClaimsPrincipal user, OpenDvcDbContext db, CancellationToken ct)
    {
        format ??= "xlsx";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        var rows = (await DirectiveBook.ListAsync(db, UnitAccess.IsStaff(user), ct))
            .SelectMany(d => d.Deliverables.Count == 0 ? [(d, (DeliverableView?)null)] : d.Deliverables.Select(x => (d, (DeliverableView?)x)));
        return await TableExport.ToFileAsync(rows.ToAsyncEnumerable(), ExportColumns, format, "directives", ct);
    }

    public static async Task<Results<Ok<DirectiveView>, ProblemHttpResult>> GetDirective(int id, ClaimsPrincipal user, OpenDvcDbContext db, RecurringDeliverables recurring, CancellationToken ct)
    {
        await recurring.CreateStartedPeriodsAsync(ct);
        return await DirectiveBook.GetAsync(db, id, UnitAccess.IsStaff(user), ct) is { } view ? TypedResults.Ok(view) : DirectivesProblems.UnknownDirective(id);
    }

    public static async Task<Results<Created<DirectiveView>, ProblemHttpResult>> AddDeliverableSeries(int id, DeliverableSeriesInput input, OpenDvcDbContext db, RecurringDeliverables recurring, CancellationToken ct)
    {
        var (saved, violations) = await recurring.AddAsync(id, input, ct);
        if (saved is null)
        {
            return violations is [{ Code: DirectiveCodes.DirectiveUnknown }] ? DirectivesProblems.UnknownDirective(id) : DirectivesProblems.Invalid(violations);
        }

        return TypedResults.Created($"/api/v1/directives/{id}", (await DirectiveBook.GetAsync(db, id, true, ct))!);
    }

    public static async Task<IResult> GetDirectiveLetter(int id, ClaimsPrincipal user, OpenDvcDbContext db, FileStore files, CancellationToken ct)
    {
        var staff = UnitAccess.IsStaff(user);
        var fileId = await db.Set<Directive>().Where(d => d.Id == id && (staff || d.Published)).Select(d => d.LetterFileId).SingleOrDefaultAsync(ct);
        var file = await files.InfoAsync(fileId, ct);
        return file is null ? DirectivesProblems.UnknownDirective(id) : files.Download(file);
    }

    public static async Task<Results<Created<DirectiveView>, ProblemHttpResult>> CreateDirective(DirectiveInput input, OpenDvcDbContext db, CancellationToken ct)
    {
        var (id, violations) = await DirectiveBook.SaveAsync(db, null, input, ct);
        return id is null ? DirectivesProblems.Invalid(violations) : TypedResults.Created($"/api/v1/directives/{id}", (await DirectiveBook.GetAsync(db, id.Value, true, ct))!);
    }

    public static async Task<Results<Ok<DirectiveView>, ProblemHttpResult>> UpdateDirective(int id, DirectiveInput input, OpenDvcDbContext db, CancellationToken ct)
    {
        if (!await db.Set<Directive>().AnyAsync(d => d.Id == id, ct))
        {
            return DirectivesProblems.UnknownDirective(id);
        }

        var (saved, violations) = await DirectiveBook.SaveAsync(db, id, input, ct);
        return saved is null ? DirectivesProblems.Invalid(violations) : TypedResults.Ok((await DirectiveBook.GetAsync(db, id, true, ct))!);
    }

    public static async Task<Results<Ok<IReadOnlyList<LetterTargetInput>>, ProblemHttpResult>> GetLetterTargets(int id, ClaimsPrincipal user, OpenDvcDbContext db, CancellationToken ct)
    {
        var staff = UnitAccess.IsStaff(user);
        if (!await db.Set<Directive>().AnyAsync(d => d.Id == id && (d.Published || staff), ct))
        {
            return DirectivesProblems.UnknownDirective(id);
        }

        return TypedResults.Ok(await TargetsAsync(db, id, ct));
    }

    public static async Task<Results<Ok<IReadOnlyList<LetterTargetInput>>, ProblemHttpResult>> SetLetterTargets(int id, List<LetterTargetInput> targets, OpenDvcDbContext db, CancellationToken ct)
    {
        if (!await db.Set<Directive>().AnyAsync(d => d.Id == id, ct))
        {
            return DirectivesProblems.UnknownDirective(id);
        }

        return await LetterTargets.SaveAsync(db, id, targets, ct) is { } violations ? DirectivesProblems.Invalid(violations) : TypedResults.Ok(await TargetsAsync(db, id, ct));
    }

    private static async Task<IReadOnlyList<LetterTargetInput>> TargetsAsync(OpenDvcDbContext db, int id, CancellationToken ct) =>
        (await db.Set<LetterTarget>().AsNoTracking().Where(t => t.DirectiveId == id).OrderBy(t => t.Indicator).ToListAsync(ct)).Select(LetterTargetInput.From).ToList();

    public static async Task<Results<NoContent, ProblemHttpResult>> UploadDirectiveLetter(int id, IFormFile? file, OpenDvcDbContext db, FileStore files, IOptions<DirectivesOptions> options, CancellationToken ct)
    {
        var directive = await db.Set<Directive>().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (directive is null)
        {
            return DirectivesProblems.UnknownDirective(id);
        }

        if (file is null)
        {
            return DirectivesProblems.NoFile();
        }

        var (stored, rejection) = await files.AddAsync(file, options.Value.MaxFileBytes, pdfOnly: true, ct);
        if (rejection is not null)
        {
            return rejection.ToProblem();
        }

        await db.SaveChangesAsync(ct);
        directive.LetterFileId = stored!.Id;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<DeliverableView>, ProblemHttpResult>> AddDeliverable(int id, DeliverableInput input, OpenDvcDbContext db, Compliance.AnswerSources sources, CancellationToken ct)
    {
        var (saved, violations) = await DirectiveBook.SaveDeliverableAsync(db, sources, id, null, input, ct);
        if (saved is null)
        {
            return violations is [{ Code: DirectiveCodes.DirectiveUnknown }] ? DirectivesProblems.UnknownDirective(id) : DirectivesProblems.Invalid(violations);
        }

        return TypedResults.Created($"/api/v1/directives/{id}", DeliverableView.From(await db.Set<Deliverable>().AsNoTracking().SingleAsync(d => d.Id == saved, ct)));
    }

    public static async Task<Results<Ok<DeliverableView>, ProblemHttpResult>> UpdateDeliverable(int id, int deliverable, DeliverableInput input, OpenDvcDbContext db, Compliance.AnswerSources sources, CancellationToken ct)
    {
        var (saved, violations) = await DirectiveBook.SaveDeliverableAsync(db, sources, id, deliverable, input, ct);
        if (saved is null)
        {
            return violations is [{ Code: DirectiveCodes.DirectiveUnknown or DirectiveCodes.DeliverableUnknown }] ? DirectivesProblems.UnknownDeliverable(deliverable) : DirectivesProblems.Invalid(violations);
        }

        return TypedResults.Ok(DeliverableView.From(await db.Set<Deliverable>().AsNoTracking().SingleAsync(d => d.Id == saved, ct)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> GrantDeliverableExtension(int deliverable, DeliverableExtensionInput input, SubmissionWorkflow workflow, CancellationToken ct) =>
        await workflow.GrantExtensionAsync(deliverable, input.Unit, input.DueDate!.Value, input.Reason, ct) is { } error
            ? error.ToProblem()
            : TypedResults.NoContent();
}
