using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;
using OpenDvc.Registry;

namespace OpenDvc.Directives;

/// <summary>The directives' problem answers, each with a stable code and both languages.</summary>
public static class DirectivesProblems
{
    /// <param name="code">The problem's code: a submission's by default, <c>OD-INCENTIVE-INVALID</c> for an incentive policy.</param>
    public static ProblemHttpResult Invalid(IReadOnlyList<RuleViolation> violations, string code = "OD-SUBMISSION-INVALID") =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, code,
            string.Join(" ", violations.Select(v => v.Vietnamese).Distinct()), string.Join(" ", violations.Select(v => v.English).Distinct()),
            new Dictionary<string, object?>
            {
                ["violations"] = violations.Select(v => new { field = v.Field, code = v.Code, message_vi = v.Vietnamese, message_en = v.English }).ToList(),
            });

    public static ProblemHttpResult UnknownDirective(int id) =>
        Problems.NotFound("OD-DIRECTIVE-UNKNOWN", $"Không có văn bản số {id}.", $"No directive {id}.");

    public static ProblemHttpResult UnknownDeliverable(int id) =>
        Problems.NotFound("OD-DELIVERABLE-UNKNOWN", $"Không có nội dung yêu cầu số {id}.", $"No deliverable {id}.");

    public static ProblemHttpResult UnknownIncentivePolicy(int id) =>
        Problems.NotFound("OD-INCENTIVE-UNKNOWN", $"Không có chính sách khuyến khích số {id}.", $"No incentive policy {id}.");

    public static ProblemHttpResult NotAddressed(string unit) =>
        Problems.NotFound("OD-DIRECTIVE-NOT-ADDRESSED", $"Văn bản không gửi đơn vị '{unit}'.", $"The directive is not addressed to unit '{unit}'.");

    public static ProblemHttpResult Outcome(WorkflowError error) =>
        Problems.Create(error.Status, error.Code, error.Vietnamese, error.English);

    public static ProblemHttpResult NoFile() =>
        Problems.Create(StatusCodes.Status400BadRequest, "OD-FILE-MISSING", "Chưa chọn tệp (trường 'file').", "No file was sent (form field 'file').");

    public static ProblemHttpResult BadDate() =>
        Problems.Create(StatusCodes.Status400BadRequest, "OD-DATE-INVALID", "Ngày phải có dạng yyyy-MM-dd.", "A date must be written yyyy-MM-dd.");
}

/// <summary>An expected refusal of the submission workflow: an HTTP status, a stable code, both languages.</summary>
public sealed record WorkflowError(int Status, string Code, string Vietnamese, string English)
{
    public static readonly WorkflowError Locked = new(StatusCodes.Status409Conflict, "OD-SUBMISSION-LOCKED",
        "Báo cáo đã gửi hoặc đã được chấp nhận; chỉ sửa được khi còn là bản nháp hoặc bị trả lại.",
        "The submission was sent or accepted; it can be edited only as a draft or when returned.");

    public static readonly WorkflowError NotAwaitingReview = new(StatusCodes.Status409Conflict, "OD-SUBMISSION-NOT-SUBMITTED",
        "Chỉ xem xét được báo cáo đã gửi và chưa xử lý.", "Only a submitted, not yet reviewed submission can be accepted or returned.");

    public static readonly WorkflowError CatalogStale = new(StatusCodes.Status409Conflict, "OD-CATALOG-STALE",
        "Danh mục không còn khớp với cơ sở dữ liệu thủ tục (ví dụ một thủ tục nay đã được cung cấp toàn trình); hãy trả lại để đơn vị cập nhật.",
        "The catalog no longer fits the registry (e.g. a procedure is now offered full-process); return it for the unit to update.");

    public static readonly WorkflowError PlanBelowLetter = new(StatusCodes.Status422UnprocessableEntity, "OD-PLAN-BELOW-LETTER",
        "Chỉ tiêu của kế hoạch thấp hơn chỉ tiêu văn bản yêu cầu: hãy nêu lý do.", "The plan's targets fall short of the letter's: state a reason.");

    public static readonly WorkflowError CommentRequired = new(StatusCodes.Status422UnprocessableEntity, "OD-SUBMISSION-COMMENT-REQUIRED",
        "Trả lại báo cáo phải nêu lý do.", "Returning a submission needs a comment.");

    public static readonly WorkflowError ByNominations = new(StatusCodes.Status409Conflict, "OD-DELIVERABLE-BY-NOMINATIONS",
        "Nội dung này được trả lời bằng đề xuất trong đợt tôn vinh (hoặc khai báo không có đề xuất); gia hạn cũng cấp trong đợt tôn vinh.",
        "This deliverable is answered by nominating in the award campaign (or declaring none); extensions are granted in the campaign too.");

    public static readonly WorkflowError BySurvey = new(StatusCodes.Status409Conflict, "OD-DELIVERABLE-BY-SURVEY",
        "Nội dung này được trả lời bằng cách gửi câu trả lời của đơn vị cho cuộc khảo sát, không gửi tệp tại đây.",
        "This deliverable is answered by sending the unit's answers to the survey, not by sending a file here.");

    public static readonly WorkflowError ByPortalAssessment = new(StatusCodes.Status409Conflict, "OD-DELIVERABLE-BY-PORTAL-ASSESSMENT",
        "Nội dung này được trả lời bằng cách gửi bản tự đánh giá cổng DVC của quý, không gửi tệp tại đây.",
        "This deliverable is answered by submitting the quarter's portal self-assessment, not by sending a file here.");

    /// <summary>Why a deliverable answered outside Directives takes no draft, file or version here.</summary>
    public static WorkflowError AnsweredElsewhere(Letters.Deliverable deliverable) => deliverable.Kind switch
    {
        Letters.DeliverableKind.SurveyAnswers => BySurvey,
        Letters.DeliverableKind.PortalSelfAssessment => ByPortalAssessment,
        _ => ByNominations,
    };

    public static readonly WorkflowError NotAddressed = new(StatusCodes.Status404NotFound, "OD-DIRECTIVE-NOT-ADDRESSED",
        "Văn bản không gửi đơn vị này.", "The directive is not addressed to this unit.");

    public static readonly WorkflowError UnknownDeliverable = new(StatusCodes.Status404NotFound, "OD-DELIVERABLE-UNKNOWN",
        "Không có nội dung yêu cầu này.", "No such deliverable.");

    public static readonly WorkflowError FileType = Of(Refusal.Of(PlatformCodes.FileType));

    public static readonly WorkflowError NotPdf = Of(Refusal.Of(PlatformCodes.FileNotPdf));

    public static WorkflowError Of(Refusal rejection) =>
        new(rejection.Status, rejection.Code, rejection.Vietnamese, rejection.English);
}
