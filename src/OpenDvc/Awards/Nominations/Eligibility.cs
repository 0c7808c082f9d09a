using System.Globalization;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Evidence;
using OpenDvc.Indicators;
using OpenDvc.Registry.Services;

namespace OpenDvc.Awards.Nominations;

/// <summary>One criterion of letter 3179 with the figures that decide it, in both languages.</summary>
public sealed record CriterionVerdict(string Code, bool Passed, string FiguresVi, string FiguresEn);

/// <summary>Eligible ⇔ (a) full-process and (b) at least one of b1, b2, b3 (letter 3179/BTTTT-CĐSQG).</summary>
public sealed record EligibilityVerdict(bool Eligible, IReadOnlyList<CriterionVerdict> Criteria);

public static class Eligibility
{
    public const string FullProcess = "a-full-process";
    public const string HighestOnline = "b1-highest-online";
    public const string Satisfaction = "b2-satisfaction";
    public const string Savings = "b3-savings";

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    public static EligibilityVerdict Judge(AwardCampaign campaign, ServiceEvidence evidence)
    {
        var fullProcess = evidence.Level == ServiceLevel.FullProcess;
        var a = new CriterionVerdict(FullProcess, fullProcess,
            fullProcess ? $"Mức độ: toàn trình{Since(evidence, Vi)}." : evidence.Level is null ? "Đơn vị không cung cấp dịch vụ này trực tuyến." : "Mức độ: một phần.",
            fullProcess ? $"Level: full-process{Since(evidence, En)}." : evidence.Level is null ? "The unit does not provide this service online." : "Level: partial.");

        // "The most online dossiers in 2022 and 2023": in the unit's top N services by online dossiers in every year.
        var top = campaign.TopOnlineServices;
        var highest = evidence.Years.Count > 0 && evidence.Years.All(y => y.Rank <= top);
        var b1 = new CriterionVerdict(HighestOnline, highest,
            string.Format(Vi, "Trong {0:N0} dịch vụ có nhiều hồ sơ trực tuyến nhất của đơn vị ở mỗi năm. ", top) + string.Join("; ", evidence.Years.Select(y => string.Format(Vi, y.Rank is null
                ? "{0}: {1:N0} hồ sơ trực tuyến, không xếp hạng ({3:N0} dịch vụ của đơn vị có hồ sơ trực tuyến, cao nhất {4:N0})"
                : "{0}: {1:N0} hồ sơ trực tuyến, hạng {2} trong {3:N0} dịch vụ của đơn vị (cao nhất {4:N0})", y.Year, y.OnlineDossiers, y.Rank, y.ServicesInUnit, y.UnitHighest))) + ".",
            string.Format(En, "Among the unit's top {0:N0} services by online dossiers in every year. ", top) + string.Join("; ", evidence.Years.Select(y => string.Format(En, y.Rank is null
                ? "{0}: {1:N0} online dossiers, no rank ({3:N0} of the unit's services have online dossiers, highest {4:N0})"
                : "{0}: {1:N0} online dossiers, rank {2} of {3:N0} in the unit (highest {4:N0})", y.Year, y.OnlineDossiers, y.Rank, y.ServicesInUnit, y.UnitHighest))) + ".");

        var satisfied = evidence.RatedVerySatisfied + evidence.RatedSatisfied;
        var enoughRatings = evidence.Rated >= campaign.MinRatings;

        // Compared on whole numbers of ratings: satisfied ≥ threshold × rated, so 89.9 % never rounds up to 90 %.
        var satisfactionMet = enoughRatings && satisfied >= campaign.MinSatisfaction * evidence.Rated;
        var b2 = new CriterionVerdict(Satisfaction, satisfactionMet,
            string.Format(Vi, "{0:N0}/{1:N0} đánh giá hài lòng hoặc rất hài lòng ({2}); ngưỡng {3:P0}, tối thiểu {4:N0} đánh giá{5}.",
                satisfied, evidence.Rated, Percent(evidence.Satisfaction, Vi), campaign.MinSatisfaction, campaign.MinRatings, enoughRatings ? "" : " — chưa đủ số đánh giá"),
            string.Format(En, "{0:N0}/{1:N0} ratings satisfied or very satisfied ({2}); threshold {3:P0}, at least {4:N0} ratings{5}.",
                satisfied, evidence.Rated, Percent(evidence.Satisfaction, En), campaign.MinSatisfaction, campaign.MinRatings, enoughRatings ? "" : " — too few ratings"));

        // The indicators' estimate (issue 19): applicant hours are the trips avoided; the shorter wait is shown, in days, apart.
        var s = evidence.Savings;
        var hoursPerTrip = evidence.SavingsAssumptions.HoursPerTrip;
        // Issue 18: below the campaign's sample of remote online dossiers the estimate measures nothing, whatever its hours.
        var sample = s.RemoteOnlineDossiers;
        var enoughDossiers = sample >= campaign.MinRemoteDossiers;
        var savingsMet = enoughDossiers && s.HoursSaved >= campaign.MinSavedHours;
        var b3 = new CriterionVerdict(Savings, savingsMet,
            string.Format(Vi, "Tiết kiệm ước tính {0:N0} giờ và {1:N0} đồng (ngưỡng {2:N0} giờ, tối thiểu {7:N0} hồ sơ trực tuyến từ xa): {3:N0} chuyến đi × {4} giờ; thời gian chờ rút ngắn {5}; lệ phí {6}{8}.",
                s.HoursSaved, s.TotalDong, campaign.MinSavedHours, s.TripsAvoided, hoursPerTrip,
                s.WaitingDaysSaved is { } w ? string.Format(Vi, "{0:N1} ngày", w) : "chưa ước tính", s.FeesSaved is { } f ? string.Format(Vi, "{0:N0} đồng", f) : "chưa ước tính",
                campaign.MinRemoteDossiers, enoughDossiers ? "" : string.Format(Vi, " — chỉ có {0:N0} hồ sơ trực tuyến từ xa, cần ít nhất {1:N0}", sample, campaign.MinRemoteDossiers)),
            string.Format(En, "Estimated savings {0:N0} hours and {1:N0} đồng (threshold {2:N0} hours, at least {7:N0} remote online dossiers): {3:N0} trips × {4} hours; waiting shortened by {5}; fees {6}{8}.",
                s.HoursSaved, s.TotalDong, campaign.MinSavedHours, s.TripsAvoided, hoursPerTrip,
                s.WaitingDaysSaved is { } we ? string.Format(En, "{0:N1} days", we) : "not estimated", s.FeesSaved is { } fe ? string.Format(En, "{0:N0} đồng", fe) : "not estimated",
                campaign.MinRemoteDossiers, enoughDossiers ? "" : string.Format(En, " — only {0:N0} remote online dossiers, at least {1:N0} needed", sample, campaign.MinRemoteDossiers)));

        return new EligibilityVerdict(a.Passed && (b1.Passed || b2.Passed || b3.Passed), [a, b1, b2, b3]);
    }

    private static string Since(ServiceEvidence evidence, CultureInfo culture) =>
        evidence.FullProcessSince is { } since ? string.Format(culture, culture == Vi ? " từ {0:dd/MM/yyyy}" : " since {0:dd/MM/yyyy}", since) : "";

    // Rounded as the indicator pages round; the verdict itself compares whole numbers of ratings, never this text.
    private static string Percent(decimal? ratio, CultureInfo culture) =>
        ratio is null ? culture == Vi ? "chưa có dữ liệu" : "no data" : IndicatorDisplay.PercentIn(ratio, culture);
}
