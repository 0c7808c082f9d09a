using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;

namespace OpenDvc.Registry.Services;

public static class ServicesApi
{
    public static void MapServicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services").WithTags("Online services");
        group.MapGet("/", ListServices).WithName(nameof(ListServices)).WithSummary("List online services (unit × procedure), by unit then procedure.");
    }

    public static async Task<Ok<Page<OnlineService>>> ListServices(OpenDvcDbContext db, string? unit, ServiceLevel? level, string? after, int? limit, CancellationToken ct)
    {
        var take = Keyset.Limit(limit);
        var cursor = Keyset.Decode(after, 2);
        var query = db.Set<OnlineService>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(unit))
        {
            query = query.Where(s => s.UnitCode == unit);
        }

        if (level is not null)
        {
            query = query.Where(s => s.Level == level);
        }

        if (cursor is [var afterUnit, var afterProcedure])
        {
            query = query.Where(s => string.Compare(s.UnitCode, afterUnit) > 0
                || (s.UnitCode == afterUnit && string.Compare(s.ProcedureCode, afterProcedure) > 0));
        }

        var rows = await query.OrderBy(s => s.UnitCode).ThenBy(s => s.ProcedureCode).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Keyset.ToPage(rows, take, s => [s.UnitCode, s.ProcedureCode]));
    }
}
