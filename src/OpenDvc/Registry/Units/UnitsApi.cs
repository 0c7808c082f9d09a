using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Registry.Units;

/// <summary>Public view of a unit; the focal point's contact details only for those who may read the unit.</summary>
public sealed record UnitView(
    string Code, UnitKind Kind, string Name, string ShortName, string? Region, DateOnly ValidFrom, DateOnly? ValidTo,
    string? SuccessorCode, string? FocalPointAgency, string? ContactName, string? ContactEmail, string? ContactPhone)
{
    public static UnitView From(Unit u, bool withContact) => new(
        u.Code, u.Kind, u.Name, u.ShortName, u.Region, u.ValidFrom, u.ValidTo, u.SuccessorCode, u.FocalPointAgency,
        withContact ? u.ContactName : null, withContact ? u.ContactEmail : null, withContact ? u.ContactPhone : null);
}

public static class UnitsApi
{
    public static void MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/units").WithTags("Units");
        group.MapGet("/", ListUnits).WithName(nameof(ListUnits)).WithSummary("List units (ministries and provinces; filters kind, region), by code.");
        group.MapGet("/export", ExportUnits).WithName(nameof(ExportUnits)).WithSummary("Units (same filters) as an Excel, CSV or PDF file.");
        group.MapGet("/{code}", GetUnit).WithName(nameof(GetUnit)).WithSummary("One unit.");
        group.MapPut("/{code}/contact", PutUnitContact).RequireAuthorization(AccountsModule.EditPolicy).WithName(nameof(PutUnitContact))
            .WithSummary("Replace a unit's focal point and contact person (admin or the unit's focal point).");
    }

    public static async Task<Ok<Page<UnitView>>> ListUnits(OpenDvcDbContext db, HttpContext http, [AsParameters] UnitFilter filter, string? after, int? limit, CancellationToken ct)
    {
        var take = Keyset.Limit(limit);
        var afterCode = Keyset.Decode(after, 1)?[0];
        var query = filter.Apply(db.Set<Unit>().AsNoTracking());
        if (afterCode is not null)
        {
            query = query.Where(u => string.Compare(u.Code, afterCode) > 0);
        }

        var rows = await query.OrderBy(u => u.Code).Take(take + 1).ToListAsync(ct);
        var views = rows.Select(u => UnitView.From(u, UnitAccess.CanRead(http.User, u.Code))).ToList();
        return TypedResults.Ok(Keyset.ToPage(views, take, u => [u.Code]));
    }

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportUnits(OpenDvcDbContext db, ClaimsPrincipal user, [AsParameters] UnitFilter filter, string? format, CancellationToken ct) =>
        RegistryTables.DownloadAsync(format, async f => await RegistryTables.ToFileAsync(await UnitQueries.ListAsync(db, filter, user, ct), f, ct));

    public static async Task<Results<Ok<UnitView>, ProblemHttpResult>> GetUnit(string code, OpenDvcDbContext db, HttpContext http, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, ct);
        return unit is null ? UnknownUnit(code) : TypedResults.Ok(UnitView.From(unit, UnitAccess.CanRead(http.User, code)));
    }

    public static async Task<Results<Ok<UnitView>, ProblemHttpResult>> PutUnitContact(string code, UnitContactInput input, ClaimsPrincipal user, OpenDvcDbContext db, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(user, code))
        {
            return Problems.Forbidden();
        }

        if (!await UnitQueries.SaveContactAsync(db, code, input, ct))
        {
            return UnknownUnit(code);
        }

        var unit = await db.Set<Unit>().AsNoTracking().SingleAsync(u => u.Code == code, ct);
        return TypedResults.Ok(UnitView.From(unit, withContact: true));
    }

    private static ProblemHttpResult UnknownUnit(string code) =>
        Problems.NotFound("OD-UNIT-UNKNOWN", $"Không có đơn vị mã '{code}'.", $"No unit with code '{code}'.");
}
