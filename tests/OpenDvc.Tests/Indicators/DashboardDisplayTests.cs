using System.Globalization;
using OpenDvc.Indicators;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Dashboard;
using OpenDvc.Platform.Web;
using OpenDvc.Registry;
using OpenDvc.Registry.Units;

namespace OpenDvc.Tests.Indicators;

/// <summary>Issue 17: figures written as a Vietnamese reader expects them, the period pickers' rule, the tile map's layouts.</summary>
public sealed class DashboardDisplayTests
{
    [Theory]
    [InlineData(3_340_000_000L, "vi-VN", "3,34 tỷ đồng")]
    [InlineData(6_639_000_000_000L, "vi-VN", "6.639 tỷ đồng")]
    [InlineData(12_500_000L, "vi-VN", "12,5 triệu đồng")]
    [InlineData(850_000L, "vi-VN", "850.000 đồng")]
    [InlineData(3_340_000_000L, "en-GB", "3.34 billion đồng")]
    public void Money_reads_in_the_words_a_reader_expects(long dong, string culture, string expected)
    {
        using var _ = new CultureScope(culture);

        Assert.Equal(expected, IndicatorDisplay.Money(dong));
    }

    [Fact]
    public void Months_are_labelled_T1_2023_in_vietnamese()
    {
        using var _ = new CultureScope("vi-VN");

        Assert.Equal("T1/2023", IndicatorDisplay.MonthLabel(Period.Month(2023, 1)));
        Assert.Equal("T12/2024", IndicatorDisplay.MonthLabel(Period.Month(2024, 12)));
        Assert.Equal("2023-Q2", IndicatorDisplay.MonthLabel(Period.Quarter(2023, 2)));
    }

    [Fact]
    public void Months_are_labelled_Jan_2023_in_english()
    {
        using var _ = new CultureScope("en-US");

        Assert.Equal("Jan 2023", IndicatorDisplay.MonthLabel(Period.Month(2023, 1)));
        Assert.Equal("Dec 2024", IndicatorDisplay.MonthLabel(Period.Month(2024, 12)));
    }

    [Theory]
    [InlineData(1_300, "1.300")]
    [InlineData(250_000, "250.000")]
    public void Count_axis_ticks_are_whole_numbers_in_vietnamese_format(double value, string expected)
    {
        using var _ = new CultureScope("vi-VN");

        Assert.Equal(expected, SvgChart.TickLabel(value, ChartScale.Count));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1_234)]
    [InlineData(98_765)]
    public void A_count_axis_never_has_fractional_dossiers(double largest)
    {
        var max = SvgChart.AxisMax([new ChartSeries("d", [largest])], ChartScale.Count, null);

        Assert.True(max >= largest);
        Assert.All(Enumerable.Range(0, 5), tick => Assert.Equal(Math.Floor(max * tick / 4), max * tick / 4));
    }

    [Theory]
    [InlineData("2023", null, null, null, null, "2023")]
    [InlineData(null, "2023", null, null, null, "2023")]
    [InlineData(null, "2023", "Q2", null, null, "2023-Q2")]
    [InlineData(null, "2023", "05", null, null, "2023-05")]
    [InlineData("2022", "2023", "05", null, null, "2023-05")]
    [InlineData(null, "2023", null, "2023-01", "2023-06", "2023-01..2023-06")]
    [InlineData(null, null, null, "2023-04", null, "2023-04")]
    public void The_pickers_compose_a_period_the_url_could_have_typed(string? period, string? year, string? part, string? from, string? to, string expected)
    {
        var text = new PeriodPick(period, year, part, from, to).Text;

        Assert.Equal(expected, text);
        Assert.True(Period.TryParse(text, out _));
    }

    [Fact]
    public void The_tile_map_has_one_tile_per_province_of_2023_and_of_july_2025_on_distinct_squares()
    {
        var provinces2023 = ReferenceData.Units2023().Where(u => u.Kind is UnitKind.Province or UnitKind.City).Select(u => u.Code).Order().ToList();

        var tiles2023 = ProvinceTileMap.LayoutOn(new DateOnly(2023, 12, 31));
        var tiles2025 = ProvinceTileMap.LayoutOn(new DateOnly(2025, 7, 1));

        Assert.Equal(provinces2023, tiles2023.Select(t => t.Code).Order().ToList());
        Assert.Equal(34, tiles2025.Count);
        Assert.All(tiles2025, t => Assert.Contains(t.Code, provinces2023));
        Assert.All(new[] { tiles2023, tiles2025 }, layout =>
            Assert.Equal(layout.Count, layout.Select(t => (t.Row, t.Column)).Distinct().Count()));
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly (CultureInfo, CultureInfo) saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

        public CultureScope(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
    }
}
