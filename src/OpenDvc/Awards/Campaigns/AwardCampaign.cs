using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Indicators.Savings;
using OpenDvc.Platform.Audit;
using OpenDvc.Registry.Units;

namespace OpenDvc.Awards.Campaigns;

/// <summary>
/// An award campaign (đợt tôn vinh dịch vụ công trực tuyến tiêu biểu), e.g. the 2023 campaign of letter
/// 3179/BTTTT-CĐSQG: the years it covers, the quotas, the deadline, the eligibility thresholds, the savings
/// assumptions and the appraisal rubric. Every figure that is a choice rather than the letter's is configuration here.
/// </summary>
public sealed class AwardCampaign : IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The letter that opened the campaign, e.g. 3179/BTTTT-CĐSQG.</summary>
    public string? Letter { get; set; }

    /// <summary>The years whose online dossiers count (2022 and 2023 for the 2023 campaign).</summary>
    public int FirstYear { get; set; }
    public int LastYear { get; set; }

    /// <summary>Last day (Vietnam calendar, inclusive) a unit may submit: 31 August 2023 in the letter.</summary>
    public DateOnly NominationDeadline { get; set; }

    /// <summary>National Digital Transformation Day, 10 October.</summary>
    public DateOnly AnnouncementDate { get; set; }

    /// <summary>Letter 3179: at most 5 services for citizens and 5 for businesses per unit.</summary>
    public int CitizenQuota { get; set; } = 5;
    public int BusinessQuota { get; set; } = 5;

    /// <summary>Solutions for providing online services: not capped by the letter; our default is 1 per unit.</summary>
    public int SolutionQuota { get; set; } = 1;

    /// <summary>Letter 3179: satisfaction at least 90 %.</summary>
    public decimal MinSatisfaction { get; set; } = 0.90m;

    /// <summary>docs/domain.md: satisfaction is shown only with at least this many ratings (default 30).</summary>
    public int MinRatings { get; set; } = 30;

    /// <summary>
    /// Letter 3179 (b): "the most online dossiers in 2022 and 2023", read as the letter means it: among the unit's
    /// services with the most online dossiers, i.e. in its top this-many by online dossiers in every covered year
    /// (our reading and default 10; 1 is the strictest reading, the highest only).
    /// </summary>
    public int TopOnlineServices { get; set; } = 10;

    /// <summary>
    /// Letter 3179 honours the excellent services of ministries and of provinces apart: how many services are honoured
    /// in each category (citizen services, business services, solutions) within each group. The letter gives no
    /// number; ours are 5 for the ministries and agencies and 10 for the provinces (63 provinces against 22 ministries).
    /// </summary>
    public int MinistryAwards { get; set; } = 5;
    public int ProvinceAwards { get; set; } = 10;

    /// <summary>Our choice: applicant hours saved over the covered years for savings to count as "measurable".</summary>
    public int MinSavedHours { get; set; } = 1000;

    /// <summary>
    /// Issue 18: the fewest remote online dossiers over the covered years for the time and cost saved to count (our
    /// choice, default 30 like <see cref="MinRatings"/>): a handful of dossiers measures nothing.
    /// </summary>
    public int MinRemoteDossiers { get; set; } = 30;

    /// <summary>Savings model: trips to the one-stop counter a remote online dossier avoids (submit, collect).</summary>
    public decimal TripsPerDossier { get; set; } = 2m;
    public decimal HoursPerTrip { get; set; } = 2m;

    /// <summary>Travel cost of one trip, đồng.</summary>
    public long CostPerTrip { get; set; } = 30_000;

    /// <summary>Value of an applicant's hour, đồng (2023 regional minimum wage I, 4,680,000 đ/month ÷ 208 h ≈ 22,500).</summary>
    public long ValueOfHour { get; set; } = 22_500;

    /// <summary>The campaign's savings assumptions in the indicators' model (the one formula of the time and cost saved).</summary>
    public SavingsOptions SavingsAssumptions() => new()
    {
        TripsPerCounterDossier = TripsPerDossier,
        HoursPerTrip = HoursPerTrip,
        CostPerTrip = CostPerTrip,
        ValueOfHour = ValueOfHour,
    };

    /// <summary>The appraisal rubric as JSON (<see cref="RubricCriterion"/> list); scores run 0..<see cref="ScaleMax"/>.</summary>
    public string Rubric { get; set; } = "[]";
    public int ScaleMax { get; set; } = 10;

    /// <summary>How many reviewers score each nomination.</summary>
    public int ReviewersPerNomination { get; set; } = 2;

    /// <summary>Share of the data score in the final score (the panel score has the rest).</summary>
    public decimal DataWeight { get; set; } = 0.4m;

    /// <summary>Whether panel scores are normalised per reviewer (z-score) before they are averaged.</summary>
    public bool NormaliseReviewers { get; set; } = true;

    /// <summary>When the results were published; nothing of the appraisal is public before.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    public IReadOnlyList<RubricCriterion> Criteria() =>
        JsonSerializer.Deserialize<List<RubricCriterion>>(Rubric, RubricCriterion.Json) ?? [];

    public void SetCriteria(IEnumerable<RubricCriterion> criteria) =>
        Rubric = JsonSerializer.Serialize(criteria.ToList(), RubricCriterion.Json);

    public IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1);

    /// <summary>
    /// The day whose units the campaign accepts and names (issue 15): its nomination deadline, or the end of its last
    /// covered year when that comes first.
    /// </summary>
    public DateOnly UnitsOn => NominationDeadline < new DateOnly(LastYear, 12, 31) ? NominationDeadline : new DateOnly(LastYear, 12, 31);

    /// <summary>How many services a group (<see cref="UnitGroup"/>) has honoured in each category.</summary>
    public int AwardsOf(UnitGroup group) => group == UnitGroup.Provinces ? ProvinceAwards : MinistryAwards;

    public int QuotaOf(NominationCategory category) => category switch
    {
        NominationCategory.CitizenServices => CitizenQuota,
        NominationCategory.BusinessServices => BusinessQuota,
        _ => SolutionQuota,
    };
}

