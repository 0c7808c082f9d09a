using System.Globalization;
using OpenDvc.Platform.Time;

namespace OpenDvc.Indicators.Calculation;

/// <summary>
/// The period pickers of the public pages (issue 17: periods picked, not typed): a year with a part of it (the whole
/// year, a quarter <c>Q1</c>–<c>Q4</c> or a month <c>01</c>–<c>12</c>), or a range of months <c>from</c>–<c>to</c>;
/// <c>period=</c> typed in the URL still works. A plain GET form composes them, so no script is needed.
/// </summary>
public sealed record PeriodPick(string? Period, string? Year, string? Part, string? From, string? To)
{
    /// <summary>The first year the pickers offer: the programme's rollups start in 2021.</summary>
    public const int FirstYear = 2021;

    public static PeriodPick Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Of(string key) => query[key] is { Count: > 0 } v && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;
        return new(Of("period"), Of("year"), Of("part"), Of("from"), Of("to"));
    }

    /// <summary>The period as <see cref="Calculation.Period.TryParse"/> reads it: a range first, then a year, then the typed text.</summary>
    public string? Text => (From, To, Year) switch
    {
        ({ } from, { } to, _) => $"{from}..{to}",
        ({ } from, null, _) => from,
        (null, { } to, _) => to,
        (_, _, { } year) => Part is null ? year : $"{year}-{Part}",
        _ => Period,
    };

    /// <summary>The years to choose from, newest first: from <see cref="FirstYear"/> (or the shown period's year) to this year.</summary>
    public static IReadOnlyList<int> Years(Period shown, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var first = Math.Min(FirstYear, shown.FirstDay.Year);
        var last = Math.Max(VietnamTime.DateOf(time.GetUtcNow()).Year, shown.LastDay.Year);
        return Enumerable.Range(first, last - first + 1).Reverse().ToList();
    }

    /// <summary>The part select's value for a period: empty for a whole year (or a range), <c>Q2</c>, or <c>05</c>.</summary>
    public static string PartOf(Period period)
    {
        var text = period.ToString();
        return text.Length == 7 ? text[5..] : "";
    }

    /// <summary>The parts of a year, in the order the select lists them: quarters, then months.</summary>
    public static IEnumerable<string> Parts() =>
        Enumerable.Range(1, 4).Select(q => $"Q{q}").Concat(Enumerable.Range(1, 12).Select(m => m.ToString("00", CultureInfo.InvariantCulture)));
}
