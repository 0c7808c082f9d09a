using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Web;
using OpenDvc.Registry;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Awards.Nominations;

/// <summary>
/// Nominations: the live check of a service, a draft or a submission by the unit's focal point (or an admin), a draft's
/// submission, withdrawal, lists and exports. Staff read every unit's nominations; a focal point only its own unit's
/// (drafts included: another unit never sees them).
/// </summary>
public static class NominationsApi
{
    public static void MapNominationsApi(this IEndpointRouteBuilder app)
    {
        var campaign = app.MapGroup("/api/v1/awards/campaigns/{id:int}").WithTags("Awards").RequireAuthorization();
        campaign.MapGet("/check", CheckService).WithName(nameof(CheckService))
            .WithSummary("Evidence from the ledger's rollups and the eligibility verdict per criterion for one of a unit's services, before nominating it.");
        campaign.MapGet("/nominations", ListNominations).WithName(nameof(ListNominations)).WithSummary("A campaign's nominations with their frozen evidence (focal points: own unit).");
        campaign.MapGet("/nominations/export", ExportNominations).WithName(nameof(ExportNominations)).WithSummary("Nominations as CSV or Excel (format=csv|xlsx).");
        campaign.MapPost("/nominations", NominateService).RequireAuthorization(AccountsModule.EditPolicy).WithName(nameof(NominateService))
            .WithSummary("Nominate one of the unit's online services: quota, deadline and eligibility are enforced; the evidence is frozen. With \"draft\": true it is saved unsubmitted.");
        campaign.MapPost("/nominations/import", ImportNominations).RequireAuthorization(AccountsModule.EditPolicy).DisableAntiforgery().WithName(nameof(ImportNominations))
            .WithSummary("Nominate from an .xlsx or .csv file (form field 'file'; columns unit, procedure, category, narrative, contact_name, contact_email, contact_phone): all rows or none.");

        campaign.MapPut("/units/{unit}/no-nominations", DeclareNoNominations).RequireAuthorization(AccountsModule.EditPolicy).WithName(nameof(DeclareNoNominations))
            .WithSummary("The unit's focal point declares it nominates no service (answers letter 3179's deliverable); until the unit's deadline.");
        campaign.MapDelete("/units/{unit}/no-nominations", TakeBackNoNominations).RequireAuthorization(AccountsModule.EditPolicy).WithName(nameof(TakeBackNoNominations))
            .WithSummary("Take the declaration of no nominations back, until the unit's deadline.");

        var nomination = app.MapGroup("/api/v1/awards/nominations/{id:int}").WithTags("Awards").RequireAuthorization();
        nomination.MapGet("/", GetNomination).WithName(nameof(GetNomination)).WithSummary("One nomination with its frozen evidence and verdict.");
        nomination.MapPut("/", EditNominationDraft).RequireAuthorization(AccountsModule.EditPolicy).WithName(nameof(EditNominationDraft))
            .WithSummary("Change a draft's narrative and contact (the unit's focal point or an admin, before the deadline).");
        nomination.MapPost("/submit", SubmitNominationDraft).RequireAuthorization(AccountsModule.EditPolicy).WithName(nameof(SubmitNominationDraft))
            .WithSummary("Submit a draft nomination: quota, deadline and eligibility are enforced; the evidence is frozen.");
        nomination.MapPost("/withdraw", WithdrawNomination).RequireAuthorization(AccountsModule.EditPolicy).WithName(nameof(WithdrawNomination))
            .WithSummary("Withdraw a nomination before the deadline (the unit's focal point or an admin).");
    }

    public static async Task<Results<Ok<NominationCheck>, ProblemHttpResult>> CheckService(int id, string unit, string procedure, ClaimsPrincipal user, NominationWorkflow store, CancellationToken ct)
    {
        var (check, error) = await store.CheckAsync(user, id, unit, procedure, ct);
        return error is not null ? error.ToProblem() : TypedResults.Ok(check!);
    }