/// <summary>One criterion of the appraisal rubric: a code, its names and its weight.</summary>
public sealed record RubricCriterion(string Code, string NameVi, string NameEn, decimal Weight)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>The categories of letter 3179: services for citizens, services for businesses, and solutions.</summary>
public enum NominationCategory
{
    CitizenServices = 1,
    BusinessServices = 2,
    Solutions = 3,
}

/// <summary>Letter 3179's two groups, ranked and honoured apart: ministries and agencies (with Vietnam Social Security), and provinces.</summary>
public enum UnitGroup
{
    Ministries = 1,
    Provinces = 2,
}

/// <summary>An admin lets one unit submit after the deadline, until a later day (audited).</summary>
public sealed class CampaignExtension : IAudited
{
    public int CampaignId { get; set; }
    public required string UnitCode { get; set; }

    /// <summary>Last day (Vietnam calendar, inclusive) the unit may submit.</summary>
    public DateOnly Until { get; set; }
    public string? Reason { get; set; }

    string? IAudited.AuditUnitCode => UnitCode;
}

internal sealed class AwardCampaignConfiguration : IEntityTypeConfiguration<AwardCampaign>, IEntityTypeConfiguration<CampaignExtension>
{
    public void Configure(EntityTypeBuilder<AwardCampaign> builder)
    {
        builder.ToTable("award_campaigns");
        builder.Property(c => c.Name).HasMaxLength(256);
        builder.Property(c => c.Letter).HasMaxLength(64);
        builder.Property(c => c.Rubric).HasMaxLength(8000);
        builder.Property(c => c.MinSatisfaction).HasPrecision(5, 4);
        builder.Property(c => c.TripsPerDossier).HasPrecision(6, 2);
        builder.Property(c => c.HoursPerTrip).HasPrecision(6, 2);
        builder.Property(c => c.DataWeight).HasPrecision(5, 4);
    }

    public void Configure(EntityTypeBuilder<CampaignExtension> builder)
    {
        builder.ToTable("award_campaign_extensions");
        builder.HasKey(e => new { e.CampaignId, e.UnitCode });
        builder.Property(e => e.UnitCode).HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(512);
        builder.HasOne<AwardCampaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(e => e.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}
