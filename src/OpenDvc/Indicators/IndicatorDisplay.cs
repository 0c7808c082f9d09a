using System.Globalization;
using Microsoft.Extensions.Localization;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Rankings;

namespace OpenDvc.Indicators;

/// <summary>How the indicator pages write figures: percentages, days, points, "no data" with its reason, rank changes.</summary>
public static class IndicatorDisplay
{
    public static bool IsVietnamese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";

    public static string Percent(decimal? ratio) => PercentIn(ratio, CultureInfo.CurrentCulture);

    /// <summary>A ratio as a percentage to one decimal, rounded half away from zero (22/24 = 91.7 %), in a given language.</summary>
    public static string PercentIn(decimal? ratio, IFormatProvider culture) => ratio is { } r ? (r * 100).ToString("0.0", culture) + " %" : "";

    public static string Points(decimal points) => points.ToString("0.00", CultureInfo.CurrentCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>
    /// An amount of đồng as a reader expects it and as short as a card needs: "3,34 tỷ đồng", "12,5 triệu đồng",
    /// "6.639 tỷ đồng" (English: "3.34 billion đồng"); below a million, every đồng.
    /// </summary>
    public static string Money(long dong)
    {
        var (scale, vi, en) = Math.Abs(dong) switch
        {
            >= 1_000_000_000 => (1_000_000_000m, "tỷ", "billion"),
            >= 1_000_000 => (1_000_000m, "triệu", "million"),
            _ => (1m, "", ""),
        };
        if (scale == 1m)
        {
            return $"{Count(dong)} đồng";
        }

        var amount = Math.Round(dong / scale, Math.Abs(dong / scale) >= 100 ? 0 : 2, MidpointRounding.AwayFromZero).ToString("#,##0.##", CultureInfo.CurrentCulture);
        return $"{amount} {(IsVietnamese ? vi : en)} đồng";
    }

    /// <summary>A month as charts and tables label it: "T1/2023" in Vietnamese, "Jan 2023" in English; other periods as written.</summary>
    public static string MonthLabel(Period period) => period.Months != 1
        ? period.ToString()
        : IsVietnamese
            ? string.Create(CultureInfo.InvariantCulture, $"T{period.FirstDay.Month}/{period.FirstDay.Year}")
            : period.FirstDay.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Số liệu đến 14:05 07/12/2026" (the ledger's last committed batch), or that there is no data yet: every page of figures says it.</summary>
    public static string DataAsOf(DateTimeOffset? asOf, IStringLocalizer text) => asOf is { } at
        ? string.Format(CultureInfo.CurrentCulture, text["Headline.DataAsOf"], VietnamDateTime(at))
        : text["Headline.NoData"];

    /// <summary>"14:05 07/12/2026" in Vietnam time, the form the data's date is given in.</summary>
    public static string VietnamDateTime(DateTimeOffset instant) =>
        instant.ToOffset(Platform.Time.VietnamTime.Offset).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A published edition's rate: a percentage, or "no data".</summary>
    public static string Rate(decimal? value, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return value is { } v ? Percent(v) : text["NoData"];
    }

    /// <summary>The value as read: a percentage, a number of days, or why there is none.</summary>
    public static string Value(IndicatorValue? value, IStringLocalizer text, int minimumRatings)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (value is null)
        {
            return text["NoData"];
        }

        if (value.Value is not { } v)
        {
            return value.Missing == NoData.TooFewRatings ? string.Format(CultureInfo.CurrentCulture, text["TooFewRatings"], minimumRatings) : text["NoData"];
        }

        return value.Kind == ValueKind.Days ? string.Format(CultureInfo.CurrentCulture, text["Days"], v.ToString("0.0", CultureInfo.CurrentCulture)) : Percent(v);
    }

    /// <summary>CSS class for a value against its target: met, unmet, no data, or none.</summary>
    public static string Css(IndicatorValue? value) => value?.Value is null ? "nodata" : value.MeetsTarget switch
    {
        true => "met",
        false => "unmet",
        null => "",
    };

    public static string Working(IndicatorValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Kind == ValueKind.Days
            ? string.Create(CultureInfo.CurrentCulture, $"{value.Numerator:N1} ÷ {value.Denominator:N0}")
            : string.Create(CultureInfo.CurrentCulture, $"{value.Numerator:N0} ÷ {value.Denominator:N0}");
    }

    public static string Target(IndicatorValue value) => value?.Target is { } t ? Percent(t) : "";

    /// <summary>"score / max" for a scored indicator ("–" without data), empty for one shown but not scored.</summary>
    public static string Score(IndicatorValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.MaxScore > 0 ? $"{(value.Score is { } s ? Points(s) : "–")} / {value.MaxScore.ToString("0.##", CultureInfo.CurrentCulture)}" : "";
    }

