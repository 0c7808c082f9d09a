using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Accounts;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry;

namespace OpenDvc.Surveys.Results;

/// <summary>A line of the results' export: a question and one option (or a scale's level), or its mean.</summary>
public sealed record ResultLine(string Question, string Text, string? Group, string? Option, int Count, double? SharePercent, double? PreviousSharePercent, decimal? Mean, decimal? PreviousMean);

/// <summary>Results, free texts and the non-responders list, for the agency's staff, with their exports.</summary>
public static class ResultsApi
{
    public static void MapResultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/surveys/{id:int}").WithTags("Surveys").RequireAuthorization(AccountsModule.StaffPolicy);
        group.MapGet("/results", GetSurveyResults).WithName(nameof(GetSurveyResults))
            .WithSummary("Counts per question and option, skipped, means; cross-tabs by unit kind and region; the previous quarter's shares and means.");
        group.MapGet("/results/export", ExportSurveyResults).WithName(nameof(ExportSurveyResults))
            .WithSummary("The results as xlsx, csv or pdf: table=summary (default), kind or region (the cross-tabs).");
        group.MapGet("/texts", ListTextAnswers).WithName(nameof(ListTextAnswers)).WithSummary("Free-text answers: question= one question, q= words they contain.");
        group.MapGet("/texts/export", ExportTextAnswers).WithName(nameof(ExportTextAnswers)).WithSummary("The free-text answers (same filters) as xlsx, csv or pdf.");
        group.MapGet("/not-answered", ListUnitsNotAnswered).WithName(nameof(ListUnitsNotAnswered))
            .WithSummary("Units sent the survey that have not sent their answers, ministries and provinces apart.");
        group.MapGet("/not-answered/export", ExportUnitsNotAnswered).WithName(nameof(ExportUnitsNotAnswered)).WithSummary("The same list as xlsx, csv or pdf.");
    }

    public static async Task<Results<Ok<SurveyResultsView>, ProblemHttpResult>> GetSurveyResults(int id, SurveyResults results, CancellationToken ct) =>
        await results.ComputeAsync(id, ct) is { } view ? TypedResults.Ok(view) : SurveyRefusals.Unknown.ToProblem();

    public static async Task<IResult> ExportSurveyResults(int id, string? format, string? table, SurveyResults results, CancellationToken ct)
    {
        format ??= "xlsx";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        if (await results.ComputeAsync(id, ct) is not { } view)
        {
            return SurveyRefusals.Unknown.ToProblem();
        }

        var vi = RegistryPages.IsVietnamese;
        var lines = table switch
        {
            "kind" => CrossTabLines(view, q => q.ByKind, vi),
            "region" => CrossTabLines(view, q => q.ByRegion, vi),
            _ => SummaryLines(view, vi),
        };
        return await TableExport.ToFileAsync(lines.ToAsyncEnumerable(), Columns(vi), format, $"survey-{id}-{view.Quarter}-{table ?? "summary"}", ct, vi ? view.TitleVi : view.TitleEn);
    }

    public static async Task<Results<Ok<IReadOnlyList<TextAnswer>>, ProblemHttpResult>> ListTextAnswers(int id, string? question, string? q, SurveyResults results, CancellationToken ct) =>
        await results.TextsAsync(id, question, q, ct) is { } texts ? TypedResults.Ok(texts) : SurveyRefusals.Unknown.ToProblem();

    public static async Task<IResult> ExportTextAnswers(int id, string? question, string? q, string? format, SurveyResults results, CancellationToken ct)
    {
        format ??= "xlsx";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        if (await results.TextsAsync(id, question, q, ct) is not { } texts)
        {
            return SurveyRefusals.Unknown.ToProblem();
        }

        var vi = RegistryPages.IsVietnamese;
        ExportColumn<TextAnswer>[] columns =
        [
            new(vi ? "Câu hỏi" : "Question", t => t.Question), new(vi ? "Mã đơn vị" : "Unit code", t => t.UnitCode),
            new(vi ? "Đơn vị" : "Unit", t => t.UnitName), new(vi ? "Câu trả lời" : "Answer", t => t.Text),
        ];
        return await TableExport.ToFileAsync(texts.ToAsyncEnumerable(), columns, format, $"survey-{id}-texts", ct);
    }

    public static async Task<Results<Ok<NonResponderList>, ProblemHttpResult>> ListUnitsNotAnswered(int id, NonResponders query, CancellationToken ct) =>
        await query.ListAsync(id, ct) is { } list ? TypedResults.Ok(list) : SurveyRefusals.Unknown.ToProblem();

    public static async Task<IResult> ExportUnitsNotAnswered(int id, string? format, NonResponders query, CancellationToken ct)
    {
        format ??= "xlsx";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        return await query.ListAsync(id, ct) is { } list
            ? await TableExport.ToFileAsync(list.All.ToAsyncEnumerable(), NonResponderList.Columns(RegistryPages.IsVietnamese), format, $"survey-{id}-not-answered", ct)
            : SurveyRefusals.Unknown.ToProblem();
    }

    public static IEnumerable<ResultLine> SummaryLines(SurveyResultsView view, bool vietnamese)
    {
        ArgumentNullException.ThrowIfNull(view);
        foreach (var q in view.Questions)
        {
            var text = vietnamese ? q.TextVi : q.TextEn;
            foreach (var o in q.Options)
            {
                yield return new ResultLine(q.Code, text, null, vietnamese ? o.TextVi : o.TextEn, o.Count, Percent(o.Share), o.PreviousShare is { } p ? Percent(p) : null, null, null);
            }

            yield return new ResultLine(q.Code, text, null, vietnamese ? "Số trả lời / bỏ qua " + q.Skipped.ToString(CultureInfo.InvariantCulture) : "Answered / skipped " + q.Skipped.ToString(CultureInfo.InvariantCulture),
                q.Answered, null, null, q.Mean, q.PreviousMean);
        }
    }

    private static IEnumerable<ResultLine> CrossTabLines(SurveyResultsView view, Func<QuestionResult, IReadOnlyList<GroupCounts>> rows, bool vietnamese) =>
        view.Questions.SelectMany(q => rows(q).SelectMany(g => q.Options.Select((o, i) => new ResultLine(
            q.Code, vietnamese ? q.TextVi : q.TextEn, GroupName(g.Group, vietnamese), vietnamese ? o.TextVi : o.TextEn, g.Counts[i],
            g.Answered == 0 ? 0 : Percent((double)g.Counts[i] / g.Answered), null, null, null))));

    public static string GroupName(string group, bool vietnamese) => group switch
    {
        SurveyResults.Ministries => vietnamese ? "Bộ, ngành" : "Ministries and agencies",
        SurveyResults.Provinces => vietnamese ? "Tỉnh, thành phố" : "Provinces and cities",
        SurveyResults.Central when !vietnamese => "Central (ministries)",
        _ => group,
    };

    private static double Percent(double share) => Math.Round(share * 100, 1);

    private static ExportColumn<ResultLine>[] Columns(bool vi) =>
    [
        new(vi ? "Mã câu hỏi" : "Question code", l => l.Question), new(vi ? "Câu hỏi" : "Question", l => l.Text), new(vi ? "Nhóm" : "Group", l => l.Group),
        new(vi ? "Phương án" : "Option", l => l.Option), new(vi ? "Số trả lời" : "Count", l => l.Count), new(vi ? "Tỷ lệ (%)" : "Share (%)", l => l.SharePercent),
        new(vi ? "Quý trước (%)" : "Previous quarter (%)", l => l.PreviousSharePercent), new(vi ? "Trung bình" : "Mean", l => l.Mean),
        new(vi ? "Trung bình quý trước" : "Previous mean", l => l.PreviousMean),
    ];
}
