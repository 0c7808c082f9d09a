using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Web;

namespace OpenDvc.Surveys;

/// <summary>An expected refusal of the surveys: an HTTP status, a stable code, both languages.</summary>
public sealed record SurveyError(int Status, string Code, string Vietnamese, string English)
{
    public static readonly SurveyError Unknown = new(StatusCodes.Status404NotFound, "OD-SURVEY-UNKNOWN", "Không có cuộc khảo sát này.", "No such survey.");

    public static readonly SurveyError NotDraft = new(StatusCodes.Status409Conflict, "OD-SURVEY-NOT-DRAFT",
        "Chỉ sửa được bảng hỏi khi cuộc khảo sát còn là bản nháp.", "The questionnaire can be changed only while the survey is a draft.");

    public static readonly SurveyError NotOpen = new(StatusCodes.Status409Conflict, "OD-SURVEY-NOT-OPEN",
        "Cuộc khảo sát không nhận trả lời vào lúc này.", "The survey is not taking answers now.");

    public static readonly SurveyError NotAsked = new(StatusCodes.Status404NotFound, "OD-SURVEY-NOT-ASKED",
        "Cuộc khảo sát không gửi đơn vị này.", "The survey is not sent to this unit.");

    public static readonly SurveyError AlreadyAnswered = new(StatusCodes.Status409Conflict, "OD-SURVEY-ALREADY-ANSWERED",
        "Đơn vị đã gửi câu trả lời; mỗi đơn vị trả lời một lần.", "The unit has sent its answers; each unit answers once.");

    public static readonly SurveyError TokenUsed = new(StatusCodes.Status409Conflict, "OD-SURVEY-TOKEN-USED",
        "Đường dẫn này đã được dùng để trả lời; mỗi lượt chỉ trả lời một lần.", "This link has already been used to answer; one answer per visit.");

    public static readonly SurveyError TokenInvalid = new(StatusCodes.Status400BadRequest, "OD-SURVEY-TOKEN-INVALID",
        "Mã trả lời không hợp lệ; hãy mở lại đường dẫn khảo sát.", "The answer token is not valid; open the survey link again.");

    public static readonly SurveyError NoQuestions = new(StatusCodes.Status409Conflict, "OD-SURVEY-NO-QUESTIONS",
        "Bảng hỏi chưa có câu hỏi nào.", "The questionnaire has no questions.");

    public static readonly SurveyError WrongAudience = new(StatusCodes.Status409Conflict, "OD-SURVEY-WRONG-AUDIENCE",
        "Cuộc khảo sát không dành cho đối tượng này.", "The survey is not meant for this audience.");
}

/// <summary>The surveys' problem answers (RFC 9457, <see cref="Problems"/>).</summary>
public static class SurveysProblems
{
    public static ProblemHttpResult Of(SurveyError error) => Problems.Create(error.Status, error.Code, error.Vietnamese, error.English);

    public static ProblemHttpResult Invalid(IReadOnlyList<SurveyViolation> violations) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, "OD-SURVEY-INVALID",
            string.Join(" ", violations.Select(v => v.Vietnamese).Distinct()), string.Join(" ", violations.Select(v => v.English).Distinct()),
            new Dictionary<string, object?>
            {
                ["violations"] = violations.Select(v => new { field = v.Field, code = v.Code, message_vi = v.Vietnamese, message_en = v.English }).ToList(),
            });

    public static ProblemHttpResult TooManyAnswers() =>
        Problems.Create(StatusCodes.Status429TooManyRequests, "OD-SURVEY-TOO-MANY-ANSWERS",
            "Quá nhiều câu trả lời từ địa chỉ này; vui lòng thử lại sau.", "Too many answers from this address; please try again later.");
}

/// <summary>What is wrong with a questionnaire or an answer: the field (a question code), a stable code, both languages.</summary>
public sealed record SurveyViolation(string Field, string Code, string Vietnamese, string English);
