using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Registry.Services;

public static class ServicesApi
{
    public static void MapServicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services").WithTags("Online services");
        group.MapGet("/", ListServices).WithName(nameof(ListServices)).WithSummary("List online services (unit × procedure; filters unit, procedure, level), by unit then procedure.");
        group.MapGet("/export", ExportServices).WithName(nameof(ExportServices)).WithSummary("Online services (same filters) as an Excel or CSV file in the import layout.");

        // Writes: an admin, or the unit's own focal point (UnitAccess.CanEdit), never another unit's.
        var write = group.MapGroup("").RequireAuthorization(AccountsModule.EditPolicy);
        write.MapPut("/{unit}/{procedure}", PutService).WithName(nameof(PutService)).WithSummary("Create or change a unit's online service (admin or the unit's focal point).");
        write.MapDelete("/{unit}/{procedure}", DeleteService).WithName(nameof(DeleteService)).WithSummary("Remove a unit's online service (admin or the unit's focal point).");
        write.MapPost("/import", ImportServices).WithName(nameof(ImportServices)).DisableAntiforgery()
            .WithSummary("Import online services from an .xlsx or .csv file (form field 'file'); a focal point only for its own unit.");
    }

    public static async Task<Ok<Page<OnlineService>>> ListServices(OpenDvcDbContext db, [AsParameters] ServiceFilter filter, string? after, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await ServiceCatalog.PageAsync(db, filter, after, limit, ct));

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportServices(OpenDvcDbContext db, [AsParameters] ServiceFilter filter, string? format, CancellationToken ct) =>
        RegistryTables.DownloadAsync(format, f => RegistryTables.ToFileAsync(filter.Apply(db.Set<OnlineService>()), f, ct));

    public static async Task<Results<Ok<OnlineService>, ProblemHttpResult>> PutService(string unit, string procedure, ServiceInput input, ClaimsPrincipal user, OpenDvcDbContext db, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(user, unit))
        {
            return Problems.Forbidden();
        }

        var violations = await ServiceCatalog.SaveAsync(db, unit, procedure, input, ct);
        if (violations.Count > 0)
        {
            return RegistryProblems.Invalid(violations);
        }

        return TypedResults.Ok(await db.Set<OnlineService>().AsNoTracking().SingleAsync(s => s.UnitCode == unit && s.ProcedureCode == procedure, ct));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteService(string unit, string procedure, ClaimsPrincipal user, OpenDvcDbContext db, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(user, unit))
        {
            return Problems.Forbidden();
        }

        return await ServiceCatalog.DeleteAsync(db, unit, procedure, ct) == DeleteOutcome.NotFound
            ? Refusal.Of(RegistryCodes.ServiceUnknown, unit, procedure).ToProblem()
            : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportServices(IFormFile? file, [FromQuery] bool? dryRun, ClaimsPrincipal user, RegistryImport import, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.FocalPoint))
        {
            return Problems.Forbidden();
        }

        if (file is null)
        {
            return RegistryProblems.NoFile();
        }

        await using var stream = file.OpenReadStream();
        var report = await import.ImportServicesAsync(stream, file.FileName, dryRun ?? false, unit => UnitAccess.CanEdit(user, unit), ct);
        return report.Succeeded ? TypedResults.Ok(report) : RegistryProblems.ImportFailed(report);
    }
}
