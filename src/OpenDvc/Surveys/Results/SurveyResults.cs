using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Units;
using OpenDvc.Surveys.Answers;

namespace OpenDvc.Surveys.Results;

/// <summary>How many answers chose an option (a scale's level), their share of those who answered the question, and last quarter's share.</summary>
public sealed record OptionCount(string Code, string TextVi, string TextEn, int Count, double Share, double? PreviousShare);

/// <summary>A row of a cross-tab: a group of answerers (unit kind or region) and its counts, in the order of the question's options.</summary>
public sealed record GroupCounts(string Group, int Answered, IReadOnlyList<int> Counts);

/// <summary>
/// One question's results. Skipped = sent sheets without an answer to it; shares are of those who answered, so a
/// multiple choice's shares add up to more than 100 %. Mean, least and most for scales and numbers.
/// </summary>
public sealed record QuestionResult(string Code, QuestionKind Kind, string TextVi, string TextEn, int Answered, int Skipped,
    IReadOnlyList<OptionCount> Options, decimal? Mean, decimal? Min, decimal? Max, decimal? PreviousMean,
    IReadOnlyList<GroupCounts> ByKind, IReadOnlyList<GroupCounts> ByRegion);

/// <summary>A survey's results from its sent sheets (drafts never count), compared with the series' previous quarter.</summary>
public sealed record SurveyResultsView(int SurveyId, string Series, string Quarter, string TitleVi, string TitleEn, SurveyAudience Audience, int Responses,
    int? PreviousSurveyId, string? PreviousQuarter, IReadOnlyList<QuestionResult> Questions);

/// <summary>A free-text answer, with the unit that gave it (none for the public).</summary>
public sealed record TextAnswer(string Question, string? UnitCode, string? UnitName, string Text);

/// <summary>Counts, cross-tabs, texts and comparison, computed from the sheets of one survey (at most a few thousand a quarter).</summary>
public sealed class SurveyResults(OpenDvcDbContext db, Questionnaire.SurveyBook surveys)
{
    public const string Ministries = "ministries";
    public const string Provinces = "provinces";

    /// <summary>The region of a ministry, which has none in the registry.</summary>
    public const string Central = "Trung ương";

    public async Task<SurveyResultsView?> ComputeAsync(int surveyId, CancellationToken ct)
    {
        if (await surveys.FindAsync(surveyId, ct) is not { } survey)
        {
            return null;
        }

        var sheets = await SheetsAsync(survey.Id, ct);
        var units = await db.Set<Unit>().AsNoTracking().ToDictionaryAsync(u => u.Code, ct);
        var previous = await db.Set<Survey>().AsNoTracking()
            .Where(s => s.Series == survey.Series && s.Audience == survey.Audience && s.State != SurveyState.Draft && string.Compare(s.Quarter, survey.Quarter) < 0)
            .OrderByDescending(s => s.Quarter).ThenByDescending(s => s.Id).Select(s => new { s.Id, s.Quarter }).FirstOrDefaultAsync(ct);
        var before = previous is null ? null : Compute(await surveys.FindAsync(previous.Id, ct) ?? survey, await SheetsAsync(previous.Id, ct), units, null);
        return new SurveyResultsView(survey.Id, survey.Series, survey.Quarter, survey.TitleVi, survey.TitleEn, survey.Audience, sheets.Count,
            previous?.Id, previous?.Quarter, Compute(survey, sheets, units, before));
    }

    /// <summary>Free-text answers, filtered by question and by words they contain (any case).</summary>
    public async Task<IReadOnlyList<TextAnswer>?> TextsAsync(int surveyId, string? question, string? search, CancellationToken ct)
    {
        if (await surveys.FindAsync(surveyId, ct) is not { } survey)
        {
            return null;
        }

        var texts = survey.Questions.Where(q => q.Kind == QuestionKind.Text && (string.IsNullOrEmpty(question) || q.Code == question)).OrderBy(q => q.Position).ToList();
        var units = await db.Set<Unit>().AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var sheets = await SheetsAsync(survey.Id, ct);
        return [.. texts.SelectMany(q => sheets
            .Select(s => (s.UnitCode, Text: s.Answers.GetValueOrDefault(q.Code)?.Text))
            .Where(s => !string.IsNullOrWhiteSpace(s.Text) && (string.IsNullOrWhiteSpace(search) || s.Text.Contains(search.Trim(), StringComparison.CurrentCultureIgnoreCase)))
            .OrderBy(s => s.UnitCode, StringComparer.Ordinal)
            .Select(s => new TextAnswer(q.Code, s.UnitCode, s.UnitCode is null ? null : units.GetValueOrDefault(s.UnitCode), s.Text!)))];
    }

