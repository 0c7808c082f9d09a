using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Surveys.Questionnaire;

/// <summary>A survey as an admin writes it: the round, the period and the whole questionnaire.</summary>
public sealed record SurveyInput(
    [property: Required, StringLength(64)] string Series,
    [property: Required, RegularExpression(@"^\d{4}-Q[1-4]$")] string Quarter,
    [property: Required, StringLength(512)] string TitleVi,
    [property: Required, StringLength(512)] string TitleEn,
    SurveyAudience Audience,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    IReadOnlyList<QuestionInput>? Questions);

/// <summary>A question in both languages; options for a choice, a purpose when it asks for personal data.</summary>
public sealed record QuestionInput(
    [property: Required, StringLength(64)] string Code,
    QuestionKind Kind,
    bool Required,
    [property: Required, StringLength(1000)] string TextVi,
    [property: Required, StringLength(1000)] string TextEn,
    [property: StringLength(1000)] string? PersonalDataPurpose = null,
    IReadOnlyList<OptionInput>? Options = null);

public sealed record OptionInput(
    [property: Required, StringLength(64)] string Code,
    [property: Required, StringLength(512)] string TextVi,
    [property: Required, StringLength(512)] string TextEn);

/// <summary>What the API answers about a survey: the round and its questionnaire.</summary>
public sealed record SurveyView(int Id, string Series, string Quarter, string TitleVi, string TitleEn, SurveyAudience Audience, SurveyState State,
    DateOnly OpensOn, DateOnly ClosesOn, string? PublicLink, IReadOnlyList<QuestionInput> Questions)
{
    public static SurveyView Of(Survey survey, bool withPublicLink) => new(
        survey.Id, survey.Series, survey.Quarter, survey.TitleVi, survey.TitleEn, survey.Audience, survey.State, survey.OpensOn, survey.ClosesOn,
        withPublicLink && survey.PublicKey is { } key ? $"/surveys/answer/{key}" : null,
        [.. survey.Questions.OrderBy(q => q.Position).Select(q => new QuestionInput(q.Code, q.Kind, q.Required, q.TextVi, q.TextEn, q.PersonalDataPurpose,
            q.HasOptions ? [.. q.Options.OrderBy(o => o.Position).Select(o => new OptionInput(o.Code, o.TextVi, o.TextEn))] : null))]);
}
