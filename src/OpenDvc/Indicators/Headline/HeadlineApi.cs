using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenDvc.Accounts;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using OpenDvc.Registry;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Indicators.Headline;

/// <summary>
/// <c>/api/v1/indicators/headline</c>: the programme at a glance; <c>/api/v1/indicators/declared</c>: the declared
/// portal statistics behind its declared figures, read by anyone, written a month at a time by admins.
/// </summary>
public static class HeadlineApi
{
    public static void MapHeadlineApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/indicators").WithTags("Indicators").CacheOutput(PublicPageCache.Policy);
        read.MapGet("/headline", GetHeadline).WithName(nameof(GetHeadline))
            .WithSummary("The programme at a glance for a period: services, offerings, dossiers, online payments, full-process rate, declared portal figures, and the data's date.");
        read.MapGet("/declared", ListDeclaredStatistics).WithName(nameof(ListDeclaredStatistics))
            .WithSummary("The declared portal statistics (accounts, utility uses, call-centre calls, VNeID sign-ins) month by month, with source and date.");

        var write = app.MapGroup("/api/v1/indicators/declared").WithTags("Indicators").RequireAuthorization(AccountsModule.AdminPolicy);
        write.MapPut("/{month}", PutDeclaredMonth).WithName(nameof(PutDeclaredMonth))
            .WithSummary("Replace one month (YYYY-MM) of declared statistics: every row, or nothing and the wrong cells.");
        write.MapPost("/import", ImportDeclaredStatistics).WithName(nameof(ImportDeclaredStatistics)).DisableAntiforgery()
            .WithSummary("Import declared statistics from .xlsx or .csv (columns month, metric, value, source, source_date): each month in the file replaced, or nothing.");
    }

    public static async Task<Results<Ok<HeadlineFigures>, ProblemHttpResult>> GetHeadline(string? period, OpenDvcDbContext db, HeadlineQuery headline, TimeProvider time, CancellationToken ct)
    {
        var (query, problem) = await new IndicatorRequest(period, null, null, null).ResolveAsync(db, time, ct);
        return problem ?? (Results<Ok<HeadlineFigures>, ProblemHttpResult>)TypedResults.Ok(await headline.LoadAsync(query!.Period, ct));
    }

    public static async Task<Results<Ok<List<DeclaredStatistic>>, FileStreamHttpResult, ProblemHttpResult>> ListDeclaredStatistics(
        string? period, string? format, OpenDvcDbContext db, DeclaredStatistics declared, TimeProvider time, CancellationToken ct)
    {
        var (query, problem) = await new IndicatorRequest(period, null, null, null).ResolveAsync(db, time, ct);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await declared.SeriesAsync(query!.Period, ct);
        if (format is null)
        {
            return TypedResults.Ok(rows);
        }

        if (!Platform.Tables.TableExport.IsSupported(format))
        {
            return Platform.Tables.TableExport.UnsupportedFormat();
        }

        return (FileStreamHttpResult)await Platform.Tables.TableExport.ToFileAsync(
            rows.ToAsyncEnumerable(), DeclaredStatistics.ExportColumns, format, "declared-statistics", ct, $"Số liệu kê khai / Declared portal statistics {query.Period}");
    }

    public static async Task<Results<Ok<List<DeclaredStatistic>>, ProblemHttpResult>> PutDeclaredMonth(string month, DeclaredInput[] rows, DeclaredStatistics declared, CancellationToken ct)
    {
        if (!Period.TryParse(month, out var period) || period.Months != 1)
        {
            return IndicatorProblems.BadPeriod(month);
        }

        var errors = await declared.ReplaceMonthAsync(period.FromMonth, rows, ct);
        return errors.Count > 0
            ? RegistryProblems.ImportFailed(ImportReport.Failed(DeclaredStatistics.Table, rows.Length, errors))
            : TypedResults.Ok(await declared.SeriesAsync(period, ct));
    }

    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportDeclaredStatistics(IFormFile? file, [FromQuery] bool? dryRun, DeclaredStatistics declared, CancellationToken ct)
    {
        if (file is null)
        {
            return RegistryProblems.NoFile();
        }

        await using var stream = file.OpenReadStream();
        var report = await declared.ImportAsync(stream, file.FileName, dryRun ?? false, ct);
        return report.Succeeded ? TypedResults.Ok(report) : RegistryProblems.ImportFailed(report);
    }
}
