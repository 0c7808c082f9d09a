using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenDvc.Indicators.Calculation;

/// <summary>
/// A run of whole months, <c>yyyyMM</c> to <c>yyyyMM</c>: a month, a quarter, a year or any range. Rollups are kept
/// per month of the received date (docs/domain.md: a dossier belongs to a period by its received date), so a period is
/// whole months.
/// </summary>
public readonly partial record struct Period(int FromMonth, int ToMonth)
{
    public static Period Month(int year, int month) => new(Key(year, month), Key(year, month));

    public static Period Quarter(int year, int quarter) => new(Key(year, (quarter * 3) - 2), Key(year, quarter * 3));

    public static Period Year(int year) => new(Key(year, 1), Key(year, 12));

    public int Months => ((ToMonth / 100 * 12) + (ToMonth % 100)) - ((FromMonth / 100 * 12) + (FromMonth % 100)) + 1;

    public DateOnly FirstDay => new(FromMonth / 100, FromMonth % 100, 1);

    public DateOnly LastDay => new DateOnly(ToMonth / 100, ToMonth % 100, 1).AddMonths(1).AddDays(-1);

    /// <summary>The period of the same length just before this one (for rank changes).</summary>
    public Period Previous()
    {
        var to = FirstDay.AddMonths(-1);
        var from = FirstDay.AddMonths(-Months);
        return new(Key(from.Year, from.Month), Key(to.Year, to.Month));
    }

    /// <summary>Each month of the period, in order.</summary>
    public IEnumerable<int> EachMonth()
    {
        for (var day = FirstDay; day <= LastDay; day = day.AddMonths(1))
        {
            yield return Key(day.Year, day.Month);
        }
    }

    /// <summary>"2023", "2023-Q2", "2023-05", or "2023-01..2023-06".</summary>
    public override string ToString()
    {
        var from = FirstDay;
        if (Months == 1)
        {
            return from.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }

        if (Months == 12 && from.Month == 1)
        {
            return from.Year.ToString(CultureInfo.InvariantCulture);
        }

        if (Months == 3 && from.Month % 3 == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{from.Year}-Q{(from.Month + 2) / 3}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM}..{LastDay:yyyy-MM}");
    }

    /// <summary>Reads what <see cref="ToString"/> writes; false on anything else (months 1–12, years 2000–2100, from ≤ to).</summary>
    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        var match = Pattern().Match(text ?? "");
        if (!match.Success)
        {
            return false;
        }

        if (match.Groups["range"].Success)
        {
            if (!TryParse(match.Groups["a"].Value, out var a) || !TryParse(match.Groups["b"].Value, out var b) || a.Months != 1 || b.Months != 1 || a.FromMonth > b.FromMonth)
            {
                return false;
            }

            period = new(a.FromMonth, b.FromMonth);
            return true;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100)
        {
            return false;
        }

        if (match.Groups["q"].Success)
        {
            period = Quarter(year, int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture));
            return true;
        }

        if (match.Groups["m"].Success)
        {
            var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
            {
                return false;
            }

            period = Month(year, month);
            return true;
        }

        period = Year(year);
        return true;
    }

    private static int Key(int year, int month) => (year * 100) + month;

    [GeneratedRegex(@"^(?:(?<range>(?<a>\d{4}-\d{2})\.\.(?<b>\d{4}-\d{2}))|(?<year>\d{4})(?:-Q(?<q>[1-4])|-(?<m>\d{2}))?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>Whose dossiers and procedures: citizens (công dân), businesses (doanh nghiệp, tổ chức), or both.</summary>
public enum AudienceFilter
{
    Both = 0,
    Citizens = 1,
    Businesses = 2,
}
