using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Registry;

/// <summary>The registry's problem answers, beside the platform's 404/409/403.</summary>
public static class RegistryProblems
{
    /// <summary>422 with every broken rule: field, stable code and message in both languages.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<RuleViolation> violations) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, "OD-REGISTRY-INVALID",
            string.Join(" ", violations.Select(v => v.Vietnamese)), string.Join(" ", violations.Select(v => v.English)),
            new Dictionary<string, object?>
            {
                ["violations"] = violations.Select(v => new { field = v.Field, code = v.Code, message_vi = v.Vietnamese, message_en = v.English }).ToList(),
            });

    /// <summary>422 for unit changes of which none was recorded: each broken rule with the change's index (0-based).</summary>
    public static ProblemHttpResult InvalidChanges(IReadOnlyList<Units.Timeline.UnitChangeViolation> violations) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, "OD-UNIT-CHANGES-INVALID",
            $"Có {violations.Count} lỗi; không ghi thay đổi nào.", $"{violations.Count} rule(s) broken; no change was recorded.",
            new Dictionary<string, object?>
            {
                ["violations"] = violations.Select(v => new { index = v.Index, field = v.Violation.Field, code = v.Violation.Code, message_vi = v.Violation.Vietnamese, message_en = v.Violation.English }).ToList(),
            });

    /// <summary>422 for a file that imported nothing, with the row-by-row report.</summary>
    public static ProblemHttpResult ImportFailed(ImportReport report) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, "OD-IMPORT-INVALID",
            $"Tệp có {report.Errors.Count} lỗi; không ghi dòng nào.", $"The file has {report.Errors.Count} error(s); nothing was written.",
            new Dictionary<string, object?> { ["errors"] = report.Errors });

    public static ProblemHttpResult NoFile() =>
        Problems.Create(StatusCodes.Status400BadRequest, "OD-IMPORT-NO-FILE", "Chưa chọn tệp (trường 'file').", "No file was sent (form field 'file').");
}

/// <summary>How a delete went.</summary>
public enum DeleteOutcome
{
    Deleted = 1,
    NotFound = 2,
    InUse = 3,
}