    public static async Task<Results<Ok<List<NominationView>>, ProblemHttpResult>> ListNominations(int id, string? unit, ClaimsPrincipal user, NominationWorkflow store, CancellationToken ct)
    {
        if (unit is not null && !UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        return TypedResults.Ok(await store.ViewsAsync(store.Visible(user, id, unit), ct));
    }

    public static async Task<IResult> ExportNominations(int id, string? unit, string? format, ClaimsPrincipal user, NominationWorkflow store, CancellationToken ct)
    {
        if (unit is not null && !UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        format ??= "csv";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        var rows = await store.ViewsAsync(store.Visible(user, id, unit), ct);
        return await TableExport.ToFileAsync(rows.ToAsyncEnumerable(), AwardsExports.Nominations, format, $"nominations-{id}", ct);
    }

    public static async Task<Results<Created<NominationView>, ProblemHttpResult>> NominateService(int id, NominationInput input, ClaimsPrincipal user, NominationWorkflow store, CancellationToken ct)
    {
        var (nominated, refusal) = await store.NominateServiceAsync(user, id, input, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        return TypedResults.Created($"/api/v1/awards/nominations/{nominated!.Nomination.Id}", NominationWorkflow.View(nominated.Nomination, nominated.Check.Evidence.ProcedureName));
    }

    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportNominations(int id, IFormFile? file, bool? dryRun, ClaimsPrincipal user, NominationImport import, CancellationToken ct)
    {
        if (file is null)
        {
            return RegistryProblems.NoFile();
        }

        await using var stream = file.OpenReadStream();
        var report = await import.ImportAsync(user, id, stream, file.FileName, dryRun ?? false, ct);
        return report.Succeeded ? TypedResults.Ok(report) : RegistryProblems.ImportFailed(report);
    }

    public static async Task<Results<Ok<NominationView>, ProblemHttpResult>> GetNomination(int id, ClaimsPrincipal user, NominationWorkflow store, OpenDvcDbContext db, CancellationToken ct)
    {
        var nomination = await db.Set<Nomination>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (nomination is null)
        {
            return Refusal.Of(AwardCodes.NominationNotFound, id).ToProblem();
        }

        if (!UnitAccess.CanRead(user, nomination.UnitCode))
        {
            return Problems.Forbidden();
        }

        return TypedResults.Ok((await store.ViewsAsync(db.Set<Nomination>().Where(n => n.Id == id), ct)).Single());
    }

    public static async Task<Results<Ok<NominationView>, ProblemHttpResult>> EditNominationDraft(int id, NominationDraftInput input, ClaimsPrincipal user, NominationWorkflow store, OpenDvcDbContext db, CancellationToken ct)
    {
        var (_, error) = await store.EditDraftAsync(user, id, input, ct);
        return error is not null ? error.ToProblem() : TypedResults.Ok((await store.ViewsAsync(db.Set<Nomination>().Where(n => n.Id == id), ct)).Single());
    }

    public static async Task<Results<Ok<NominationView>, ProblemHttpResult>> SubmitNominationDraft(int id, ClaimsPrincipal user, NominationWorkflow store, CancellationToken ct)
    {
        var (nominated, refusal) = await store.SubmitDraftAsync(user, id, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(NominationWorkflow.View(nominated!.Nomination, nominated.Check.Evidence.ProcedureName));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeclareNoNominations(int id, string unit, ClaimsPrincipal user, NominationWorkflow store, CancellationToken ct) =>
        await store.DeclareNoNominationsAsync(user, id, unit, none: true, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();

    public static async Task<Results<NoContent, ProblemHttpResult>> TakeBackNoNominations(int id, string unit, ClaimsPrincipal user, NominationWorkflow store, CancellationToken ct) =>
        await store.DeclareNoNominationsAsync(user, id, unit, none: false, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();

    public static async Task<Results<NoContent, ProblemHttpResult>> WithdrawNomination(int id, ClaimsPrincipal user, NominationWorkflow store, CancellationToken ct) =>
        await store.WithdrawAsync(user, id, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();
}
