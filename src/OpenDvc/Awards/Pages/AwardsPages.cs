using System.Globalization;
using OpenDvc.Awards.Nominations;
using OpenDvc.Indicators;

namespace OpenDvc.Awards.Pages;

/// <summary>What the awards' pages share: the reader's language, figures as people read them.</summary>
public static class AwardsPages
{
    public static bool IsVietnamese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";

    public static string Figures(CriterionVerdict verdict) => IsVietnamese ? verdict.FiguresVi : verdict.FiguresEn;

    /// <summary>Rounded as the indicator pages round (<see cref="IndicatorDisplay.Percent(decimal?)"/>), so both show the same figure.</summary>
    public static string Percent(decimal? ratio) => ratio is null ? "–" : IndicatorDisplay.Percent(ratio);

    public static string Number(decimal? value, string format = "N0") => value?.ToString(format, CultureInfo.CurrentCulture) ?? "–";

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
