using OpenDvc.Registry;
using OpenDvc.Registry.Calendar;

namespace OpenDvc.Tests.Registry;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Vietnam = new(ReferenceData.VietnamCalendar());

    [Fact]
    public void Adds_working_days_skipping_the_weekend()
    {
        var friday = new DateOnly(2023, 3, 17);

        Assert.Equal(new DateOnly(2023, 3, 20), Vietnam.AddWorkingDays(friday, 1));
        Assert.Equal(new DateOnly(2023, 3, 24), Vietnam.AddWorkingDays(friday, 5));
    }

    [Fact]
    public void Adds_working_days_skipping_tet_holidays()
    {
        // Thursday 19 January 2023: Tết Quý Mão closes offices from Friday 20 to Thursday 26 January.
        var beforeTet = new DateOnly(2023, 1, 19);

        Assert.Equal(new DateOnly(2023, 1, 27), Vietnam.AddWorkingDays(beforeTet, 1));
        Assert.Equal(new DateOnly(2023, 2, 2), Vietnam.AddWorkingDays(beforeTet, 5));
    }

    [Fact]
    public void Counts_a_make_up_saturday_as_a_working_day()
    {
        // 2023: 29 April – 3 May off, Saturday 6 May worked instead.
        var friday = new DateOnly(2023, 4, 28);

        Assert.True(Vietnam.IsWorkingDay(new DateOnly(2023, 5, 6)));
        Assert.Equal(new DateOnly(2023, 5, 4), Vietnam.AddWorkingDays(friday, 1));
        Assert.Equal(new DateOnly(2023, 5, 6), Vietnam.AddWorkingDays(friday, 3));
    }

    [Fact]
    public void Zero_working_days_is_the_same_day_and_negative_walks_back()
    {
        var monday = new DateOnly(2024, 9, 9);

        Assert.Equal(monday, Vietnam.AddWorkingDays(monday, 0));
        Assert.Equal(new DateOnly(2024, 9, 6), Vietnam.AddWorkingDays(monday, -1));
        // Back across National Day 2024 (2–3 September off).
        Assert.Equal(new DateOnly(2024, 8, 30), Vietnam.AddWorkingDays(new DateOnly(2024, 9, 4), -1));
    }

    [Fact]
    public void Working_days_between_is_the_inverse_of_adding_them()
    {
        var start = new DateOnly(2021, 1, 4);
        for (var n = 0; n < 400; n += 7)
        {
            Assert.Equal(n, Vietnam.WorkingDaysBetween(start, Vietnam.AddWorkingDays(start, n)));
        }
    }

    [Fact]
    public void Every_year_2021_to_2026_has_its_tet_and_national_day()
    {
        var days = ReferenceData.VietnamCalendar().ToList();

        foreach (var year in Enumerable.Range(2021, 6))
        {
            Assert.Contains(days, d => d.Date.Year == year && d.Name.Contains("Tết Nguyên đán", StringComparison.Ordinal));
            Assert.Contains(days, d => d.Date.Year == year && d.Name.Contains("Quốc khánh", StringComparison.Ordinal));
            Assert.All(days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkingDay), d => Assert.True(d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
            Assert.All(days.Where(d => d.Kind == CalendarDayKind.DayOff), d => Assert.False(d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, d.Name));
        }
    }
}
