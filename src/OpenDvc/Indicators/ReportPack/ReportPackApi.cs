using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Database;

namespace OpenDvc.Indicators.ReportPack;

/// <summary>
/// The monthly report packs as PDF: public, like the unit indicator page and the dashboard they mirror (aggregate
/// figures from rollups, no dossier, no person).
/// </summary>
public static class ReportPackApi
{
    public static void MapReportPackApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/indicators").WithTags("Indicators");
        group.MapGet("/units/{code}/report.pdf", GetUnitReportPack).WithName(nameof(GetUnitReportPack))
            .WithSummary("A unit's monthly report pack (PDF): its Decision 766 score and indicators against targets, the national median and its peers' percentile, year-to-date trend charts, top services, time and cost saved, declared-vs-observed findings. month=2023-06; lineage=successor to include the units merged into the unit.");
        group.MapGet("/report.pdf", GetNationalReportPack).WithName(nameof(GetNationalReportPack))
            .WithSummary("The national monthly report pack (PDF): the dashboard's figures, year-to-date trend charts, the provinces' and ministries' rankings with rank change. month=2023-06.");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetUnitReportPack(string code, string? month, string? lineage, OpenDvcDbContext db, ReportPackComposer packs, TimeProvider time, CancellationToken ct)
    {
        var (query, unit, problem) = await new ReportPackRequest(month, code, lineage).ResolveAsync(db, time, ct);
        if (query is null)
        {
            return problem!;
        }

        var pdf = await packs.UnitPackAsync(unit!, query.Period, CultureInfo.CurrentUICulture, ct, query.Lineage);
        return TypedResults.File(pdf, System.Net.Mime.MediaTypeNames.Application.Pdf, ReportPackComposer.FileName(unit!.Code, query.Period));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetNationalReportPack(string? month, OpenDvcDbContext db, ReportPackComposer packs, TimeProvider time, CancellationToken ct)
    {
        var (query, _, problem) = await new ReportPackRequest(month, null).ResolveAsync(db, time, ct);
        if (query is null)
        {
            return problem!;
        }

        var pdf = await packs.NationalPackAsync(query.Period, CultureInfo.CurrentUICulture, ct);
        return TypedResults.File(pdf, System.Net.Mime.MediaTypeNames.Application.Pdf, ReportPackComposer.FileName(null, query.Period));
    }
}
