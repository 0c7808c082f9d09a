using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;
using OpenDvc.Registry;

namespace OpenDvc.Directives;

/// <summary>The directives' problem answers, each with a stable code and both languages.</summary>
public static class DirectivesProblems
{
    /// <param name="code">The problem's code: a submission's by default, <see cref="DirectiveCodes.IncentiveInvalid"/> for an incentive policy.</param>
    public static ProblemHttpResult Invalid(IReadOnlyList<RuleViolation> violations, string code = DirectiveCodes.SubmissionInvalid) =>
        RuleViolation.Problem(code, violations);

    public static ProblemHttpResult UnknownDirective(int id) =>
        Refusal.Of(DirectiveCodes.DirectiveUnknown, id).ToProblem();

    public static ProblemHttpResult UnknownDeliverable(int id) =>
        Refusal.Of(DirectiveCodes.DeliverableUnknown, id).ToProblem();

    public static ProblemHttpResult UnknownIncentivePolicy(int id) =>
        Refusal.Of(DirectiveCodes.IncentiveUnknown, id).ToProblem();

    public static ProblemHttpResult NotAddressed(string unit) =>
        Refusal.Of(DirectiveCodes.DirectiveNotAddressed, unit).ToProblem();

    public static ProblemHttpResult NoFile() =>
        Refusal.Of(PlatformCodes.NoFile).ToProblem();

    public static ProblemHttpResult BadDate() =>
        Refusal.Of(DirectiveCodes.DateInvalid).ToProblem();
}

/// <summary>The refusals of the submission workflow that several of its steps give.</summary>
public static class SubmissionRefusals
{
    public static readonly Refusal Locked = Refusal.Of(DirectiveCodes.SubmissionLocked);

    public static readonly Refusal NotAwaitingReview = Refusal.Of(DirectiveCodes.SubmissionNotSubmitted);

    public static readonly Refusal CatalogStale = Refusal.Of(DirectiveCodes.CatalogStale);

    public static readonly Refusal PlanBelowLetter = Refusal.Of(DirectiveCodes.PlanBelowLetter);

    public static readonly Refusal CommentRequired = Refusal.Of(DirectiveCodes.SubmissionCommentRequired);

    public static readonly Refusal ByNominations = Refusal.Of(DirectiveCodes.DeliverableByNominations);

    public static readonly Refusal BySurvey = Refusal.Of(DirectiveCodes.DeliverableBySurvey);

    public static readonly Refusal ByPortalAssessment = Refusal.Of(DirectiveCodes.DeliverableByPortalAssessment);

    /// <summary>Why a deliverable answered outside Directives takes no draft, file or version here.</summary>
    public static Refusal AnsweredElsewhere(Letters.Deliverable deliverable) => deliverable.Kind switch
    {
        Letters.DeliverableKind.SurveyAnswers => BySurvey,
        Letters.DeliverableKind.PortalSelfAssessment => ByPortalAssessment,
        _ => ByNominations,
    };

    public static readonly Refusal NotAddressed = Refusal.Of(DirectiveCodes.DirectiveNotAddressed).Saying("ThisUnit");

    public static readonly Refusal UnknownDeliverable = Refusal.Of(DirectiveCodes.DeliverableUnknown).Saying("NoId");

    public static readonly Refusal FileType = Refusal.Of(PlatformCodes.FileType);

    public static readonly Refusal NotPdf = Refusal.Of(PlatformCodes.FileNotPdf);
}
