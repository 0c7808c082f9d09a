using System.ComponentModel.DataAnnotations;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Awards.Campaigns;

/// <summary>A campaign's configuration as an admin writes it (API and page).</summary>
public sealed record CampaignInput(
    [Required, StringLength(256)] string Name,
    [StringLength(64)] string? Letter,
    [Range(2015, 2100)] int FirstYear,
    [Range(2015, 2100)] int LastYear,
    DateOnly NominationDeadline,
    DateOnly AnnouncementDate,
    [Range(0, 100)] int CitizenQuota,
    [Range(0, 100)] int BusinessQuota,
    [Range(0, 100)] int SolutionQuota,
    [Range(0, 1)] decimal MinSatisfaction,
    [Range(0, 1_000_000)] int MinRatings,
    [Range(0, int.MaxValue)] int MinSavedHours,
    [Range(0, 100)] decimal TripsPerDossier,
    [Range(0, 1000)] decimal HoursPerTrip,
    [Range(0, 100_000_000)] long CostPerTrip,
    [Range(0, 100_000_000)] long ValueOfHour,
    [Required] IReadOnlyList<RubricCriterion> Rubric,
    [Range(1, 100)] int ScaleMax,
    [Range(1, 20)] int ReviewersPerNomination,
    [Range(0, 1)] decimal DataWeight,
    bool NormaliseReviewers,
    [Range(1, 1000)] int TopOnlineServices = 10,
    [Range(0, 100)] int MinistryAwards = 5,
    [Range(0, 100)] int ProvinceAwards = 10,
    [Range(0, 1_000_000)] int MinRemoteDossiers = 30)
{
    public static CampaignInput From(AwardCampaign c) => new(
        c.Name, c.Letter, c.FirstYear, c.LastYear, c.NominationDeadline, c.AnnouncementDate, c.CitizenQuota, c.BusinessQuota, c.SolutionQuota,
        c.MinSatisfaction, c.MinRatings, c.MinSavedHours, c.TripsPerDossier, c.HoursPerTrip, c.CostPerTrip, c.ValueOfHour,
        c.Criteria(), c.ScaleMax, c.ReviewersPerNomination, c.DataWeight, c.NormaliseReviewers, c.TopOnlineServices, c.MinistryAwards, c.ProvinceAwards, c.MinRemoteDossiers);

    /// <summary>Rules across fields; null when the input is sound.</summary>
    public Refusal? Check()
    {
        if (LastYear < FirstYear || AnnouncementDate < NominationDeadline)
        {
            return Refusal.Of(AwardCodes.CampaignDates);
        }

        if (Rubric.Count == 0 || Rubric.Any(c => string.IsNullOrWhiteSpace(c.Code) || c.Weight <= 0) || Rubric.Select(c => c.Code).Distinct().Count() != Rubric.Count)
        {
            return Refusal.Of(AwardCodes.Rubric);
        }

        return null;
    }

    public void ApplyTo(AwardCampaign c)
    {
        c.Name = Name.Trim();
        c.Letter = Letter?.Trim();
        c.FirstYear = FirstYear;
        c.LastYear = LastYear;
        c.NominationDeadline = NominationDeadline;
        c.AnnouncementDate = AnnouncementDate;
        c.CitizenQuota = CitizenQuota;
        c.BusinessQuota = BusinessQuota;
        c.SolutionQuota = SolutionQuota;
        c.MinSatisfaction = MinSatisfaction;
        c.MinRatings = MinRatings;
        c.MinSavedHours = MinSavedHours;
        c.TripsPerDossier = TripsPerDossier;
        c.HoursPerTrip = HoursPerTrip;
        c.CostPerTrip = CostPerTrip;
        c.ValueOfHour = ValueOfHour;
        c.SetCriteria(Rubric);
        c.ScaleMax = ScaleMax;
        c.ReviewersPerNomination = ReviewersPerNomination;
        c.DataWeight = DataWeight;
        c.NormaliseReviewers = NormaliseReviewers;
        c.TopOnlineServices = TopOnlineServices;
        c.MinistryAwards = MinistryAwards;
        c.ProvinceAwards = ProvinceAwards;
        c.MinRemoteDossiers = MinRemoteDossiers;
    }
}

/// <summary>An admin's extension of a campaign's nomination deadline for one unit.</summary>
/// <param name="Until">The unit's last day to nominate (Vietnam calendar day); required.</param>
/// <param name="Reason">Why the unit gets more time.</param>
public sealed record CampaignExtensionInput([Required] DateOnly? Until, [StringLength(512)] string? Reason);
