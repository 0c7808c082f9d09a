using System.CommandLine;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Tables;

namespace OpenDvc.Indicators.Rankings;

/// <summary>
/// <c>opendvc report --period P [--unit U [--lineage successor]] --output FILE.xlsx|.csv</c>: the national rankings table of the dashboard,
/// or a unit's indicators with their working, target and score, written from the command line;
/// <c>opendvc report --month M [--unit U [--lineage successor]] --output FILE.pdf</c>: the monthly report pack, the same file
/// /indicators/report.pdf and /indicators/units/{code}/report.pdf serve.
/// </summary>
internal static class ReportCommand
{
    /// <summary>A unit's indicator table: one row per indicator.</summary>
    public static readonly IReadOnlyList<ExportColumn<IndicatorValue>> IndicatorColumns =
    [
        new("code", v => v.Code),
        new("version", v => v.Version),
        new("name_vi", v => v.NameVi),
        new("name_en", v => v.NameEn),
        new("value", v => v.Value is { } x ? Math.Round(x, 6) : null),
        new("numerator", v => v.Numerator),
        new("denominator", v => v.Denominator),
        new("no_data", v => v.Missing),
        new("target", v => v.Target),
        new("score", v => v.Score is { } s ? Math.Round(s, 4) : null),
        new("max_score", v => v.MaxScore),
    ];

    public static Command Create(CliApp cli)
    {
        var period = new Option<string?>("--period") { Description = "2023, 2023-Q2, 2023-05 or 2023-01..2023-06 (default: the latest year with dossiers)." };
        var unit = new Option<string?>("--unit") { Description = "A unit's indicators instead of the national rankings." };
        var month = new Option<string?>("--month") { Description = "For a .pdf: the month of the report pack, e.g. 2023-06." };
        var lineage = new Option<string?>("--lineage") { Description = "With --unit: 'successor' to include the dossiers of the units merged into the unit." };
        lineage.AcceptOnlyFromAmong("successor");
        var language = new Option<string>("--lang") { Description = "For a .pdf: the pack's language, vi or en.", DefaultValueFactory = _ => "vi" };
        language.AcceptOnlyFromAmong("vi", "en");
        var output = new Option<FileInfo>("--output") { Description = "The file to write: .csv or .xlsx for the tables; .pdf for the monthly report pack (needs --month).", Required = true };
        var command = new Command("report", "Write the national rankings, or one unit's indicators, to an Excel or CSV file; or the monthly report pack (national, or one unit's with --unit) to a PDF.") { period, month, unit, lineage, language, output };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            var file = parse.GetValue(output)!;
            var format = TableExport.FormatOf(file);

            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<Platform.Database.OpenDvcDbContext>();
            if (format == "pdf")
            {
                await WritePackAsync(services, new ReportPack.ReportPackRequest(parse.GetValue(month), parse.GetValue(unit), parse.GetValue(lineage)), parse.GetValue(language)!, file, ct);
                return;
            }

            var (query, problem) = await new IndicatorRequest(parse.GetValue(period), parse.GetValue(unit), null, null, parse.GetValue(lineage))
                .ResolveAsync(db, services.GetRequiredService<TimeProvider>(), ct);
            if (query is null)
            {
                throw Refused(problem!);
            }

            if (query.UnitCode is null)
            {
                var ranked = await services.GetRequiredService<RankingQuery>().RankAsync(query.Period, query.Audience, ct);
                var rows = ranked.Select(RankingRow.From).ToList();
                await TableExport.WriteFileAsync(rows.ToAsyncEnumerable(), RankingTable.Columns(rows), file, ct);
                Console.WriteLine($"rankings {query.Period}: {ranked.Count} units written to {file.FullName}");
            }
            else
            {
                var indicators = await services.GetRequiredService<IndicatorCalculator>().ComputeAsync(query, ct);
                await TableExport.WriteFileAsync(indicators.Values.ToAsyncEnumerable(), IndicatorColumns, file, ct);
                Console.WriteLine($"unit {query.UnitCode}{Folded(query.Lineage)} {query.Period}: {indicators.Values.Count} indicators, index {indicators.Index.Points:F2} of {indicators.Index.CoveredPoints:F0} points, written to {file.FullName}");
            }
        }));
        return command;
    }

    private static async Task WritePackAsync(IServiceProvider services, ReportPack.ReportPackRequest request, string language, FileInfo file, CancellationToken ct)
    {
        var db = services.GetRequiredService<Platform.Database.OpenDvcDbContext>();
        var (query, found, problem) = await request.ResolveAsync(db, services.GetRequiredService<TimeProvider>(), ct);
        if (query is null)
        {
            throw Refused(problem!);
        }

        var packs = services.GetRequiredService<ReportPack.ReportPackComposer>();
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        var pdf = found is null ? await packs.NationalPackAsync(query.Period, culture, ct) : await packs.UnitPackAsync(found, query.Period, culture, ct, query.Lineage);
        await File.WriteAllBytesAsync(file.FullName, pdf, ct);
        Console.WriteLine($"report pack {found?.Code ?? "national"}{Folded(query.Lineage)} {query.Period}: {pdf.Length:N0} bytes written to {file.FullName}");
    }

    private static string Folded(UnitLineage lineage) => lineage == UnitLineage.Successor ? " with the units merged into it" : "";

    private static CliException Refused(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem)
    {
        var extensions = problem.ProblemDetails.Extensions;
        return new CliException((string)extensions["code"]!, (string)extensions["message_vi"]!, (string)extensions["message_en"]!);
    }
}
