namespace OpenDvc.Awards.Evidence;

/// <summary>
/// The data score (0–100) of a nomination: the mean of the service's available ratios — satisfaction (only with the
/// campaign's minimum number of ratings), on-time rate, online payment rate and online share — times 100.
/// A ratio without data is left out rather than counted as 0 % or 100 % (docs/domain.md); no ratio at all scores 0.
/// Our rule, not the letter's: it is shown with the results.
/// </summary>
public static class DataScore
{
    public const string RuleVi = "Điểm dữ liệu = trung bình các tỷ lệ có dữ liệu (hài lòng khi đủ số đánh giá tối thiểu, đúng hạn, thanh toán trực tuyến, hồ sơ trực tuyến) × 100.";
    public const string RuleEn = "Data score = mean of the available ratios (satisfaction with the minimum number of ratings, on time, online payment, online dossiers) × 100.";

    public static decimal Of(ServiceEvidence evidence, int minRatings)
    {
        decimal?[] ratios =
        [
            evidence.Rated >= minRatings ? evidence.Satisfaction : null,
            evidence.OnTimeRate,
            evidence.OnlinePaymentRate,
            evidence.OnlineShare,
        ];
        var available = ratios.OfType<decimal>().ToList();
        return available.Count == 0 ? 0 : Math.Round(available.Average() * 100, 3);
    }
}
