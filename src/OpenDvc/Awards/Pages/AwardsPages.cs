using System.Globalization;
using OpenDvc.Awards.Nominations;

namespace OpenDvc.Awards.Pages;

/// <summary>What the awards' pages share: the reader's language, figures as people read them.</summary>
public static class AwardsPages
{
    public static bool IsVietnamese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";

    public static string Figures(CriterionVerdict verdict) => IsVietnamese ? verdict.FiguresVi : verdict.FiguresEn;

    public static string Percent(decimal? ratio) =>
        ratio is { } r ? (Math.Floor(r * 1000) / 10).ToString("0.0", CultureInfo.CurrentCulture) + " %" : "–";

    public static string Number(decimal? value, string format = "N0") => value?.ToString(format, CultureInfo.CurrentCulture) ?? "–";

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
