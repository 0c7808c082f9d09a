using OpenDvc.Platform.Refusals;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace OpenDvc.Directives;

/// <summary>The directives' refusal codes (messages in Resources/RefusalText.resx, listed in docs/refusal-codes.md).</summary>
public static class DirectiveCodes
{
    /// <summary>A submission breaks rules; the violations follow.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SubmissionInvalid = "OD-SUBMISSION-INVALID";

    /// <summary>An incentive policy breaks rules; the violations follow.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string IncentiveInvalid = "OD-INCENTIVE-INVALID";

    /// <summary>The last day in force cannot be before the first.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string IncentiveDates = "OD-INCENTIVE-DATES";

    /// <summary>Give the benefit as a percentage or describe it.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string IncentiveBenefitEmpty = "OD-INCENTIVE-BENEFIT-EMPTY";

    /// <summary>The document's link must be an http or https address.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string IncentiveLink = "OD-INCENTIVE-LINK";

    /// <summary>… reminder(s) could not be sent; see /reminders.</summary>
    [RefusedWith(Status400BadRequest)] public const string RemindersFailed = "OD-REMINDERS-FAILED";

    /// <summary>The row belongs to unit '…', not '…'.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string CatalogWrongUnit = "OD-CATALOG-WRONG-UNIT";

    /// <summary>A new due date and a reason are needed.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ExtensionRequired = "OD-EXTENSION-REQUIRED";

    /// <summary>Each target needs a day to reach it by.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string LetterTargetDate = "OD-LETTER-TARGET-DATE";

    /// <summary>A title and a due date are needed.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeliverableRequired = "OD-DELIVERABLE-REQUIRED";

    /// <summary>A file must be attached.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SubmissionFileRequired = "OD-SUBMISSION-FILE-REQUIRED";

    /// <summary>No file.</summary>
    [RefusedWith(Status404NotFound)] public const string FileUnknown = "OD-FILE-UNKNOWN";

    /// <summary>The plan needs at least one target.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PlanEmpty = "OD-PLAN-EMPTY";

    /// <summary>A month must be written yyyy-MM.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PlanMonth = "OD-PLAN-MONTH";

    /// <summary>A target is a percentage from 0 to 100.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PlanTarget = "OD-PLAN-TARGET";

    /// <summary>The person responsible must be named.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PlanResponsible = "OD-PLAN-RESPONSIBLE";

    /// <summary>Unknown indicator.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PlanIndicator = "OD-PLAN-INDICATOR";

    /// <summary>The monthly report has no figures.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ReportEmpty = "OD-REPORT-EMPTY";

    /// <summary>Figures cannot be negative.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ReportNegative = "OD-REPORT-NEGATIVE";

    /// <summary>Online and on-time dossiers cannot exceed dossiers received.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ReportExceedsReceived = "OD-REPORT-EXCEEDS-RECEIVED";

    /// <summary>The policy is empty.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string IncentiveEmpty = "OD-INCENTIVE-EMPTY";

    /// <summary>The legal document must be named.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string IncentiveLegalDocument = "OD-INCENTIVE-LEGAL-DOCUMENT";

    /// <summary>The policy must cut fees (0–100 %) or shorten processing.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string IncentiveNothing = "OD-INCENTIVE-NOTHING";

    /// <summary>No directive ….</summary>
    [RefusedWith(Status404NotFound)] public const string DirectiveUnknown = "OD-DIRECTIVE-UNKNOWN";

    /// <summary>No deliverable ….</summary>
    [RefusedWith(Status404NotFound)] public const string DeliverableUnknown = "OD-DELIVERABLE-UNKNOWN";

    /// <summary>No incentive policy ….</summary>
    [RefusedWith(Status404NotFound)] public const string IncentiveUnknown = "OD-INCENTIVE-UNKNOWN";

    /// <summary>The directive is not addressed to unit '…'.</summary>
    [RefusedWith(Status404NotFound)] public const string DirectiveNotAddressed = "OD-DIRECTIVE-NOT-ADDRESSED";

