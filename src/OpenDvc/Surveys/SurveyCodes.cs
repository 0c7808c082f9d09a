using OpenDvc.Platform.Refusals;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace OpenDvc.Surveys;

/// <summary>The surveys' refusal codes (messages in Resources/RefusalText.resx, listed in docs/refusal-codes.md).</summary>
public static class SurveyCodes
{
    /// <summary>A questionnaire or an answer breaks rules; the violations follow.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SurveyInvalid = "OD-SURVEY-INVALID";

    /// <summary>An assessment or a checklist item breaks rules; the violations follow.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalInvalid = "OD-PORTAL-INVALID";

    /// <summary>The first and the last day are needed.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SurveyPeriod = "OD-SURVEY-PERIOD";

    /// <summary>Question code '…' is used twice.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SurveyDuplicateCode = "OD-SURVEY-DUPLICATE-CODE";

    /// <summary>Codes hold lower-case letters, digits, '_' and '-' only.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SurveyCode = "OD-SURVEY-CODE";

    /// <summary>Question '…' needs at least two options with distinct codes.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SurveyOptions = "OD-SURVEY-OPTIONS";

    /// <summary>The kind of question '…' is not valid.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SurveyKind = "OD-SURVEY-KIND";

    /// <summary>Question …: … is missing, too long or malformed.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SurveyField = "OD-SURVEY-FIELD";

    /// <summary>No question '…'.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SurveyUnknownQuestion = "OD-SURVEY-UNKNOWN-QUESTION";

    /// <summary>'…' must be answered.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SurveyAnswerRequired = "OD-SURVEY-ANSWER-REQUIRED";

    /// <summary>'…': ….</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SurveyAnswerInvalid = "OD-SURVEY-ANSWER-INVALID";

    /// <summary>The quarter must read yyyy-Qn, e.g. 2024-Q1.</summary>
    [RefusedWith(Status400BadRequest)] public const string PortalQuarterInvalid = "OD-PORTAL-QUARTER-INVALID";

    /// <summary>A quarter cannot be assessed before it begins.</summary>
    [RefusedWith(Status409Conflict)] public const string PortalQuarterFuture = "OD-PORTAL-QUARTER-FUTURE";

    /// <summary>The unit has sent its assessment for this quarter; a sent assessment is final.</summary>
    [RefusedWith(Status409Conflict)] public const string PortalAlreadySubmitted = "OD-PORTAL-ALREADY-SUBMITTED";

    /// <summary>No checklist items are in force in this quarter.</summary>
    [RefusedWith(Status409Conflict)] public const string PortalNoCriteria = "OD-PORTAL-NO-CRITERIA";

    /// <summary>No such checklist item.</summary>
    [RefusedWith(Status404NotFound)] public const string PortalCriterionUnknown = "OD-PORTAL-CRITERION-UNKNOWN";

    /// <summary>The portal address must be a full http(s) address without a user name or password.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalUrl = "OD-PORTAL-URL";

    /// <summary>A criterion code is 2–64 lower-case letters, digits and hyphens.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalCriterionCode = "OD-PORTAL-CRITERION-CODE";

    /// <summary>Missing or longer than … characters: ….</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalCriterionText = "OD-PORTAL-CRITERION-TEXT";

    /// <summary>Not a criterion area.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalCriterionArea = "OD-PORTAL-CRITERION-AREA";

    /// <summary>A new version must take effect after the previous one.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalCriterionOrder = "OD-PORTAL-CRITERION-ORDER";

    /// <summary>A change to the checklist takes effect on the first day of the current quarter or a later one.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalCriterionDay = "OD-PORTAL-CRITERION-DAY";

    /// <summary>Criterion … is not assessed.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalVerdictRequired = "OD-PORTAL-VERDICT-REQUIRED";

    /// <summary>No criterion … in this quarter.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalUnknownCriterion = "OD-PORTAL-UNKNOWN-CRITERION";

    /// <summary>Criterion … was sent twice.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalDuplicateCriterion = "OD-PORTAL-DUPLICATE-CRITERION";

    /// <summary>Not a verdict.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalVerdictInvalid = "OD-PORTAL-VERDICT-INVALID";

    /// <summary>The evidence link must be a full http(s) address of at most … characters.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalEvidenceUrl = "OD-PORTAL-EVIDENCE-URL";

    /// <summary>A note has at most … characters.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PortalNoteTooLong = "OD-PORTAL-NOTE-TOO-LONG";

    /// <summary>No such survey.</summary>
    [RefusedWith(Status404NotFound)] public const string SurveyUnknown = "OD-SURVEY-UNKNOWN";

    /// <summary>The questionnaire can be changed only while the survey is a draft.</summary>
    [RefusedWith(Status409Conflict)] public const string SurveyNotDraft = "OD-SURVEY-NOT-DRAFT";

    /// <summary>The survey is not taking answers now.</summary>
    [RefusedWith(Status409Conflict)] public const string SurveyNotOpen = "OD-SURVEY-NOT-OPEN";

    /// <summary>The survey is not sent to this unit.</summary>
    [RefusedWith(Status404NotFound)] public const string SurveyNotAsked = "OD-SURVEY-NOT-ASKED";

    /// <summary>The unit has sent its answers; each unit answers once.</summary>
    [RefusedWith(Status409Conflict)] public const string SurveyAlreadyAnswered = "OD-SURVEY-ALREADY-ANSWERED";

    /// <summary>This link has already been used to answer; one answer per visit.</summary>
    [RefusedWith(Status409Conflict)] public const string SurveyTokenUsed = "OD-SURVEY-TOKEN-USED";

    /// <summary>The answer token is not valid; open the survey link again.</summary>
    [RefusedWith(Status400BadRequest)] public const string SurveyTokenInvalid = "OD-SURVEY-TOKEN-INVALID";

    /// <summary>The questionnaire has no questions.</summary>
    [RefusedWith(Status409Conflict)] public const string SurveyNoQuestions = "OD-SURVEY-NO-QUESTIONS";

    /// <summary>The survey is not meant for this audience.</summary>
    [RefusedWith(Status409Conflict)] public const string SurveyWrongAudience = "OD-SURVEY-WRONG-AUDIENCE";

    /// <summary>Too many answers from this address; please try again later.</summary>
    [RefusedWith(Status429TooManyRequests)] public const string SurveyTooManyAnswers = "OD-SURVEY-TOO-MANY-ANSWERS";
}
