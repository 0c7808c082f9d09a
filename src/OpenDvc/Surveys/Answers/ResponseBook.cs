using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Time;
using OpenDvc.Registry;
using OpenDvc.Registry.Units;
using OpenDvc.Surveys.Questionnaire;

namespace OpenDvc.Surveys.Answers;

/// <summary>A unit's answer sheet for a survey: a draft until sent, then fixed.</summary>
public sealed record UnitSheet(SurveyView Survey, string UnitCode, bool Submitted, DateTimeOffset? SubmittedAt, DateTimeOffset? UpdatedAt, bool TakesAnswers, IReadOnlyDictionary<string, Answer> Answers);

/// <summary>A survey sent to a unit and where the unit's answer stands: what a focal point sees of past and open rounds.</summary>
public sealed record UnitSurveyView(int SurveyId, string Quarter, string TitleVi, string TitleEn, SurveyState State, DateOnly OpensOn, DateOnly ClosesOn, bool Draft, bool Submitted, DateTimeOffset? SubmittedAt);

/// <summary>Writes answers: a unit's draft and its one sending, and the public's one answer per token.</summary>
public sealed class ResponseBook(OpenDvcDbContext db, SurveyBook surveys, TimeProvider time)
{
    public async Task<(UnitSheet? Sheet, Refusal? Error)> UnitSheetAsync(int surveyId, string unit, CancellationToken ct)
    {
        var (survey, error) = await AskedAsync(surveyId, unit, ct);
        if (survey is null)
        {
            return (null, error);
        }

        var response = await db.Set<SurveyResponse>().AsNoTracking().SingleOrDefaultAsync(r => r.SurveyId == surveyId && r.UnitCode == unit, ct);
        return (new UnitSheet(SurveyView.Of(survey, withPublicLink: false), unit, response?.Submitted ?? false, response?.SubmittedAt, response?.UpdatedAt,
            survey.TakesAnswersOn(Today), response is null ? new Dictionary<string, Answer>() : AnswerSheet.Parse(response.Answers)), null);
    }

    /// <summary>Saves the unit's draft, or sends it (<paramref name="submit"/>): checked whole, required questions answered.</summary>
    public async Task<(IReadOnlyList<RuleViolation> Violations, Refusal? Error)> SaveUnitAsync(
        int surveyId, string unit, IReadOnlyDictionary<string, Answer> answers, bool submit, string userName, CancellationToken ct)
    {
        var (survey, error) = await AskedAsync(surveyId, unit, ct);
        if (survey is null)
        {
            return ([], error);
        }

        if (!survey.TakesAnswersOn(Today))
        {
            return ([], SurveyRefusals.NotOpen);
        }

        var violations = AnswerSheet.Check(survey, answers, complete: submit);
        if (violations.Count > 0)
        {
            return (violations, null);
        }

        var response = await db.Set<SurveyResponse>().SingleOrDefaultAsync(r => r.SurveyId == surveyId && r.UnitCode == unit, ct);
        if (response?.Submitted == true)
        {
            return ([], SurveyRefusals.AlreadyAnswered);
        }

        var now = time.GetUtcNow();
        if (response is null)
        {
            response = new SurveyResponse { SurveyId = surveyId, UnitCode = unit, Answers = "{}", UpdatedBy = userName };
            db.Add(response);
        }

        (response.Answers, response.UpdatedBy, response.UpdatedAt) = (AnswerSheet.ToJson(answers), userName, now);
        if (submit)
        {
            (response.Submitted, response.SubmittedAt) = (true, now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another tab or server sent the unit's first sheet at the same moment: the unique index kept one.
            return ([], SurveyRefusals.AlreadyAnswered);
        }

        return ([], null);
    }

    /// <summary>One member of the public's answer: stored with the token's hash, refused if the token has answered.</summary>
    public async Task<(IReadOnlyList<RuleViolation> Violations, Refusal? Error)> AnswerPublicAsync(
        Survey survey, string tokenHash, IReadOnlyDictionary<string, Answer> answers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (!survey.TakesAnswersOn(Today))
        {
            return ([], SurveyRefusals.NotOpen);
        }

        var violations = AnswerSheet.Check(survey, answers, complete: true);
        if (violations.Count > 0)
        {
            return (violations, null);
        }

        if (await db.Set<SurveyResponse>().AnyAsync(r => r.SurveyId == survey.Id && r.TokenHash == tokenHash, ct))
        {
            return ([], SurveyRefusals.TokenUsed);
        }

        var now = time.GetUtcNow();
        db.Add(new SurveyResponse { SurveyId = survey.Id, TokenHash = tokenHash, Answers = AnswerSheet.ToJson(answers), UpdatedBy = "public", UpdatedAt = now, Submitted = true, SubmittedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ([], SurveyRefusals.TokenUsed);
        }

        return ([], null);
    }

    public async Task<IReadOnlyList<UnitSurveyView>> ListForUnitAsync(string unit, CancellationToken ct)
    {
        var target = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Code == unit, ct);
        if (target is null)
        {
            return [];
        }

        var sent = (await db.Set<Survey>().AsNoTracking().Where(s => s.Audience == SurveyAudience.Units && s.State != SurveyState.Draft)
            .OrderByDescending(s => s.Quarter).ThenByDescending(s => s.Id).ToListAsync(ct)).Where(s => s.AsksUnit(target)).ToList();
        var ids = sent.Select(s => s.Id).ToList();
        var responses = await db.Set<SurveyResponse>().AsNoTracking().Where(r => r.UnitCode == unit && ids.Contains(r.SurveyId)).ToDictionaryAsync(r => r.SurveyId, ct);
        return [.. sent.Select(s =>
        {
            var r = responses.GetValueOrDefault(s.Id);
            return new UnitSurveyView(s.Id, s.Quarter, s.TitleVi, s.TitleEn, s.State, s.OpensOn, s.ClosesOn, r is { Submitted: false }, r?.Submitted ?? false, r?.SubmittedAt);
        })];
    }

    private DateOnly Today => VietnamTime.DateOf(time.GetUtcNow());

    private async Task<(Survey? Survey, Refusal? Error)> AskedAsync(int surveyId, string unit, CancellationToken ct)
    {
        if (await surveys.FindAsync(surveyId, ct) is not { } survey || survey.State == SurveyState.Draft)
        {
            return (null, SurveyRefusals.Unknown);
        }

        var target = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Code == unit, ct);
        return target is not null && survey.AsksUnit(target) ? (survey, null) : (null, SurveyRefusals.NotAsked);
    }
}
