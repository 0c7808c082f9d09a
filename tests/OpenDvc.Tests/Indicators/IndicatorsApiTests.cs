using System.Net;
using System.Text.Json;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

public abstract class IndicatorsApiTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anyone_reads_a_units_indicators_with_their_working_target_and_score()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators?period=2023&unit=01&audience=Both", Ct));

        var root = json.RootElement;
        Assert.Equal("2023", root.GetProperty("period").GetString());
        Assert.Equal("01", root.GetProperty("unit").GetString());
        var onTime = root.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "2.1");
        Assert.Equal(20m, onTime.GetProperty("maxScore").GetDecimal());
        var ratio = onTime.GetProperty("numerator").GetDecimal() / onTime.GetProperty("denominator").GetDecimal();
        Assert.Equal(Math.Round(ratio, 10), Math.Round(onTime.GetProperty("value").GetDecimal(), 10));
        Assert.Equal(Math.Round(ratio * 20, 10), Math.Round(onTime.GetProperty("score").GetDecimal(), 10));
        var index = root.GetProperty("index");
        Assert.InRange(index.GetProperty("coveredShare").GetDecimal(), 0.01m, 0.66m);
        Assert.InRange(index.GetProperty("points").GetDecimal(), 0m, index.GetProperty("coveredPoints").GetDecimal());
    }

    [Fact]
    public async Task A_bad_period_is_a_problem_with_a_stable_code_and_an_unknown_unit_is_not_found()
    {
        using var client = App.Anonymous();

        var badPeriod = await client.GetAsync("/api/v1/indicators?period=2023-13", Ct);
        var unknownUnit = await client.GetAsync("/api/v1/indicators?period=2023&unit=NOPE", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        using var problem = JsonDocument.Parse(await badPeriod.Content.ReadAsStringAsync(Ct));
        Assert.Equal("OD-PERIOD-INVALID", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains("2023-13", problem.RootElement.GetProperty("message_en").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownUnit.StatusCode);
    }

    [Fact]
    public async Task Trend_has_one_entry_per_month_and_their_dossiers_add_up_to_the_period()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var trend = await TestApp.ReadAsync<List<IndicatorsView>>(await client.GetAsync("/api/v1/indicators/trend?period=2023-Q1", Ct));
        var quarter = await TestApp.ReadAsync<IndicatorsView>(await client.GetAsync("/api/v1/indicators?period=2023-Q1", Ct));

        Assert.Equal(["2023-01", "2023-02", "2023-03"], trend.Select(t => t.Period));
        Assert.Equal(quarter.Totals.Dossiers, trend.Sum(t => t.Totals.Dossiers));
        Assert.Equal(quarter.Totals.OnlineRemote, trend.Sum(t => t.Totals.OnlineRemote));
    }

    [Fact]
    public async Task Rankings_rank_each_peer_group_by_points_with_shared_ranks_and_the_previous_rank()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators/rankings?period=2023", Ct));

        var rows = json.RootElement.EnumerateArray().Select(r => (
            Group: r.GetProperty("group").GetString(),
            Rank: r.GetProperty("rank").ValueKind == JsonValueKind.Null ? (int?)null : r.GetProperty("rank").GetInt32(),
            Previous: r.GetProperty("previousRank").ValueKind == JsonValueKind.Null ? (int?)null : r.GetProperty("previousRank").GetInt32(),
            Points: Math.Round(r.GetProperty("index").GetProperty("points").GetDecimal(), 2))).ToList();
        Assert.Equal(86, rows.Count);
        foreach (var group in rows.GroupBy(r => r.Group))
        {
            var ranked = group.Where(r => r.Rank is not null).ToList();
            Assert.NotEmpty(ranked);
            Assert.All(ranked, r => Assert.Equal(1 + ranked.Count(o => o.Points > r.Points), r.Rank));
        }

        Assert.Contains(rows, r => r.Previous is not null);
    }

    [Fact]
    public async Task Rankings_export_to_excel_with_the_indicator_columns()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var response = await client.GetAsync("/api/v1/indicators/rankings/export?period=2023&group=Provinces&format=xlsx&headers=codes", Ct);

        var rows = await IndicatorData.XlsxRowsAsync(response);
        Assert.Equal(63, rows.Count);
        Assert.Equal(["group", "rank", "previous_rank", "change", "unit", "name", "index_points", "covered_points", "2.1"], rows[0].Keys.Take(9));
        Assert.All(rows, r => Assert.Equal("Provinces", r["group"]));
    }

    [Fact]
    public async Task Definitions_list_every_seeded_indicator_with_its_source()
    {
        using var client = App.Anonymous();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators/definitions", Ct));

        var codes = json.RootElement.EnumerateArray().Select(d => d.GetProperty("code").GetString()).ToList();
        Assert.Equal(["2.1", "2.2", "3.1", "3.2", "3.3", "3.5", "3.6", "4.1", "4.2", "4.3", "4.4", "4.5", "5.4", "FP", "L4", "RO", "HL"], codes);
        Assert.All(json.RootElement.EnumerateArray(), d => Assert.False(string.IsNullOrEmpty(d.GetProperty("source").GetString())));
    }

    [Fact]
    public async Task Savings_come_with_the_assumptions_they_used()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators/savings?period=2023&unit=79", Ct));

        var estimate = json.RootElement.GetProperty("estimate");
        var assumptions = json.RootElement.GetProperty("assumptions");
        Assert.Equal(2m, assumptions.GetProperty("tripsPerCounterDossier").GetDecimal());
        Assert.Equal(estimate.GetProperty("remoteOnlineDossiers").GetDecimal() * 2, estimate.GetProperty("tripsAvoided").GetDecimal());
        Assert.True(estimate.GetProperty("totalDong").GetDecimal() > 0);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_indicator_endpoints()
    {
        using var client = App.Anonymous();

        var document = await client.GetStringAsync("/openapi/v1.json", Ct);

        Assert.Contains("\"/api/v1/indicators\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/indicators/rankings\"", document, StringComparison.Ordinal);
        Assert.Contains("GetIndicators", document, StringComparison.Ordinal);
    }
}

public sealed class IndicatorsApiTestsOnSqlite(SqliteApp fixture) : IndicatorsApiTests<SqliteApp>(fixture);

public sealed class IndicatorsApiTestsOnPostgres(PostgresApp fixture) : IndicatorsApiTests<PostgresApp>(fixture);
