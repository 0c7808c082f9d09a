using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Directives.Catalog;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Files;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Time;
using OpenDvc.Platform.Web;
using OpenDvc.Registry;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Directives.Submissions;

/// <summary>A draft as a focal point saves it.</summary>
public sealed record DraftInput(SubmissionContent? Content, [property: StringLength(2000)] string? Note);

/// <summary>An admin's decision on a submitted version.</summary>
public sealed record ReviewInput([property: StringLength(2000)] string? Comment);

/// <summary>One of a unit's deliverables and where it stands today.</summary>
public sealed record UnitDeliverableView(int DeliverableId, string DirectiveNumber, string Title, DeliverableKind Kind, DateOnly DueDate, bool Extended, ComplianceStatus Compliance, bool Accepted);

/// <summary>
/// A unit's submissions. Every route carries the unit: a focal point reads and changes only its own unit's
/// (<see cref="UnitAccess"/>), staff read all, only admins review; writes a viewer could never make are refused
/// by policy before the body is read.
/// </summary>
public static class SubmissionsApi
{
    private const string Base = "/api/v1/deliverables/{deliverable:int}/units/{unit}/submission";

    public static void MapSubmissionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Base).WithTags("Submissions").RequireAuthorization();
        group.MapGet("", GetSubmission).WithName(nameof(GetSubmission)).WithSummary("A unit's submission: draft, status, versions (own unit or staff).");
        group.MapGet("/catalog", ExportCatalog).WithName(nameof(ExportCatalog))
            .WithSummary("The draft catalog, or the unit's procedures as the registry classes them, as xlsx or csv: the file to fill in.");
        group.MapGet("/file", GetDraftFile).WithName(nameof(GetDraftFile)).WithSummary("The draft's attached file.");
        group.MapGet("/versions/{version:int}/file", GetVersionFile).WithName(nameof(GetVersionFile)).WithSummary("A submitted version's file.");
        group.MapGet("/comparison", CompareWithLedger).WithName(nameof(CompareWithLedger))
            .WithSummary("A monthly report's totals against the ledger: sync coverage = synced ÷ reported.");
        group.MapGet("/progress", GetPlanProgress).WithName(nameof(GetPlanProgress))
            .WithSummary("An action plan's targets against the live figures (ledger rollups, registry).");

        var edit = group.MapGroup("").RequireAuthorization(AccountsModule.EditPolicy);
        edit.MapPut("", SaveDraft).WithName(nameof(SaveDraft)).WithSummary("Save the draft (own unit's focal point or admin).");

        // Multipart uploads; the session cookie is SameSite=Lax, so a cross-site form cannot carry it.
        edit.MapPost("/catalog", UploadCatalog).WithName(nameof(UploadCatalog)).DisableAntiforgery()
            .WithSummary("Upload the catalog (.xlsx or .csv, field 'file'): every row into the draft, or nothing and each wrong cell.");
        edit.MapPost("/file", UploadDraftFile).WithName(nameof(UploadDraftFile)).DisableAntiforgery()
            .WithSummary("Attach a file to the draft (field 'file').");
        edit.MapPost("/submit", Submit).WithName(nameof(Submit)).WithSummary("Submit the draft as a new version.");

        var admin = group.MapGroup("").RequireAuthorization(AccountsModule.AdminPolicy);
        admin.MapPost("/accept", Accept).WithName(nameof(Accept)).WithSummary("Accept the submitted version (admin); a catalog updates the registry.");
        admin.MapPost("/return", Return).WithName(nameof(Return)).WithSummary("Return the submitted version with a comment (admin).");

        app.MapGet("/api/v1/units/{unit}/deliverables", ListUnitDeliverables).WithTags("Submissions").RequireAuthorization()
            .WithName(nameof(ListUnitDeliverables)).WithSummary("The deliverables addressed to a unit and where each stands (own unit or staff).");
    }

    public static async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> GetSubmission(int deliverable, string unit, ClaimsPrincipal user, SubmissionWorkflow workflow, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        return await workflow.ViewAsync(deliverable, unit, ct) is { } view ? TypedResults.Ok(view) : DirectivesProblems.NotAddressed(unit);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SaveDraft(int deliverable, string unit, DraftInput input, ClaimsPrincipal user, SubmissionWorkflow workflow, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(user, unit))
        {
            return Problems.Forbidden();
        }

        return await workflow.SaveDraftAsync(deliverable, unit, input.Content ?? new SubmissionContent(), input.Note, null, ct) is { } error
            ? error.ToProblem()
            : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> UploadCatalog(
        int deliverable, string unit, IFormFile? file, [FromQuery] bool? dryRun, ClaimsPrincipal user, SubmissionWorkflow workflow, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(user, unit))
        {
            return Problems.Forbidden();
        }

        if (file is null)
        {
            return DirectivesProblems.NoFile();
        }

        var (report, error) = await workflow.UploadCatalogAsync(deliverable, unit, file, dryRun ?? false, ct);
        return error is not null ? error.ToProblem()
            : report!.Succeeded ? TypedResults.Ok(report)
            : RegistryProblems.ImportFailed(report);
    }

    public static async Task<IResult> ExportCatalog(int deliverable, string unit, string? format, ClaimsPrincipal user, SubmissionWorkflow workflow, ProcedureCatalogSubmission catalog, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        format ??= "xlsx";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        if (await workflow.ViewAsync(deliverable, unit, ct) is not { } view || await catalog.RulesForAsync(unit, ct) is not { } rules)
        {
            return DirectivesProblems.NotAddressed(unit);
        }

        var entries = view.Content.Catalog is { Count: > 0 } draft ? draft : ProcedureCatalogSubmission.Template(rules);
        return await ProcedureCatalogSubmission.ToFileAsync(rules, entries, format, ct);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UploadDraftFile(int deliverable, string unit, IFormFile? file, ClaimsPrincipal user, SubmissionWorkflow workflow, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(user, unit))
        {
            return Problems.Forbidden();
        }

        if (file is null)
        {
            return DirectivesProblems.NoFile();
        }

        return await workflow.AttachFileAsync(deliverable, unit, file, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    public static async Task<IResult> GetDraftFile(int deliverable, string unit, ClaimsPrincipal user, SubmissionWorkflow workflow, FileStore files, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        var view = await workflow.ViewAsync(deliverable, unit, ct);
        return await SendFileAsync(files, view?.FileId, ct);
    }

    public static async Task<IResult> GetVersionFile(int deliverable, string unit, int version, ClaimsPrincipal user, SubmissionWorkflow workflow, FileStore files, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        var view = await workflow.ViewAsync(deliverable, unit, ct);
        return await SendFileAsync(files, view?.Versions.FirstOrDefault(v => v.Number == version)?.FileId, ct);
    }

    private static async Task<IResult> SendFileAsync(FileStore files, int? fileId, CancellationToken ct)
    {
        var file = await files.InfoAsync(fileId, ct);
        return file is null ? Refusal.Of(DirectiveCodes.FileUnknown).ToProblem() : files.Download(file);
    }

    public static async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> Submit(int deliverable, string unit, ClaimsPrincipal user, SubmissionWorkflow workflow, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(user, unit))
        {
            return Problems.Forbidden();
        }

        var (error, violations) = await workflow.SubmitAsync(deliverable, unit, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        return violations.Count > 0 ? DirectivesProblems.Invalid(violations) : TypedResults.Ok((await workflow.ViewAsync(deliverable, unit, ct))!);
    }

    public static Task<Results<Ok<SubmissionView>, ProblemHttpResult>> Accept(int deliverable, string unit, SubmissionWorkflow workflow, CancellationToken ct) =>
        ReviewAsync(deliverable, unit, true, null, workflow, ct);

    public static Task<Results<Ok<SubmissionView>, ProblemHttpResult>> Return(int deliverable, string unit, ReviewInput input, SubmissionWorkflow workflow, CancellationToken ct) =>
        ReviewAsync(deliverable, unit, false, input.Comment, workflow, ct);

    private static async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> ReviewAsync(int deliverable, string unit, bool accept, string? comment, SubmissionWorkflow workflow, CancellationToken ct) =>
        await workflow.ReviewAsync(deliverable, unit, accept, comment, ct) is { } error
            ? error.ToProblem()
            : TypedResults.Ok((await workflow.ViewAsync(deliverable, unit, ct))!);

    public static async Task<Results<Ok<MonthlyComparison>, ProblemHttpResult>> CompareWithLedger(int deliverable, string unit, ClaimsPrincipal user, MonthlyReportComparison comparison, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        return await comparison.CompareAsync(deliverable, unit, ct) is { } result ? TypedResults.Ok(result) : DirectivesProblems.NotAddressed(unit);
    }

    public static async Task<Results<Ok<IReadOnlyList<TargetProgress>>, ProblemHttpResult>> GetPlanProgress(int deliverable, string unit, ClaimsPrincipal user, SubmissionWorkflow workflow, PlanProgress progress, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        return await workflow.ViewAsync(deliverable, unit, ct) is { } view
            ? TypedResults.Ok(await progress.MeasureAsync(unit, view.Content.Plan ?? [], ct))
            : DirectivesProblems.NotAddressed(unit);
    }

    public static async Task<Results<Ok<IReadOnlyList<UnitDeliverableView>>, ProblemHttpResult>> ListUnitDeliverables(string unit, ClaimsPrincipal user, ComplianceQuery compliance, TimeProvider time, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        return TypedResults.Ok(await compliance.ForUnitAsync(unit, VietnamTime.DateOf(time.GetUtcNow()), ct));
    }
}
