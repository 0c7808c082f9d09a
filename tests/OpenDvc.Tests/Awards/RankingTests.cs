using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Results;

namespace OpenDvc.Tests.Awards;

/// <summary>The ranking against a table computed by hand (in the comments), with and without per-reviewer normalisation.</summary>
public sealed class RankingTests
{
    private static readonly DateTimeOffset Nine = new(2023, 8, 20, 2, 0, 0, TimeSpan.Zero);

    // Citizen services: data scores N1 50, N2 70, N3 60, N4 60. A lenient reviewer scores N1 67 and N2 61
    // (mean 64, sd 3); a harsh one N3 59 and N4 53 (mean 56, sd 3). All four: mean 60, sd √((49+1+1+49)/4) = 5.
    // Business services: two nominations with the same data score and no reviews, submitted an hour apart.
    private static readonly RankingEntry[] Entries =
    [
        new(1, NominationCategory.CitizenServices, "02", "P1", "N1", 50, Nine, false, false),
        new(2, NominationCategory.CitizenServices, "04", "P2", "N2", 70, Nine, false, false),
        new(3, NominationCategory.CitizenServices, "06", "P3", "N3", 60, Nine, false, false),
        new(4, NominationCategory.CitizenServices, "08", "P4", "N4", 60, Nine, false, false),
        new(6, NominationCategory.BusinessServices, "10", "P6", "B1", 40, Nine.AddHours(1), false, false),
        new(7, NominationCategory.BusinessServices, "11", "P7", "B2", 40, Nine, false, false),
    ];

    private static readonly ReviewTotal[] Totals =
    [
        new(1, "lenient", 67), new(2, "lenient", 61),
        new(3, "harsh", 59), new(4, "harsh", 53),
    ];

    [Fact]
    public void Raw_panel_scores_blend_half_and_half_with_the_data_score()
    {
        // N1 (50+67)/2 = 58.5; N2 (70+61)/2 = 65.5; N3 (60+59)/2 = 59.5; N4 (60+53)/2 = 56.5.
        var ranked = Ranking.Rank(Entries, Totals, new RankingRules(0.5m, NormaliseReviewers: false));

        Assert.Equal(
            [(2, 1, 61m, 65.5m), (3, 2, 59m, 59.5m), (1, 3, 67m, 58.5m), (4, 4, 53m, 56.5m)],
            ranked.Where(r => r.Entry.Category == NominationCategory.CitizenServices).Select(r => (r.Entry.NominationId, r.Rank, r.PanelScore!.Value, r.FinalScore)));
    }

    [Fact]
    public void Normalised_scores_remove_the_harsh_reviewers_offset_and_ties_go_to_the_higher_panel_score()
    {
        // z-scores: lenient N1 +1 → 60 + 5 = 65, N2 −1 → 55; harsh N3 +1 → 65, N4 −1 → 55.
        // Finals: N1 (50+65)/2 = 57.5, N2 (70+55)/2 = 62.5, N3 (60+65)/2 = 62.5, N4 (60+55)/2 = 57.5.
        // Ties at 62.5 and 57.5 go to the higher panel score: N3 before N2, N1 before N4.
        var ranked = Ranking.Rank(Entries, Totals, new RankingRules(0.5m, NormaliseReviewers: true));

        Assert.Equal(
            [(3, 1, 65m, 62.5m), (2, 2, 55m, 62.5m), (1, 3, 65m, 57.5m), (4, 4, 55m, 57.5m)],
            ranked.Where(r => r.Entry.Category == NominationCategory.CitizenServices).Select(r => (r.Entry.NominationId, r.Rank, r.PanelScore!.Value, r.FinalScore)));
    }

    [Fact]
    public void Equal_final_panel_and_data_scores_go_to_the_earlier_submission()
    {
        // No reviews: panel 0, final 0.5 × 40 = 20 for both; B2 was submitted an hour earlier.
        var ranked = Ranking.Rank(Entries, Totals, new RankingRules(0.5m, NormaliseReviewers: true));

        Assert.Equal(
            [(7, 1, 20m), (6, 2, 20m)],
            ranked.Where(r => r.Entry.Category == NominationCategory.BusinessServices).Select(r => (r.Entry.NominationId, r.Rank, r.FinalScore)));
        Assert.All(ranked.Where(r => r.Entry.Category == NominationCategory.BusinessServices), r => Assert.Null(r.PanelScore));
    }

    [Fact]
    public void Spread_shows_each_reviewers_mean_and_standard_deviation()
    {
        var spread = Ranking.Spread(Totals);

        Assert.Equal([("harsh", 2, 56m, 3m, 53m, 59m), ("lenient", 2, 64m, 3m, 61m, 67m)],
            spread.Select(s => (s.Reviewer, s.Reviews, s.Mean, s.StandardDeviation, s.Min, s.Max)));
    }

    [Fact]
    public void A_review_total_weighs_each_criterion_on_the_scale()
    {
        RubricCriterion[] rubric = [new("a", "A", "A", 3), new("b", "B", "B", 1)];

        // (3 × 8 + 1 × 4) ÷ 4 ÷ 10 × 100 = 70.
        Assert.Equal(70m, Ranking.TotalOf(rubric, 10, new Dictionary<string, int> { ["a"] = 8, ["b"] = 4 }));
    }
}
