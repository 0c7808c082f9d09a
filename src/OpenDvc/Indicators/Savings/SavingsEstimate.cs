using OpenDvc.Indicators.Calculation;

namespace OpenDvc.Indicators.Savings;

/// <summary>
/// Time and cost saved by online dossiers against counter dossiers, for one scope and period, with its working:
/// trips avoided by remote online dossiers, their hours and đồng; the difference in mean processing time (rollups
/// keep sums, so the mean stands in for docs/domain.md's median); and the fee difference. Averages with no dossiers to
/// average are null, and what depends on them is not estimated.
/// </summary>
public sealed record SavingsEstimate(
    long RemoteOnlineDossiers,
    decimal TripsAvoided,
    decimal HoursSaved,
    decimal TravelCostSaved,
    decimal TimeValueSaved,
    long RemoteFinished,
    decimal? CounterAverageDays,
    decimal? RemoteAverageDays,
    decimal? WaitingDaysSaved,
    long RemoteFeeBearing,
    decimal? CounterAverageFee,
    decimal? RemoteAverageFee,
    decimal? FeesSaved,
    decimal TotalDong)
{
    public static SavingsEstimate From(Totals totals, SavingsOptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(assumptions);
        var remote = totals.OnlineRemote;
        var trips = remote * assumptions.TripsPerCounterDossier;
        var hours = trips * assumptions.HoursPerTrip;
        var travel = trips * assumptions.CostPerTrip;
        var timeValue = hours * assumptions.ValueOfHour;

        var counterDays = Average(totals.CounterProcessingMinutes / 1440m, totals.CounterProcessingCount);
        var remoteDays = Average(totals.RemoteProcessingMinutes / 1440m, totals.RemoteProcessingCount);
        decimal? waiting = counterDays is { } c && remoteDays is { } r ? (c - r) * totals.RemoteProcessingCount : null;

        var counterFee = Average(totals.CounterFeeAmount, totals.CounterFeeBearing);
        var remoteFee = Average(totals.RemoteFeeAmount, totals.RemoteFeeBearing);
        decimal? fees = counterFee is { } cf && remoteFee is { } rf ? (cf - rf) * totals.RemoteFeeBearing : null;

        return new SavingsEstimate(remote, trips, hours, travel, timeValue,
            totals.RemoteProcessingCount, counterDays, remoteDays, waiting, totals.RemoteFeeBearing, counterFee, remoteFee, fees,
            travel + timeValue + (fees ?? 0));
    }

    private static decimal? Average(decimal sum, long count) => count == 0 ? null : sum / count;
}
