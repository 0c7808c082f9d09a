using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Registry;

/// <summary>The registry's problem answers, beside the platform's 404/409/403.</summary>
public static class RegistryProblems
{
    /// <summary>422 with every broken rule: field, stable code and message in both languages.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<RuleViolation> violations) =>
        RuleViolation.Problem(RegistryCodes.RegistryInvalid, violations);

    /// <summary>422 for unit changes of which none was recorded: each broken rule with the change's index (0-based).</summary>
    public static ProblemHttpResult InvalidChanges(IReadOnlyList<Units.Timeline.UnitChangeViolation> violations) =>
        Refusal.Of(RegistryCodes.UnitChangesInvalid, violations.Count)
            .With("violations", violations.Select(v => new { index = v.Index, field = v.Violation.Field, code = v.Violation.Code, message_vi = v.Violation.Vietnamese, message_en = v.Violation.English }).ToList())
            .ToProblem();

    /// <summary>422 for a file that imported nothing, with the row-by-row report.</summary>
    public static ProblemHttpResult ImportFailed(ImportReport report) =>
        Refusal.Of(RegistryCodes.ImportInvalid, report.Errors.Count).With("errors", report.Errors).ToProblem();

    public static ProblemHttpResult NoFile() =>
        Refusal.Of(PlatformCodes.NoFile).ToProblem();
}

/// <summary>How a delete went.</summary>
public enum DeleteOutcome
{
    Deleted = 1,
    NotFound = 2,
    InUse = 3,
}
