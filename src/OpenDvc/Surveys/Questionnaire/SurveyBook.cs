using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;

namespace OpenDvc.Surveys.Questionnaire;

/// <summary>Writes surveys: an admin builds the questionnaire while it is a draft, then opens and closes it.</summary>
public sealed partial class SurveyBook(OpenDvcDbContext db)
{
    public Task<Survey?> FindAsync(int id, CancellationToken ct) =>
        db.Set<Survey>().Include(s => s.Questions).ThenInclude(q => q.Options).AsSplitQuery().SingleOrDefaultAsync(s => s.Id == id, ct);

    public Task<Survey?> FindPublicAsync(string key, CancellationToken ct) =>
        db.Set<Survey>().Include(s => s.Questions).ThenInclude(q => q.Options).AsSplitQuery()
            .SingleOrDefaultAsync(s => s.PublicKey == key && s.Audience == SurveyAudience.Public, ct);

    /// <summary>Creates a draft (id null) or replaces a draft's round and questionnaire.</summary>
    public async Task<(int? Id, IReadOnlyList<RuleViolation> Violations, Refusal? Error)> SaveAsync(int? id, SurveyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var violations = Check(input);
        if (violations.Count > 0)
        {
            return (null, violations, null);
        }

        Survey survey;
        if (id is null)
        {
            survey = new Survey { Series = input.Series, Quarter = input.Quarter, TitleVi = input.TitleVi, TitleEn = input.TitleEn };
            db.Add(survey);
        }
        else
        {
            if (await FindAsync(id.Value, ct) is not { } found)
            {
                return (null, [], SurveyRefusals.Unknown);
            }

            if (found.State != SurveyState.Draft)
            {
                return (null, [], SurveyRefusals.NotDraft);
            }

            survey = found;
            survey.Questions.Clear();
        }

        (survey.Series, survey.Quarter, survey.TitleVi, survey.TitleEn) = (input.Series.Trim(), input.Quarter, input.TitleVi.Trim(), input.TitleEn.Trim());
        (survey.Audience, survey.OpensOn, survey.ClosesOn) = (input.Audience, input.OpensOn, input.ClosesOn);
        survey.PublicKey = input.Audience == SurveyAudience.Public ? survey.PublicKey ?? NewPublicKey() : null;
        survey.Questions.AddRange((input.Questions ?? []).Select((q, i) => new SurveyQuestion
        {
            Position = i + 1, Code = q.Code, Kind = q.Kind, Required = q.Required, TextVi = q.TextVi.Trim(), TextEn = q.TextEn.Trim(),
            PersonalDataPurpose = string.IsNullOrWhiteSpace(q.PersonalDataPurpose) ? null : q.PersonalDataPurpose.Trim(),
            Options = [.. (q.Options ?? []).Select((o, j) => new SurveyOption { Position = j + 1, Code = o.Code, TextVi = o.TextVi.Trim(), TextEn = o.TextEn.Trim() })],
        }));
        await db.SaveChangesAsync(ct);
        return (survey.Id, [], null);
    }

    /// <summary>Opens a draft for answers (or closes an open survey): the questionnaire is then fixed.</summary>
    public async Task<Refusal?> SetStateAsync(int id, SurveyState state, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } survey)
        {
            return SurveyRefusals.Unknown;
        }

        if (state == SurveyState.Open && survey.Questions.Count == 0)
        {
            return SurveyRefusals.NoQuestions;
        }

        survey.State = state;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>128 random bits, URL-safe: the link is the only thing that lets the public in.</summary>
    public static string NewPublicKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static IReadOnlyList<RuleViolation> Check(SurveyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var violations = Annotations(input);
        if (violations.Count > 0)
        {
            // The rules below read the codes: they need them present first.
            return violations;
        }

        if (input.OpensOn == default || input.ClosesOn == default)
        {
            violations.Add(new("opensOn", Refusal.Of(SurveyCodes.SurveyPeriod)));
        }
        else if (input.ClosesOn < input.OpensOn)
        {
            violations.Add(new("closesOn", Refusal.Of(SurveyCodes.SurveyPeriod).Saying("Order")));
        }

        var questions = input.Questions ?? [];
        foreach (var code in questions.GroupBy(q => q.Code, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            violations.Add(new(code, Refusal.Of(SurveyCodes.SurveyDuplicateCode, code)));
        }

        foreach (var q in questions)
        {
            if (!CodePattern().IsMatch(q.Code) || (q.Options ?? []).Any(o => !CodePattern().IsMatch(o.Code)))
            {
                violations.Add(new(q.Code, Refusal.Of(SurveyCodes.SurveyCode)));
            }

            var options = q.Options ?? [];
            var isChoice = q.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
            if (isChoice && (options.Count < 2 || options.Select(o => o.Code).Distinct(StringComparer.Ordinal).Count() != options.Count))
            {
                violations.Add(new(q.Code, Refusal.Of(SurveyCodes.SurveyOptions, q.Code)));
            }

            if (!isChoice && options.Count > 0)
            {
                violations.Add(new(q.Code, Refusal.Of(SurveyCodes.SurveyOptions, q.Code).Saying("NotChoice")));
            }

            if (!Enum.IsDefined(q.Kind))
            {
                violations.Add(new(q.Code, Refusal.Of(SurveyCodes.SurveyKind, q.Code)));
            }
        }

        return violations;
    }

    /// <summary>
    /// The input records' own limits (required, length, the quarter's form), as the API's validation reads them: the
    /// builder page posts no JSON, so it gets them here, from the same attributes.
    /// </summary>
    private static List<RuleViolation> Annotations(SurveyInput input)
    {
        var violations = new List<RuleViolation>();
        void Validate(object item, int? question)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(item, new ValidationContext(item), results, validateAllProperties: true);
            foreach (var member in results.SelectMany(r => r.MemberNames).Distinct(StringComparer.Ordinal))
            {
                var (vi, en) = FieldNames.GetValueOrDefault(member, (member, member));
                violations.Add(question is { } n
                    ? new($"questions[{n}].{member}", Refusal.Of(SurveyCodes.SurveyField, n, vi, en))
                    : new(member, Refusal.Of(SurveyCodes.SurveyField, vi, en).Saying("Survey")));
            }
        }

        Validate(input, null);
        foreach (var (q, n) in (input.Questions ?? []).Select((q, i) => (q, i + 1)))
        {
            Validate(q, n);
            foreach (var o in q.Options ?? [])
            {
                Validate(o, n);
            }
        }

        return violations;
    }

    private static readonly Dictionary<string, (string Vi, string En)> FieldNames = new(StringComparer.Ordinal)
    {
        [nameof(SurveyInput.Series)] = ("Mã bộ khảo sát", "Series"),
        [nameof(SurveyInput.Quarter)] = ("Quý (yyyy-Qn)", "Quarter (yyyy-Qn)"),
        [nameof(SurveyInput.TitleVi)] = ("Tiêu đề tiếng Việt", "Vietnamese title"),
        [nameof(SurveyInput.TitleEn)] = ("Tiêu đề tiếng Anh", "English title"),
        [nameof(QuestionInput.Code)] = ("Mã", "Code"),
        [nameof(QuestionInput.TextVi)] = ("Nội dung tiếng Việt", "Vietnamese wording"),
        [nameof(QuestionInput.TextEn)] = ("Nội dung tiếng Anh", "English wording"),
        [nameof(QuestionInput.PersonalDataPurpose)] = ("Lý do hỏi dữ liệu cá nhân", "Why personal data is asked"),
    };

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex CodePattern();
}
