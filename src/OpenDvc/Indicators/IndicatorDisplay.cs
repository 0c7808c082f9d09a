using System.Globalization;
using Microsoft.Extensions.Localization;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Rankings;

namespace OpenDvc.Indicators;

/// <summary>How the indicator pages write figures: percentages, days, points, "no data" with its reason, rank changes.</summary>
public static class IndicatorDisplay
{
    public static bool IsVietnamese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";

    public static string Percent(decimal? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.CurrentCulture) + " %" : "";

    public static string Points(decimal points) => points.ToString("0.00", CultureInfo.CurrentCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

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
