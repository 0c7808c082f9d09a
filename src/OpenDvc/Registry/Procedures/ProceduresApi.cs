using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;

namespace OpenDvc.Registry.Procedures;

public static class ProceduresApi
{
    public static void MapProceduresApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/procedures").WithTags("Procedures");
        group.MapGet("/", ListProcedures).WithName(nameof(ListProcedures)).WithSummary("List procedures of the national catalog, by code.");
        group.MapGet("/{code}", GetProcedure).WithName(nameof(GetProcedure)).WithSummary("One procedure.");
    }

    public static async Task<Ok<Page<Procedure>>> ListProcedures(OpenDvcDbContext db, string? field, Audience? audience, string? after, int? limit, CancellationToken ct)
    {
        var take = Keyset.Limit(limit);
        var afterCode = Keyset.Decode(after, 1)?[0];
        var query = db.Set<Procedure>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(field))
        {
            query = query.Where(p => p.Field == field);
        }

        if (audience is not null)
        {
            query = query.Where(p => p.Audience == audience);
        }

        if (afterCode is not null)
        {
            query = query.Where(p => string.Compare(p.Code, afterCode) > 0);
        }

        var rows = await query.OrderBy(p => p.Code).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Keyset.ToPage(rows, take, p => [p.Code]));
    }

    public static async Task<Results<Ok<Procedure>, ProblemHttpResult>> GetProcedure(string code, OpenDvcDbContext db, CancellationToken ct)
    {
        var procedure = await db.Set<Procedure>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct);
        return procedure is null
            ? Problems.NotFound("OD-PROCEDURE-UNKNOWN", $"Không có thủ tục mã '{code}'.", $"No procedure with code '{code}'.")
            : TypedResults.Ok(procedure);
    }
}
