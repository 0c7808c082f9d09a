using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Registry.Procedures;

public static class ProceduresApi
{
    public static void MapProceduresApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/procedures").WithTags("Procedures");
        group.MapGet("/", ListProcedures).WithName(nameof(ListProcedures))
            .WithSummary("Search the national catalog (q: code prefix or words of the name; field, audience, tier, eligible), by code.");
        group.MapGet("/export", ExportProcedures).WithName(nameof(ExportProcedures))
            .WithSummary("The catalog (same filters) as an Excel or CSV file in the import layout.");
        group.MapGet("/{code}", GetProcedure).WithName(nameof(GetProcedure)).WithSummary("One procedure.");

        var admin = group.MapGroup("").RequireAuthorization(AccountsModule.AdminPolicy);
        admin.MapPut("/{code}", PutProcedure).WithName(nameof(PutProcedure)).WithSummary("Create or replace a procedure (admin).");
        admin.MapDelete("/{code}", DeleteProcedure).WithName(nameof(DeleteProcedure)).WithSummary("Delete a procedure no unit offers (admin).");

        // A multipart upload; the session cookie is SameSite=Lax, so a cross-site form cannot carry it.
        admin.MapPost("/import", ImportProcedures).WithName(nameof(ImportProcedures)).DisableAntiforgery()
            .WithSummary("Import procedures from an .xlsx or .csv file (form field 'file'): every row, or nothing and the list of wrong cells.");
    }

    public static async Task<Ok<Page<Procedure>>> ListProcedures(OpenDvcDbContext db, [AsParameters] ProcedureFilter filter, string? after, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await ProcedureCatalog.PageAsync(db, filter, after, limit, ct));

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportProcedures(OpenDvcDbContext db, [AsParameters] ProcedureFilter filter, string? format, CancellationToken ct) =>
        RegistryTables.DownloadAsync(format, f => RegistryTables.ToFileAsync(filter.Apply(db.Set<Procedure>()), f, ct));

    public static async Task<Results<Ok<Procedure>, ProblemHttpResult>> GetProcedure(string code, OpenDvcDbContext db, CancellationToken ct)
    {
        var procedure = await db.Set<Procedure>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct);
        return procedure is null ? UnknownProcedure(code) : TypedResults.Ok(procedure);
    }

    public static async Task<Results<Ok<Procedure>, ProblemHttpResult>> PutProcedure(string code, ProcedureInput input, OpenDvcDbContext db, CancellationToken ct)
    {
        var violations = await ProcedureCatalog.SaveAsync(db, code, input, ct);
        if (violations.Count > 0)
        {
            return RegistryProblems.Invalid(violations);
        }

        return TypedResults.Ok(await db.Set<Procedure>().AsNoTracking().SingleAsync(p => p.Code == code, ct));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteProcedure(string code, OpenDvcDbContext db, CancellationToken ct) =>
        await ProcedureCatalog.DeleteAsync(db, code, ct) switch
        {
            DeleteOutcome.NotFound => UnknownProcedure(code),
            DeleteOutcome.InUse => Refusal.Of(RegistryCodes.ProcedureInUse, code).ToProblem(),
            _ => TypedResults.NoContent(),
        };

    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportProcedures(IFormFile? file, [FromQuery] bool? dryRun, RegistryImport import, CancellationToken ct)
    {
        if (file is null)
        {
            return RegistryProblems.NoFile();
        }

        await using var stream = file.OpenReadStream();
        var report = await import.ImportProceduresAsync(stream, file.FileName, dryRun ?? false, ct);
        return report.Succeeded ? TypedResults.Ok(report) : RegistryProblems.ImportFailed(report);
    }

    private static ProblemHttpResult UnknownProcedure(string code) =>
        Refusal.Of(RegistryCodes.ProcedureUnknown, code).ToProblem();
}
