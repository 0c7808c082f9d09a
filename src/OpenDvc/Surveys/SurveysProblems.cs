using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;
using OpenDvc.Registry;

namespace OpenDvc.Surveys;

/// <summary>The surveys' refusals that several of their steps give.</summary>
public static class SurveyRefusals
{
    public static readonly Refusal Unknown = Refusal.Of(SurveyCodes.SurveyUnknown);

    public static readonly Refusal NotDraft = Refusal.Of(SurveyCodes.SurveyNotDraft);

    public static readonly Refusal NotOpen = Refusal.Of(SurveyCodes.SurveyNotOpen);

    public static readonly Refusal NotAsked = Refusal.Of(SurveyCodes.SurveyNotAsked);

    public static readonly Refusal AlreadyAnswered = Refusal.Of(SurveyCodes.SurveyAlreadyAnswered);

    public static readonly Refusal TokenUsed = Refusal.Of(SurveyCodes.SurveyTokenUsed);

    public static readonly Refusal TokenInvalid = Refusal.Of(SurveyCodes.SurveyTokenInvalid);

    public static readonly Refusal NoQuestions = Refusal.Of(SurveyCodes.SurveyNoQuestions);

    public static readonly Refusal WrongAudience = Refusal.Of(SurveyCodes.SurveyWrongAudience);
}

/// <summary>The surveys' problem answers (RFC 9457, <see cref="Problems"/>).</summary>
public static class SurveysProblems
{
    public static ProblemHttpResult Invalid(IReadOnlyList<RuleViolation> violations) => RuleViolation.Problem(SurveyCodes.SurveyInvalid, violations);

    public static ProblemHttpResult TooManyAnswers() =>
        Refusal.Of(SurveyCodes.SurveyTooManyAnswers).ToProblem();
}
