using System.Globalization;
using OpenDvc.Platform.Time;

namespace OpenDvc.Surveys.Portal;

/// <summary>A calendar quarter, written <c>yyyy-Qn</c>, with its first and last day (Vietnam time).</summary>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    public DateOnly FirstDay => new(Year, (3 * (Number - 1)) + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    public Quarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public static Quarter Of(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);

    public static Quarter Of(DateTimeOffset instant) => Of(VietnamTime.DateOf(instant));

    /// <summary>Reads <c>yyyy-Qn</c> (years 2000–2100).</summary>
    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is not { Length: 7 } || text[4] != '-' || text[5] != 'Q'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || text[6] is < '1' or > '4' || year is < 2000 or > 2100)
        {
            return false;
        }

        quarter = new(year, text[6] - '0');
        return true;
    }

    /// <summary>Reads a quarter known to be well formed (stored ones).</summary>
    public static Quarter Parse(string text) => TryParse(text, out var q) ? q : throw new FormatException($"Not a quarter: {text}");

    public static bool operator <(Quarter left, Quarter right) => left.CompareTo(right) < 0;

    public static bool operator <=(Quarter left, Quarter right) => left.CompareTo(right) <= 0;

    public static bool operator >(Quarter left, Quarter right) => left.CompareTo(right) > 0;

    public static bool operator >=(Quarter left, Quarter right) => left.CompareTo(right) >= 0;

    public int CompareTo(Quarter other) => (Year, Number).CompareTo((other.Year, other.Number));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Number}");
}