    /// <summary>A date must be written yyyy-MM-dd.</summary>
    [RefusedWith(Status400BadRequest)] public const string DateInvalid = "OD-DATE-INVALID";

    /// <summary>The submission was sent or accepted; it can be edited only as a draft or when returned.</summary>
    [RefusedWith(Status409Conflict)] public const string SubmissionLocked = "OD-SUBMISSION-LOCKED";

    /// <summary>Only a submitted, not yet reviewed submission can be accepted or returned.</summary>
    [RefusedWith(Status409Conflict)] public const string SubmissionNotSubmitted = "OD-SUBMISSION-NOT-SUBMITTED";

    /// <summary>The catalog no longer fits the registry (e.g. a procedure is now offered full-process); return it for the unit to update.</summary>
    [RefusedWith(Status409Conflict)] public const string CatalogStale = "OD-CATALOG-STALE";

    /// <summary>The plan's targets fall short of the letter's: state a reason.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string PlanBelowLetter = "OD-PLAN-BELOW-LETTER";

    /// <summary>Returning a submission needs a comment.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SubmissionCommentRequired = "OD-SUBMISSION-COMMENT-REQUIRED";

    /// <summary>This deliverable is answered by nominating in the award campaign (or declaring none); extensions are granted in the campaign too.</summary>
    [RefusedWith(Status409Conflict)] public const string DeliverableByNominations = "OD-DELIVERABLE-BY-NOMINATIONS";

    /// <summary>This deliverable is answered by sending the unit's answers to the survey, not by sending a file here.</summary>
    [RefusedWith(Status409Conflict)] public const string DeliverableBySurvey = "OD-DELIVERABLE-BY-SURVEY";

    /// <summary>This deliverable is answered by submitting the quarter's portal self-assessment, not by sending a file here.</summary>
    [RefusedWith(Status409Conflict)] public const string DeliverableByPortalAssessment = "OD-DELIVERABLE-BY-PORTAL-ASSESSMENT";

    /// <summary>Choose at least one recipient unit.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DirectiveNoRecipients = "OD-DIRECTIVE-NO-RECIPIENTS";

    /// <summary>Unknown recipient scope.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DirectiveRecipients = "OD-DIRECTIVE-RECIPIENTS";

    /// <summary>A directive numbered '…' exists.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DirectiveNumberTaken = "OD-DIRECTIVE-NUMBER-TAKEN";

    /// <summary>Unknown deliverable kind.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeliverableKind = "OD-DELIVERABLE-KIND";

    /// <summary>Choose the award campaign whose nominations answer this deliverable.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeliverableCampaign = "OD-DELIVERABLE-CAMPAIGN";

    /// <summary>Choose the survey, sent to the units, whose answers answer this deliverable.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeliverableSurvey = "OD-DELIVERABLE-SURVEY";

    /// <summary>Choose the quarter (a month of it) whose portal self-assessment answers this deliverable.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeliverableQuarter = "OD-DELIVERABLE-QUARTER";

    /// <summary>Unknown scope of units.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeliverableScope = "OD-DELIVERABLE-SCOPE";

    /// <summary>Choose at least one unit for the scope.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeliverableScopeEmpty = "OD-DELIVERABLE-SCOPE-EMPTY";

    /// <summary>Unknown kind or frequency.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SeriesInvalid = "OD-SERIES-INVALID";

    /// <summary>The due day is day 1–28 of the next period.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SeriesDueDay = "OD-SERIES-DUE-DAY";

    /// <summary>The last period is before the first.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string SeriesPeriods = "OD-SERIES-PERIODS";

    /// <summary>Each indicator may appear once.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string LetterTargetDuplicate = "OD-LETTER-TARGET-DUPLICATE";

    /// <summary>A target needs a known indicator and 0–100 %.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string LetterTargetInvalid = "OD-LETTER-TARGET-INVALID";

    /// <summary>The catalog leaves out some of the unit's procedures.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string CatalogIncomplete = "OD-CATALOG-INCOMPLETE";
}
