using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Definitions;
using OpenDvc.Indicators.Rankings;

namespace OpenDvc.Tests.Indicators;

/// <summary>Golden tests of the target rule, the index and the ranking rule (docs/domain.md, Indicators).</summary>
public sealed class ScoringTests
{
    [Theory]
    [InlineData(0.50, 0.50, 6, 6)] // reaches T: the maximum
    [InlineData(0.75, 0.50, 6, 6)] // beyond T: still the maximum
    [InlineData(0.25, 0.50, 6, 3)] // ratio × max ÷ T
    [InlineData(0.40, 0.80, 4, 2)]
    [InlineData(0.00, 0.80, 4, 0)] // a real zero scores zero
    [InlineData(0.90, null, 20, 18)] // no target: T = 100 %
    [InlineData(1.00, null, 20, 20)]
    public void Score_follows_the_target_rule(double ratio, double? target, int max, double expected)
    {
        var score = Scoring.Score((decimal)ratio, (decimal?)target, max);

        Assert.Equal((decimal)expected, score);
    }

    [Fact]
    public void No_data_scores_nothing_and_an_unscored_indicator_has_no_score()
    {
        Assert.Null(Scoring.Score(null, 0.5m, 6));
        Assert.Null(Scoring.Score(0.7m, null, 0));
    }

    [Fact]
    public void Zero_denominator_is_no_data_never_zero_or_hundred_percent()
    {
        var empty = new Totals();

        var values = IndicatorSeeder.Seed().Select(d => Scoring.Evaluate(d, empty, new Formulas.FormulaSettings(30))).ToList();

        Assert.All(values, v => Assert.Null(v.Value));
        Assert.All(values, v => Assert.Equal(NoData.ZeroDenominator, v.Missing));
        Assert.Equal(new IndexScore(0, 0), Scoring.Index(values));
    }

    [Fact]
    public void Satisfaction_needs_the_minimum_number_of_ratings()
    {
        var satisfaction = IndicatorSeeder.Seed().Single(d => d.FormulaKey == Formulas.Satisfaction);
        var few = new Totals { RatedVerySatisfied = 20, RatedSatisfied = 8, RatedNotSatisfied = 1 };
        var enough = new Totals { RatedVerySatisfied = 20, RatedSatisfied = 8, RatedNotSatisfied = 2 };

        var withFew = Scoring.Evaluate(satisfaction, few, new Formulas.FormulaSettings(30));
        var withEnough = Scoring.Evaluate(satisfaction, enough, new Formulas.FormulaSettings(30));

        Assert.Equal((null, NoData.TooFewRatings), (withFew.Value, withFew.Missing));
        Assert.Equal(28m / 30m, withEnough.Value);
        Assert.True(withEnough.MeetsTarget);
    }

    [Fact]
    public void Index_sums_the_scored_indicators_with_data_and_says_which_points_it_covers()
    {
        // 2.1: 90 of 100 on the clock → 18 of 20; 3.6: 3 of 6 fee-bearing paid online → 3 of 6; nothing else has data.
        var totals = new Totals { FinishedOnTime = 90, FinishedLate = 10, FeeBearing = 6, PaidOnline = 3 };

        var values = IndicatorSeeder.Seed().Select(d => Scoring.Evaluate(d, totals, new Formulas.FormulaSettings(30))).ToList();
        var index = Scoring.Index(values);

        Assert.Equal(21m, index.Points);
        Assert.Equal(26m, index.CoveredPoints);
        Assert.Equal(0.26m, index.CoveredShare);
    }

    [Fact]
    public void Seeded_index_is_worth_66_of_the_100_points()
    {
        Assert.Equal(66m, IndicatorSeeder.Seed().Where(d => d.InIndex).Sum(d => d.MaxScore));
    }

    [Fact]
    public void Not_late_not_dissatisfied_subtracts_both_shares()
    {
        var definition = IndicatorSeeder.Seed().Single(d => d.Code == "5.4");
        var totals = new Totals { FinishedOnTime = 90, FinishedLate = 10, RatedSatisfied = 95, RatedNotSatisfied = 5 };

        var value = Scoring.Evaluate(definition, totals, new Formulas.FormulaSettings(30));

        Assert.Equal(0.85m, value.Value);
        Assert.Equal(6m * 0.85m / 0.90m, value.Score);
    }

    [Fact]
    public void Equal_points_share_a_rank_and_the_next_rank_skips()
    {
        var ranks = Ranking.CompetitionRanks([50m, 61.2m, 50m, null, 70m, 49.999m, 61.204m]);

        // 70 first; 61.2 and 61.204 (61.20) share second; the three 50.00 share fourth.
        Assert.Equal([4, 2, 4, null, 1, 4, 2], ranks);
    }

    [Fact]
    public void Nobody_ranked_when_nobody_has_data()
    {
        Assert.Equal([null, null], Ranking.CompetitionRanks([null, null]));
    }

    [Theory]
    [InlineData("2023", 202301, 202312, "2022")]
    [InlineData("2023-Q2", 202304, 202306, "2023-Q1")]
    [InlineData("2023-01", 202301, 202301, "2022-12")]
    [InlineData("2022-11..2023-02", 202211, 202302, "2022-07..2022-10")]
    public void Periods_read_and_write_and_know_the_previous_one(string text, int from, int to, string previous)
    {
        Assert.True(Period.TryParse(text, out var period));

        Assert.Equal((from, to), (period.FromMonth, period.ToMonth));
        Assert.Equal(text, period.ToString());
        Assert.Equal(previous, period.Previous().ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2023-13")]
    [InlineData("2023-Q5")]
    [InlineData("2023-05..2023-01")]
    [InlineData("23")]
    public void Malformed_periods_are_refused(string text)
    {
        Assert.False(Period.TryParse(text, out _));
    }
}

public sealed class PeerComparisonTests
{
    [Fact]
    public void Median_ignores_units_without_data_and_averages_the_middle_pair()
    {
        Assert.Equal(0.5m, OpenDvc.Indicators.UnitReport.PeerComparison.Median([0.2m, null, 0.9m, 0.4m, 0.6m]));
        Assert.Equal(0.4m, OpenDvc.Indicators.UnitReport.PeerComparison.Median([0.4m, null, 0.9m, 0.1m]));
        Assert.Null(OpenDvc.Indicators.UnitReport.PeerComparison.Median([null, null]));
    }

    [Fact]
    public void Percentile_is_the_share_of_peers_at_or_below_the_value()
    {
        Assert.Equal(0.75m, OpenDvc.Indicators.UnitReport.PeerComparison.Percentile([0.2m, 0.5m, 0.5m, 0.9m, null], 0.5m));
        Assert.Null(OpenDvc.Indicators.UnitReport.PeerComparison.Percentile([0.2m], null));
    }
}
