using OpenDvc.Indicators.Calculation;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>Scopes, periods and audiences the oracle checks: the nation, units, services with edge cases.</summary>
public static class OracleQueries
{
    public static TheoryData<string, string?, string?, AudienceFilter> All => new()
    {
        { "2023", null, null, AudienceFilter.Both },
        { "2023-Q1", null, null, AudienceFilter.Citizens },
        { "2022-07..2023-12", null, null, AudienceFilter.Businesses },
        { "2023", "01", null, AudienceFilter.Both },
        { "2023-03", "01", null, AudienceFilter.Both },
        { "2023", "79", null, AudienceFilter.Citizens },
        { "2023", "BCA", null, AudienceFilter.Both },
        { "2023", "BHXH", null, AudienceFilter.Businesses },
        { "2023-03", "01", IndicatorData.AllLate, AudienceFilter.Both },
        { "2023-03", "01", IndicatorData.NoFeesUnrated, AudienceFilter.Both },
        { "2023-03", "01", IndicatorData.WithCopies, AudienceFilter.Both },
        { "2023-03", "01", IndicatorData.PendingWithin, AudienceFilter.Both },
        { "2021", null, null, AudienceFilter.Both },
    };
}

/// <summary>Every indicator from the rollups equals the same indicator computed naively from the dossier rows.</summary>
public abstract class IndicatorOracleTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private const int MinimumRatings = 30;


    [Theory]
    [MemberData(nameof(OracleQueries.All), MemberType = typeof(OracleQueries))]
    public async Task Every_indicator_from_rollups_equals_the_naive_recomputation_from_dossiers(string period, string? unit, string? procedure, AudienceFilter audience)
    {
        await IndicatorData.EnsureAsync(App);
        Assert.True(Period.TryParse(period, out var parsed));
        var query = new IndicatorQuery(parsed, unit, procedure, audience);

        var computed = await ComputeAsync(query);
        var expected = NaiveIndicators.Compute(
            await LedgerData.DossiersAsync(App, q => q), await IndicatorData.RegistryAsync(App), query, IndicatorData.Today, MinimumRatings);

        Assert.Equal(expected.Keys.Order(), computed.Values.Select(v => v.FormulaKey).Order());
        Assert.All(computed.Values, v => Assert.True(
            Round(expected[v.FormulaKey]) == Round(v.Value),
            $"{v.Code} ({v.FormulaKey}): rollups {v.Value}, dossiers {expected[v.FormulaKey]}"));
    }

    [Fact]
    public async Task National_figures_have_data_for_every_dossier_indicator()
    {
        await IndicatorData.EnsureAsync(App);

        var national = await ComputeAsync(new IndicatorQuery(Period.Year(2023)));

        Assert.All(national.Values, v => Assert.NotNull(v.Value));
        Assert.InRange(national.Index.CoveredPoints, 60m, 66m);
    }

    [Fact]
    public async Task Edge_cases_read_as_the_rules_say()
    {
        await IndicatorData.EnsureAsync(App);
        var march = Period.Month(2023, 3);

        var allLate = await ComputeAsync(new IndicatorQuery(march, "01", IndicatorData.AllLate));
        var noFees = await ComputeAsync(new IndicatorQuery(march, "01", IndicatorData.NoFeesUnrated));
        var copies = await ComputeAsync(new IndicatorQuery(march, "01", IndicatorData.WithCopies));
        var pending = await ComputeAsync(new IndicatorQuery(march, "01", IndicatorData.PendingWithin));

        Assert.Equal(0m, allLate["2.1"]!.Value);
        Assert.Equal(0m, allLate["2.1"]!.Score);
        Assert.Equal(0m, allLate["5.4"]!.Value);
        Assert.Equal(20m, allLate["2.2"]!.Value);
        Assert.Equal(NoData.TooFewRatings, allLate["HL"]!.Missing);
        Assert.Equal((NoData?)NoData.ZeroDenominator, noFees["3.6"]!.Missing);
        Assert.Null(noFees["5.4"]!.Value);
        Assert.Equal(1m, noFees["2.1"]!.Value);
        Assert.Equal(1L, copies.Totals.Dossiers);
        Assert.Equal(1m, copies["4.1"]!.Value);
        Assert.Equal((3L, 2L), (pending.Totals.Pending, pending.Totals.PendingWithinDeadline));
        Assert.Equal(2m / 3m, pending["2.1"]!.Value);
    }

    private async Task<ScopeIndicators> ComputeAsync(IndicatorQuery query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IndicatorCalculator>().ComputeAsync(query, CancellationToken.None);
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 12) : null;
}

public sealed class IndicatorOracleTestsOnSqlite(SqliteApp fixture) : IndicatorOracleTests<SqliteApp>(fixture);

public sealed class IndicatorOracleTestsOnPostgres(PostgresApp fixture) : IndicatorOracleTests<PostgresApp>(fixture);
