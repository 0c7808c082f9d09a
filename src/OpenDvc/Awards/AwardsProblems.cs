using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Web;

namespace OpenDvc.Awards;

/// <summary>An expected refusal of an awards operation: HTTP status, stable code, message in both languages, and extra fields.</summary>
public sealed record AwardError(int Status, string Code, string Vietnamese, string English, object? Detail = null)
{
    public string Message => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi" ? Vietnamese : English;

    public ProblemHttpResult ToProblem() => Problems.Create(Status, Code, Vietnamese, English,
        Detail is null ? null : new Dictionary<string, object?> { ["detail"] = Detail });

    public static readonly AwardError Forbidden = new(403, "OD-FORBIDDEN", "Bạn không có quyền với dữ liệu của đơn vị này.", "You may not access this unit's data.");

    public static AwardError CampaignNotFound(int id) => new(404, "OD-AWARD-CAMPAIGN-NOT-FOUND", $"Không có đợt tôn vinh số {id}.", $"No award campaign {id}.");

    public static AwardError NominationNotFound(int id) => new(404, "OD-AWARD-NOMINATION-NOT-FOUND", $"Không có đề xuất số {id}.", $"No nomination {id}.");

    public static readonly AwardError Published = new(409, "OD-AWARD-PUBLISHED", "Kết quả đợt tôn vinh đã công bố; không thay đổi được nữa.", "The campaign's results are published; nothing can change any more.");
}