    /// <summary>The national median of an indicator, written like its values; empty when no unit has data.</summary>
    public static string Median(IndicatorValue value, UnitReport.PeerComparison comparison, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(text);
        return comparison.NationalMedian(value.Code) is { } m
            ? value.Kind == ValueKind.Days ? string.Format(CultureInfo.CurrentCulture, text["Days"], m.ToString("0.0", CultureInfo.CurrentCulture)) : Percent(m)
            : "";
    }

    /// <summary>The unit's percentile among its peers ("73%"); empty without data.</summary>
    public static string Percentile(IndicatorValue value, UnitReport.PeerComparison comparison, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(text);
        return comparison.PeerPercentile(value.Code, value.Value) is { } p
            ? string.Format(CultureInfo.CurrentCulture, text["Percentile"], (p * 100).ToString("0", CultureInfo.CurrentCulture))
            : "";
    }

    /// <summary>"x points of the y points with data (z % of 100)".</summary>
    public static string IndexSummary(IndexScore index, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(text);
        return string.Format(CultureInfo.CurrentCulture, text["Index.Summary"], Points(index.Points), Points(index.CoveredPoints), Percent(index.CoveredShare));
    }

    /// <summary>A declared-vs-observed finding as one sentence (without the service it is about).</summary>
    public static string Finding(Checks.Finding finding, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(text);
        var c = CultureInfo.CurrentCulture;
        return finding.Kind switch
        {
            Checks.FindingKind.FullProcessMostlyOffline => string.Format(c, text["Checks.FullProcessMostlyOffline"], Percent(finding.Observed), finding.Dossiers),
            Checks.FindingKind.NoFeeWithPayments => string.Format(c, text["Checks.NoFeeWithPayments"], finding.Observed.ToString("N0", c), finding.Dossiers),
            _ => string.Format(c, text["Checks.SlowerThanStatutory"], finding.Observed.ToString("N1", c), finding.Declared.ToString("N1", c), finding.Dossiers),
        };
    }

    /// <summary>Each step of a time and cost saved estimate with its figures, then the total (docs/domain.md's model).</summary>
    public static IReadOnlyList<string> SavingsWorking(Savings.SavingsEstimate estimate, Savings.SavingsOptions assumptions, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(assumptions);
        ArgumentNullException.ThrowIfNull(text);
        var (e, a, c) = (estimate, assumptions, CultureInfo.CurrentCulture);
        string N(decimal v) => v.ToString("N0", c);
        string D(decimal v) => v.ToString("N1", c);
        return
        [
            string.Format(c, text["Savings.Trips"], N(e.RemoteOnlineDossiers), D(a.TripsPerCounterDossier), N(e.TripsAvoided)),
            string.Format(c, text["Savings.Hours"], N(e.TripsAvoided), D(a.HoursPerTrip), N(e.HoursSaved)),
            string.Format(c, text["Savings.Travel"], N(e.TripsAvoided), N(a.CostPerTrip), N(e.TravelCostSaved)),
            string.Format(c, text["Savings.TimeValue"], N(e.HoursSaved), N(a.ValueOfHour), N(e.TimeValueSaved)),
            e.WaitingDaysSaved is { } w ? string.Format(c, text["Savings.Waiting"], D(e.CounterAverageDays!.Value), D(e.RemoteAverageDays!.Value), N(e.RemoteFinished), D(w)) : text["Savings.NotEstimated"],
            e.FeesSaved is { } f ? string.Format(c, text["Savings.Fees"], N(e.CounterAverageFee!.Value), N(e.RemoteAverageFee!.Value), N(e.RemoteFeeBearing), N(f)) : text["Savings.NotEstimated"],
        ];
    }

    /// <summary>The estimate's total in đồng, as a sentence.</summary>
    public static string SavingsTotal(Savings.SavingsEstimate estimate, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(text);
        return string.Format(CultureInfo.CurrentCulture, text["Savings.Total"], estimate.TotalDong.ToString("N0", CultureInfo.CurrentCulture));
    }

    /// <summary>The rank change as a short mark and its spoken label.</summary>
    public static (string Mark, string Label) Change(RankedUnit unit, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return Change(unit.Change, text);
    }

    /// <summary>A rank change (positive = up) as a short mark and its spoken label.</summary>
    public static (string Mark, string Label) Change(int? change, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return change switch
        {
            null => ("", ""),
            > 0 and var c => (string.Format(CultureInfo.CurrentCulture, text["Change.Up"], c), string.Format(CultureInfo.CurrentCulture, text["Change.UpLabel"], c)),
            < 0 and var c => (string.Format(CultureInfo.CurrentCulture, text["Change.Down"], -c), string.Format(CultureInfo.CurrentCulture, text["Change.DownLabel"], -c)),
            _ => (text["Change.Same"], text["Change.SameLabel"]),
        };
    }

    /// <summary>A chart's description for screen readers: every month's figure.</summary>
    public static string Describe(IStringLocalizer text, IEnumerable<(string Label, string Value)> points)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Format(CultureInfo.CurrentCulture, text["Chart.Description"], string.Join("; ", points.Select(p => $"{p.Label}: {p.Value}")));
    }
}
