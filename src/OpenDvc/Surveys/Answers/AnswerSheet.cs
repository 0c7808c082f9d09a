using System.Globalization;
using System.Text.Json;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;

namespace OpenDvc.Surveys.Answers;

/// <summary>One question's answer: the chosen option codes, a number (a scale's 1–5 too) or a text; empty means skipped.</summary>
public sealed record Answer(IReadOnlyList<string>? Choices = null, decimal? Number = null, string? Text = null)
{
    public bool IsEmpty => (Choices is null || Choices.Count == 0) && Number is null && string.IsNullOrWhiteSpace(Text);
}

/// <summary>The answers of one sheet keyed by question code, as stored (JSON) and sent by the API.</summary>
public static class AnswerSheet
{
    public const int MaxTextLength = 2000;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static string ToJson(IReadOnlyDictionary<string, Answer> answers) =>
        JsonSerializer.Serialize(answers.Where(a => !a.Value.IsEmpty).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), Options);

    public static Dictionary<string, Answer> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, Answer>>(json, Options) ?? [];

    /// <summary>
    /// The answers' faults against the questionnaire: unknown questions and options, one choice for a single choice,
    /// 1–5 on a scale, texts of at most <see cref="MaxTextLength"/>; with <paramref name="complete"/> (sending, not
    /// saving a draft) every required question answered.
    /// </summary>
    public static IReadOnlyList<RuleViolation> Check(Survey survey, IReadOnlyDictionary<string, Answer> answers, bool complete)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(answers);
        var violations = new List<RuleViolation>();
        var questions = survey.Questions.ToDictionary(q => q.Code, StringComparer.Ordinal);
        foreach (var code in answers.Keys.Where(k => !questions.ContainsKey(k)))
        {
            violations.Add(new(code, Refusal.Of(SurveyCodes.SurveyUnknownQuestion, code)));
        }

        foreach (var question in survey.Questions.OrderBy(q => q.Position))
        {
            var answer = answers.GetValueOrDefault(question.Code);
            if (answer is null || answer.IsEmpty)
            {
                if (complete && question.Required)
                {
                    violations.Add(new(question.Code, Refusal.Of(SurveyCodes.SurveyAnswerRequired, question.TextVi, question.TextEn)));
                }

                continue;
            }

            if (Fault(question, answer) is { } fault)
            {
                violations.Add(new(question.Code, Refusal.Of(SurveyCodes.SurveyAnswerInvalid, question.TextVi, fault.Vi, question.TextEn, fault.En)));
            }
        }

        return violations;
    }

    private static (string Vi, string En)? Fault(SurveyQuestion question, Answer answer)
    {
        var choices = answer.Choices ?? [];
        return question.Kind switch
        {
            QuestionKind.SingleChoice or QuestionKind.MultipleChoice when answer.Number is not null || !string.IsNullOrWhiteSpace(answer.Text)
                => ("chỉ chọn trong các phương án.", "choose among the options only."),
            QuestionKind.SingleChoice when choices.Count > 1 => ("chỉ chọn một phương án.", "choose one option."),
            QuestionKind.SingleChoice or QuestionKind.MultipleChoice when choices.Except(question.Options.Select(o => o.Code), StringComparer.Ordinal).Any()
                || choices.Distinct(StringComparer.Ordinal).Count() != choices.Count
                => ("phương án không có trong bảng hỏi.", "an option that is not in the questionnaire."),
            QuestionKind.Scale when choices.Count > 0 || answer.Number is not (>= 1 and <= 5) || answer.Number % 1 != 0
                => ("chọn một mức từ 1 đến 5.", "choose a whole number from 1 to 5."),
            QuestionKind.Number when choices.Count > 0 || answer.Number is null || Math.Abs(answer.Number.Value) > 1_000_000_000_000m
                => ("nhập một số.", "enter a number."),
            QuestionKind.Text when choices.Count > 0 || answer.Number is not null || answer.Text!.Length > MaxTextLength
                => (string.Create(CultureInfo.InvariantCulture, $"nhập văn bản, tối đa {MaxTextLength} ký tự."), string.Create(CultureInfo.InvariantCulture, $"enter text of at most {MaxTextLength} characters.")),
            _ => null,
        };
    }

    /// <summary>
    /// Reads a posted form (fields <c>q.{code}</c>, several values for a multiple choice): what the answer pages send.
    /// A number that does not read as one is kept as text, so <see cref="Check"/> names the question.
    /// </summary>
    public static Dictionary<string, Answer> FromForm(Survey survey, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(form);
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var question in survey.Questions)
        {
            var values = form[$"q.{question.Code}"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            if (values.Count == 0)
            {
                continue;
            }

            answers[question.Code] = question.Kind switch
            {
                QuestionKind.SingleChoice or QuestionKind.MultipleChoice => new Answer(Choices: values),
                QuestionKind.Text => new Answer(Text: values[0]),
                _ => decimal.TryParse(values[0].Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? new Answer(Number: number)
                    : new Answer(Text: values[0]),
            };
        }

        return answers;
    }
}
