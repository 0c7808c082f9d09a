using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenDvc.Registry.Calendar;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Registry;

/// <summary>The calendar's public routes take only years and day counts they can compute (issue 14: no anonymous 500s).</summary>
public abstract class CalendarApiTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/calendar/99999", "OD-CALENDAR-YEAR-OUT-OF-RANGE")]
    [InlineData("/api/v1/calendar/-5", "OD-CALENDAR-YEAR-OUT-OF-RANGE")]
    [InlineData("/api/v1/calendar/working-days?from=9999-12-31&days=100", "OD-CALENDAR-DATE-OUT-OF-RANGE")]
    [InlineData("/api/v1/calendar/working-days?from=0001-01-01&days=-1", "OD-CALENDAR-DATE-OUT-OF-RANGE")]
    [InlineData("/api/v1/calendar/working-days?from=2024-01-02&days=1001", "OD-CALENDAR-DAYS-OUT-OF-RANGE")]
    [InlineData("/api/v1/calendar/working-days?from=2024-01-02&days=-1001", "OD-CALENDAR-DAYS-OUT-OF-RANGE")]
    public async Task Issue_14_an_out_of_range_year_date_or_count_is_a_400_problem_with_the_security_headers(string path, string code)
    {
        using var client = App.Anonymous();

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("message_vi").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("message_en").GetString()));
        SecurityHeaderAssertions.AssertPresent(response);
    }

    [Fact]
    public async Task Working_days_answer_echoes_the_count_it_applied_up_to_the_stated_cap()
    {
        using var client = App.Anonymous();

        var most = await TestApp.ReadAsync<WorkingDaysAnswer>(await client.GetAsync("/api/v1/calendar/working-days?from=2024-01-02&days=1000", Ct));
        var back = await TestApp.ReadAsync<WorkingDaysAnswer>(await client.GetAsync("/api/v1/calendar/working-days?from=2024-01-02&days=-1000", Ct));

        Assert.Equal(1000, most.WorkingDays);
        Assert.Equal(1000, most.MaxWorkingDays);
        Assert.True(most.Due > new DateOnly(2027, 10, 1) && most.Due < new DateOnly(2028, 3, 1), $"{most.Due}");
        Assert.Equal(-1000, back.WorkingDays);
        Assert.True(back.Due < new DateOnly(2020, 3, 1), $"{back.Due}");
    }
}

public sealed class CalendarApiTestsOnSqlite(SqliteApp fixture) : CalendarApiTests<SqliteApp>(fixture);

public sealed class CalendarApiTestsOnPostgres(PostgresApp fixture) : CalendarApiTests<PostgresApp>(fixture);
