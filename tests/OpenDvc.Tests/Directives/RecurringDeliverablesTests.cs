using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Accounts.Users;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Demo;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Directives;

/// <summary>
/// Issue 18: letter 2664 asks for a report every month. A recurring deliverable makes each started period's
/// deliverable by itself, on the app's clock, once even under concurrent reads, due on day N of the next period;
/// the matrix shows the periods side by side.
/// </summary>
public abstract class RecurringDeliverablesTests<TFixture>(TFixture fixture, Func<TFixture, FakeTimeProvider> clockOf) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private readonly TFixture fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_month_s_report_is_asked_for_once_its_month_has_started_issue_18()
    {
        var clock = clockOf(fixture);
        clock.AdjustTime(At(new DateOnly(2024, 3, 14)));
        using var admin = await App.SignInAsync("series-admin", Roles.Admin);
        var directive = await DirectiveAsync(admin);

        var created = await AddSeriesAsync(admin, directive,
            new DeliverableSeriesInput(DeliverableKind.MonthlyReport, "Báo cáo tháng", SeriesFrequency.Monthly, 5, new DateOnly(2024, 1, 20), null, null));
        clock.AdjustTime(At(new DateOnly(2024, 5, 2)));
        var later = await TestApp.ReadAsync<DirectiveView>(await admin.GetAsync($"/api/v1/directives/{directive}", Ct));

        Assert.Equal([new DateOnly(2024, 1, 1), new(2024, 2, 1), new(2024, 3, 1)], created.Deliverables.Select(d => d.ReportMonth!.Value));
        Assert.Equal([new DateOnly(2024, 2, 5), new(2024, 3, 5), new(2024, 4, 5)], created.Deliverables.Select(d => d.DueDate));
        Assert.Equal("Báo cáo tháng, tháng 03/2024", created.Deliverables[2].Title);
        Assert.Equal(new DateOnly(2024, 1, 1), Assert.Single(created.Series).FirstPeriod);
        Assert.Equal([new DateOnly(2024, 1, 1), new(2024, 2, 1), new(2024, 3, 1), new(2024, 4, 1), new(2024, 5, 1)], later.Deliverables.Select(d => d.ReportMonth!.Value));
    }

    [Fact]
    public async Task Concurrent_reads_make_each_period_once_issue_18()
    {
        var clock = clockOf(fixture);
        clock.AdjustTime(At(new DateOnly(2023, 1, 10)));
        using var admin = await App.SignInAsync("series-admin", Roles.Admin);
        var directive = await DirectiveAsync(admin);
        await AddSeriesAsync(admin, directive,
            new DeliverableSeriesInput(DeliverableKind.MonthlyReport, "Báo cáo tháng", SeriesFrequency.Monthly, 10, new DateOnly(2022, 11, 1), null, null));
        clock.AdjustTime(At(new DateOnly(2024, 2, 10)));
        using var viewer = await App.SignInAsync("series-viewer", Roles.Viewer);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => i % 2 == 0
            ? viewer.GetAsync($"/api/v1/compliance?directive={directive}", Ct)
            : viewer.GetAsync($"/api/v1/directives/{directive}", Ct)));
        var periods = await PeriodsAsync(directive);

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, a.StatusCode.ToString()));
        Assert.Equal(16, periods.Count);
        Assert.Equal(periods.Count, periods.Distinct().Count());
    }

    [Fact]
    public async Task The_matrix_shows_a_quarterly_report_s_periods_side_by_side_issue_18()
    {
        var clock = clockOf(fixture);
        clock.AdjustTime(At(new DateOnly(2024, 3, 14)));
        using var admin = await App.SignInAsync("series-admin", Roles.Admin);
        var directive = await DirectiveAsync(admin);
        await AddSeriesAsync(admin, directive, new DeliverableSeriesInput(DeliverableKind.Document, "Báo cáo khảo sát", SeriesFrequency.Quarterly, 15,
            new DateOnly(2023, 8, 1), null, null, DeliverableScope.ChosenUnits, ["01", "BTP"]));

        var matrix = await TestApp.ReadAsync<Matrix>(await admin.GetAsync($"/api/v1/compliance?directive={directive}", Ct));
        var page = await admin.GetStringAsync($"/compliance?directive={directive}", Ct);

        Assert.Equal([new DateOnly(2023, 7, 1), new(2023, 10, 1), new(2024, 1, 1)], matrix.Columns.Select(c => c.Period!.Value));
        Assert.Equal([new DateOnly(2023, 10, 15), new(2024, 1, 15), new(2024, 4, 15)], matrix.Columns.Select(c => c.DueDate));
        Assert.Equal(["BTP", "01"], matrix.Rows.Select(r => r.UnitCode));
        Assert.Equal([ComplianceStatus.Missing, ComplianceStatus.Missing, ComplianceStatus.NotDue], matrix.Rows[0].Cells.Select(c => c!.Status));
        Assert.Contains("Kỳ 07/2023", page, StringComparison.Ordinal);
        Assert.Contains("Kỳ 01/2024", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_letter_2664_asks_for_monthly_reports_from_units_with_online_services()
    {
        using var admin = await App.SignInAsync("series-admin", Roles.Admin);
        var directive = await DirectiveNumberedAsync(DemoDirectives.Level4Plan2021);

        var view = await TestApp.ReadAsync<DirectiveView>(await admin.GetAsync($"/api/v1/directives/{directive}", Ct));

        var series = Assert.Single(view.Series);
        Assert.Equal((SeriesFrequency.Monthly, DeliverableScope.WithOnlineServices), (series.Frequency, series.Scope));
        Assert.Equal([8, 9, 10, 11, 12], view.Deliverables.Where(d => d.Kind == DeliverableKind.MonthlyReport).Select(d => d.ReportMonth!.Value.Month));
    }

    private static DateTimeOffset At(DateOnly day) => VietnamTime.StartOfDay(day).AddHours(10).ToUniversalTime();

    private static async Task<int> DirectiveAsync(HttpClient admin) =>
        (await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-THH", new DateOnly(2022, 10, 1), "Báo cáo định kỳ", "Cục trưởng", RecipientScope.AllUnits, [], true)))).Id;

    private static async Task<DirectiveView> AddSeriesAsync(HttpClient admin, int directive, DeliverableSeriesInput input) =>
        await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive}/series", input));

    private async Task<int> DirectiveNumberedAsync(string number)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<Directive>().Where(d => d.Number == number).Select(d => d.Id).SingleAsync(Ct);
    }

    private async Task<List<DateOnly?>> PeriodsAsync(int directive)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<Deliverable>().Where(d => d.DirectiveId == directive).Select(d => d.ReportMonth).ToListAsync(Ct);
    }
}

public sealed class RecurringDeliverablesTestsOnSqlite(ClockedSqliteApp fixture) : RecurringDeliverablesTests<ClockedSqliteApp>(fixture, f => f.Clock);

public sealed class RecurringDeliverablesTestsOnPostgres(ClockedPostgresApp fixture) : RecurringDeliverablesTests<ClockedPostgresApp>(fixture, f => f.Clock);
