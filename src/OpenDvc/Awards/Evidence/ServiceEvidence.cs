using OpenDvc.Indicators.Savings;
using OpenDvc.Registry.Services;

namespace OpenDvc.Awards.Evidence;

/// <summary>
/// What the ledger says about one online service over a campaign's years: the figures a nomination is judged on.
/// Frozen as JSON in the nomination when it is submitted. The time and cost saved is the indicators' own estimate
/// (<see cref="SavingsEstimate"/>) under the campaign's assumptions.
/// </summary>
public sealed record ServiceEvidence(
    string UnitCode,
    string ProcedureCode,
    string ProcedureName,
    ServiceLevel? Level,
    DateOnly? FullProcessSince,
    IReadOnlyList<YearFigures> Years,
    long Dossiers,
    long OnlineDossiers,
    long RemoteOnlineDossiers,
    long RatedVerySatisfied,
    long RatedSatisfied,
    long RatedNotSatisfied,
    long FinishedInTime,
    long Finished,
    long FeeBearing,
    long PaidOnline,
    long PaidOnlineAmount,
    SavingsEstimate Savings,
    SavingsOptions SavingsAssumptions,
    DateTimeOffset ComputedAt)
{
    public long Rated => RatedVerySatisfied + RatedSatisfied + RatedNotSatisfied;

    /// <summary>docs/domain.md: (very satisfied + satisfied) ÷ rated dossiers; null without ratings ("no data").</summary>
    public decimal? Satisfaction => Ratio(RatedVerySatisfied + RatedSatisfied, Rated);

    /// <summary>Finished early or on time ÷ finished (Decision 766, 2.1 without the pending part).</summary>
    public decimal? OnTimeRate => Ratio(FinishedInTime, Finished);

    /// <summary>Decision 766, 3.6: dossiers paid online ÷ dossiers with a non-zero fee.</summary>
    public decimal? OnlinePaymentRate => Ratio(PaidOnline, FeeBearing);

    /// <summary>Decision 766, 3.3 (without the paper-result rule): online dossiers ÷ dossiers.</summary>
    public decimal? OnlineShare => Ratio(OnlineDossiers, Dossiers);

    public static decimal? Ratio(long numerator, long denominator) => denominator == 0 ? null : (decimal)numerator / denominator;
}

/// <summary>One covered year: the service's online dossiers and its place among the unit's services.</summary>
/// <param name="Rank">1 + the number of the unit's services with strictly more online dossiers (ties share a rank); none
/// without online dossiers, so a rank never exceeds <paramref name="ServicesInUnit"/>.</param>
/// <param name="ServicesInUnit">The unit's services with online dossiers that year.</param>
/// <param name="UnitHighest">The most online dossiers any service of the unit had that year.</param>
public sealed record YearFigures(int Year, long OnlineDossiers, int? Rank, int ServicesInUnit, long UnitHighest)
{
    /// <summary>Highest in the unit (shared first place counts) and not zero.</summary>
    public bool IsHighest => OnlineDossiers > 0 && OnlineDossiers == UnitHighest;
}
