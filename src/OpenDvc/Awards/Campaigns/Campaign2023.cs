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

    /// <summary>
    /// The demo data's campaign: letter 3179's rules for the year the app first starts in (that year and the one
    /// before), open that day, so a newcomer can nominate without an extension. Deadline 31 August, or 30 days on when
    /// that has passed; results on 10 October, or 40 days after the deadline when that comes later.
    /// </summary>
    public static AwardCampaign OpenOn(DateOnly today)
    {
        var campaign = Create();
        var deadline = new DateOnly(today.Year, 8, 31);
        deadline = deadline >= today ? deadline : today.AddDays(30);
        var announcement = new DateOnly(today.Year, 10, 10);
        campaign.Name = $"Tôn vinh dịch vụ công trực tuyến tiêu biểu năm {today.Year}";
        campaign.FirstYear = today.Year - 1;
        campaign.LastYear = today.Year;
        campaign.NominationDeadline = deadline;
        campaign.AnnouncementDate = announcement > deadline.AddDays(40) ? announcement : deadline.AddDays(40);
        return campaign;
    }
}
