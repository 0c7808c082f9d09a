using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Accounts;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Time;
using OpenDvc.Registry;

namespace OpenDvc.Directives.Compliance;

/// <summary>The "not yet submitted" list of a deliverable on a day, with the paragraph as a letter prints it.</summary>
public sealed record NotSubmittedAnswer(NotSubmittedList List, string TextVi, string TextEn);

/// <summary>Compliance views for the agency's staff: the matrix and the "not yet submitted" list, with their exports.</summary>
public static class ComplianceApi
{
    public static void MapComplianceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Compliance").RequireAuthorization(AccountsModule.StaffPolicy);
        group.MapGet("/compliance", GetComplianceMatrix).WithName(nameof(GetComplianceMatrix))
            .WithSummary("Units × deliverables on a day (date, default today): OnTime, Late, Missing, Returned, NotDue; filters directive, kind, units, status.");
        group.MapGet("/compliance/export", ExportComplianceMatrix).WithName(nameof(ExportComplianceMatrix))
            .WithSummary("The matrix (same filters) as xlsx, csv or pdf, one line per unit and deliverable.");
        group.MapGet("/deliverables/{deliverable:int}/not-submitted", ListUnitsNotSubmitted).WithName(nameof(ListUnitsNotSubmitted))
            .WithSummary("Units that had not submitted by the end of a day (Vietnam time), ministries and provinces apart, and the text for the letter.");
        group.MapGet("/deliverables/{deliverable:int}/not-submitted/export", ExportUnitsNotSubmitted).WithName(nameof(ExportUnitsNotSubmitted))
            .WithSummary("The same list as xlsx, csv or pdf (grouped as the letters print it).");
    }

    public static bool TryDate(string? text, TimeProvider time, out DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            day = VietnamTime.DateOf(time.GetUtcNow());
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    public static async Task<Results<Ok<Matrix>, ProblemHttpResult>> GetComplianceMatrix(
        string? date, int? directive, Letters.DeliverableKind? kind, UnitGroup? units, ComplianceStatus? status, ComplianceMatrix matrix, TimeProvider time, CancellationToken ct)
    {
        if (!TryDate(date, time, out var day))
        {
            return DirectivesProblems.BadDate();
        }

        return TypedResults.Ok(await matrix.BuildAsync(new ComplianceFilter(day, directive, kind, units, status), day, ct));
    }

    public static async Task<IResult> ExportComplianceMatrix(
        string? date, int? directive, Letters.DeliverableKind? kind, UnitGroup? units, ComplianceStatus? status, string? format, ComplianceMatrix matrix, TimeProvider time, CancellationToken ct)
    {
        format ??= "xlsx";
        if (!TryDate(date, time, out var day))
        {
            return DirectivesProblems.BadDate();
        }

        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        var built = await matrix.BuildAsync(new ComplianceFilter(day, directive, kind, units, status), day, ct);
        return await TableExport.ToFileAsync(ComplianceMatrix.Lines(built).ToAsyncEnumerable(), ComplianceMatrix.LineColumns, format, $"compliance-{day:yyyy-MM-dd}", ct);
    }

    public static async Task<Results<Ok<NotSubmittedAnswer>, ProblemHttpResult>> ListUnitsNotSubmitted(int deliverable, string? date, ComplianceQuery query, TimeProvider time, CancellationToken ct)
    {
        if (!TryDate(date, time, out var day))
        {
            return DirectivesProblems.BadDate();
        }

        return await query.ListUnitsNotSubmittedAsync(deliverable, day, ct) is { } list
            ? TypedResults.Ok(new NotSubmittedAnswer(list, list.ToLetterText(vietnamese: true), list.ToLetterText(vietnamese: false)))
            : DirectivesProblems.UnknownDeliverable(deliverable);
    }

    public static async Task<IResult> ExportUnitsNotSubmitted(int deliverable, string? date, string? format, ComplianceQuery query, TimeProvider time, CancellationToken ct)
    {
        format ??= "xlsx";
        if (!TryDate(date, time, out var day))
        {
            return DirectivesProblems.BadDate();
        }

        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        if (await query.ListUnitsNotSubmittedAsync(deliverable, day, ct) is not { } list)
        {
            return DirectivesProblems.UnknownDeliverable(deliverable);
        }

        var stem = $"not-submitted-{deliverable}-{day:yyyy-MM-dd}";
        if (format == "pdf")
        {
            // The PDF prints as the letter's annex, groups numbered 1..n, rather than as a flat table.
            using var output = new MemoryStream();
            NotSubmittedAnnex.Write(list, output);
            return TypedResults.File(output.ToArray(), TableExport.ContentType(format), $"{stem}.pdf");
        }

        return await TableExport.ToFileAsync(list.All.ToAsyncEnumerable(), ComplianceMatrix.NotSubmittedColumns, format, stem, ct);
    }
}