    private sealed record Sheet(string? UnitCode, Dictionary<string, Answer> Answers);

    private async Task<List<Sheet>> SheetsAsync(int surveyId, CancellationToken ct) =>
        (await db.Set<SurveyResponse>().AsNoTracking().Where(r => r.SurveyId == surveyId && r.Submitted).OrderBy(r => r.Id)
            .Select(r => new { r.UnitCode, r.Answers }).ToListAsync(ct))
        .Select(r => new Sheet(r.UnitCode, AnswerSheet.Parse(r.Answers))).ToList();

    private static List<QuestionResult> Compute(Survey survey, List<Sheet> sheets, Dictionary<string, Unit> units, List<QuestionResult>? before) =>
        [.. survey.Questions.OrderBy(q => q.Position).Select(q => Result(q, sheets, units, before?.FirstOrDefault(b => b.Code == q.Code && b.Kind == q.Kind)))];

    private static QuestionResult Result(SurveyQuestion question, List<Sheet> sheets, Dictionary<string, Unit> units, QuestionResult? before)
    {
        var answered = sheets.Where(s => s.Answers.GetValueOrDefault(question.Code) is { IsEmpty: false }).ToList();
        var options = OptionsOf(question);
        var chose = (Sheet sheet, string option) => question.Kind == QuestionKind.Scale
            ? sheet.Answers[question.Code].Number == decimal.Parse(option, CultureInfo.InvariantCulture)
            : sheet.Answers[question.Code].Choices?.Contains(option, StringComparer.Ordinal) == true;
        var counts = options.Select(o =>
        {
            var count = answered.Count(s => chose(s, o.Code));
            return new OptionCount(o.Code, o.TextVi, o.TextEn, count, Share(count, answered.Count), before?.Options.FirstOrDefault(p => p.Code == o.Code)?.Share);
        }).ToList();
        var numbers = question.Kind is QuestionKind.Scale or QuestionKind.Number ? answered.Select(s => s.Answers[question.Code].Number!.Value).ToList() : [];
        List<GroupCounts> CrossTab(Func<Unit, string> group) => options.Count == 0 ? [] : [.. answered
            .Where(s => s.UnitCode is not null && units.ContainsKey(s.UnitCode))
            .GroupBy(s => group(units[s.UnitCode!]))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupCounts(g.Key, g.Count(), [.. options.Select(o => g.Count(s => chose(s, o.Code)))]))];
        return new QuestionResult(question.Code, question.Kind, question.TextVi, question.TextEn, answered.Count, sheets.Count - answered.Count, counts,
            numbers.Count > 0 ? Math.Round(numbers.Average(), 2) : null, numbers.Count > 0 ? numbers.Min() : null, numbers.Count > 0 ? numbers.Max() : null,
            before?.Mean, CrossTab(u => u.IsProvince ? Provinces : Ministries), CrossTab(u => u.IsProvince ? u.Region ?? "" : Central));
    }

    private static double Share(int count, int of) => of == 0 ? 0 : Math.Round((double)count / of, 4);

    private static List<(string Code, string TextVi, string TextEn)> OptionsOf(SurveyQuestion question) => question.Kind switch
    {
        QuestionKind.Scale => [.. Enumerable.Range(1, 5).Select(i => i.ToString(CultureInfo.InvariantCulture)).Select(i => (i, i, i))],
        _ when question.HasOptions => [.. question.Options.OrderBy(o => o.Position).Select(o => (o.Code, o.TextVi, o.TextEn))],
        _ => [],
    };
}
