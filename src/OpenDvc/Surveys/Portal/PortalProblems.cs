using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Web;

namespace OpenDvc.Surveys.Portal;

/// <summary>An expected refusal of the portal checklist: an HTTP status, a stable code, both languages.</summary>
public sealed record PortalError(int Status, string Code, string Vietnamese, string English)
{
    public static readonly PortalError QuarterInvalid = new(StatusCodes.Status400BadRequest, "OD-PORTAL-QUARTER-INVALID",
        "Quý phải có dạng yyyy-Qn, ví dụ 2024-Q1.", "The quarter must read yyyy-Qn, e.g. 2024-Q1.");

    public static readonly PortalError QuarterFuture = new(StatusCodes.Status409Conflict, "OD-PORTAL-QUARTER-FUTURE",
        "Chưa thể tự đánh giá cho quý chưa bắt đầu.", "A quarter cannot be assessed before it begins.");

    public static readonly PortalError UnitUnknown = new(StatusCodes.Status404NotFound, "OD-UNIT-UNKNOWN", "Không có đơn vị này.", "No such unit.");

    public static readonly PortalError AlreadySubmitted = new(StatusCodes.Status409Conflict, "OD-PORTAL-ALREADY-SUBMITTED",
        "Đơn vị đã gửi bản tự đánh giá của quý này; bản đã gửi không sửa được.", "The unit has sent its assessment for this quarter; a sent assessment is final.");

    public static readonly PortalError NoCriteria = new(StatusCodes.Status409Conflict, "OD-PORTAL-NO-CRITERIA",
        "Không có tiêu chí nào có hiệu lực trong quý này.", "No checklist items are in force in this quarter.");
}

/// <summary>What is wrong with an assessment or a checklist item: the field, a stable code, both languages.</summary>
public sealed record PortalViolation(string Field, string Code, string Vietnamese, string English);

/// <summary>The portal checklist's problem answers (RFC 9457, <see cref="Problems"/>).</summary>
public static class PortalProblems
{
    public static ProblemHttpResult Of(PortalError error) => Problems.Create(error.Status, error.Code, error.Vietnamese, error.English);

    public static ProblemHttpResult Invalid(IReadOnlyList<PortalViolation> violations) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, "OD-PORTAL-INVALID",
            string.Join(" ", violations.Select(v => v.Vietnamese).Distinct()), string.Join(" ", violations.Select(v => v.English).Distinct()),
            new Dictionary<string, object?>
            {
                ["violations"] = violations.Select(v => new { field = v.Field, code = v.Code, message_vi = v.Vietnamese, message_en = v.English }).ToList(),
            });
}
