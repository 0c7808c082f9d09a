using System.CommandLine;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Tables;

namespace OpenDvc.Indicators.Rankings;

/// <summary>
/// <c>opendvc report --period P [--unit U] --output FILE.xlsx|.csv</c>: the national rankings table of the dashboard,
/// or a unit's indicators with their working, target and score, written from the command line.
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
        var output = new Option<FileInfo>("--output") { Description = "The file to write (.csv or .xlsx).", Required = true };
        var command = new Command("report", "Write the national rankings, or one unit's indicators, to an Excel or CSV file.") { period, unit, output };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            var file = parse.GetValue(output)!;
            TableExport.FormatOf(file);

            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<Platform.Database.OpenDvcDbContext>();
            var (query, problem) = await new IndicatorRequest(parse.GetValue(period), parse.GetValue(unit), null, null)
                .ResolveAsync(db, services.GetRequiredService<TimeProvider>(), ct);
            if (query is null)
            {
                var extensions = problem!.ProblemDetails.Extensions;
                throw new CliException((string)extensions["code"]!, (string)extensions["message_vi"]!, (string)extensions["message_en"]!);
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
                Console.WriteLine($"unit {query.UnitCode} {query.Period}: {indicators.Values.Count} indicators, index {indicators.Index.Points:F2} of {indicators.Index.CoveredPoints:F0} points, written to {file.FullName}");
            }
        }));
        return command;
    }
}
