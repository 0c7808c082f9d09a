using System.Text.Json;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>
/// Issue 17, periods: picked from selects (year and part of it, or a range of months) as well as typed in the URL;
/// a period without dossiers says so, and a unit without dossiers in the period is "no data", never ranked at 0,00.
/// </summary>
public abstract class DashboardPeriodTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_unit_without_dossiers_in_the_period_is_not_ranked()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators/rankings?period=2023-03", Ct));

        // RO divides by the unit's dossiers: no value, no dossiers.
        var withoutDossiers = json.RootElement.EnumerateArray()
            .Where(r => r.GetProperty("values").GetProperty("RO").ValueKind == JsonValueKind.Null).ToList();
        Assert.NotEmpty(withoutDossiers);
        Assert.All(withoutDossiers, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("rank").ValueKind));
        Assert.Contains(json.RootElement.EnumerateArray(), r => r.GetProperty("rank").ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public async Task The_dashboard_shows_an_unranked_unit_as_no_data_not_zero_points()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var html = await client.GetStringAsync("/dashboard?period=2023-03", Ct);

        Assert.Contains("class=\"unranked\"", html, StringComparison.Ordinal);
        Assert.Contains("Chưa có số liệu", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">0,00<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_without_dossiers_says_so_instead_of_showing_zeros()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var html = await client.GetStringAsync("/dashboard?period=2021-05", Ct);

        Assert.Contains("id=\"period-no-data\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"trend-remote\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">0,00<", html, StringComparison.Ordinal);
        var provinces = html.Split("data-group=\"Provinces\"")[1].Split("<tbody>")[1].Split("</tbody>")[0];
        Assert.Contains("class=\"unranked\"", provinces, StringComparison.Ordinal);
        Assert.DoesNotContain("<tr>", provinces, StringComparison.Ordinal); // a ranked row has no class
    }

    [Theory]
    [InlineData("year=2022&part=", "2022")]
    [InlineData("year=2023&part=Q2", "2023-Q2")]
    [InlineData("year=2023&part=05", "2023-05")]
    [InlineData("from=2023-01&to=2023-06", "2023-01..2023-06")]
    [InlineData("period=2023-Q3", "2023-Q3")]
    public async Task The_pickers_choose_the_period(string query, string period)
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var dashboard = await client.GetStringAsync($"/dashboard?{query}", Ct);
        var unit = await client.GetStringAsync($"/indicators/units/79?{query}", Ct);

        Assert.Contains($"data-period=\"{period}\"", dashboard, StringComparison.Ordinal);
        Assert.Contains($"data-period=\"{period}\"", unit, StringComparison.Ordinal);
        Assert.Contains("<select name=\"year\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("<select name=\"part\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("<input type=\"month\" name=\"from\"", unit, StringComparison.Ordinal);
    }
}

public sealed class DashboardPeriodTestsOnSqlite(SqliteApp fixture) : DashboardPeriodTests<SqliteApp>(fixture);

public sealed class DashboardPeriodTestsOnPostgres(PostgresApp fixture) : DashboardPeriodTests<PostgresApp>(fixture);
