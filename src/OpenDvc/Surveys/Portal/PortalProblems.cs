using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;
using OpenDvc.Registry;

namespace OpenDvc.Surveys.Portal;

/// <summary>The portal checklist's refusals that several of its steps give.</summary>
public static class PortalRefusals
{
    public static readonly Refusal QuarterInvalid = Refusal.Of(SurveyCodes.PortalQuarterInvalid);

    public static readonly Refusal QuarterFuture = Refusal.Of(SurveyCodes.PortalQuarterFuture);

    public static readonly Refusal UnitUnknown = Refusal.Of(PlatformCodes.UnitUnknown).Saying("NoCode");

    public static readonly Refusal AlreadySubmitted = Refusal.Of(SurveyCodes.PortalAlreadySubmitted);

    public static readonly Refusal NoCriteria = Refusal.Of(SurveyCodes.PortalNoCriteria);
}

/// <summary>The portal checklist's problem answers (RFC 9457, <see cref="Problems"/>).</summary>
public static class PortalProblems
{
    public static ProblemHttpResult Invalid(IReadOnlyList<RuleViolation> violations) => RuleViolation.Problem(SurveyCodes.PortalInvalid, violations);
}
