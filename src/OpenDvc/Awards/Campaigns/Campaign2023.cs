namespace OpenDvc.Awards.Campaigns;

/// <summary>
/// The 2023 campaign of letter 3179/BTTTT-CĐSQG: services of 2022 and 2023, at most 5 for citizens and 5 for
/// businesses per unit, nominations by 31 August 2023, results on 10 October 2023. No official rubric was published:
/// the criteria and weights below are the platform's, public with the results (docs/domain.md).
/// </summary>
public static class Campaign2023
{
    public static IReadOnlyList<RubricCriterion> Rubric { get; } =
    [
        new("benefit", "Hiệu quả, lợi ích cho người dân, doanh nghiệp", "Benefit to citizens and businesses", 30),
        new("uptake", "Mức độ sử dụng", "Uptake", 25),
        new("experience", "Trải nghiệm người dùng", "User experience", 20),
        new("data-reuse", "Kết nối, tái sử dụng dữ liệu", "Integration and data reuse", 15),
        new("replicability", "Khả năng nhân rộng", "Replicability", 10),
    ];

    public static AwardCampaign Create()
    {
        var campaign = new AwardCampaign
        {
            Name = "Tôn vinh dịch vụ công trực tuyến tiêu biểu năm 2023",
            Letter = "3179/BTTTT-CĐSQG",
            FirstYear = 2022,
            LastYear = 2023,
            NominationDeadline = new DateOnly(2023, 8, 31),
            AnnouncementDate = new DateOnly(2023, 10, 10),
        };
        campaign.SetCriteria(Rubric);
        return campaign;
    }
}
