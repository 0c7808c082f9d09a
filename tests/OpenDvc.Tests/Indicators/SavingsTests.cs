using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Savings;
using OpenDvc.Ledger;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

public sealed class SavingsEstimateTests
{
    [Fact]
    public void Estimate_shows_its_working_from_the_assumptions()
    {
        // 100 remote online dossiers; counter dossiers take 10 days on average, remote ones 7; fees 50,000 against 40,000.
        var totals = new Totals
        {
            OnlineRemote = 100,
            CounterProcessingMinutes = 10 * 1440 * 4, CounterProcessingCount = 4,
            RemoteProcessingMinutes = 7 * 1440 * 80, RemoteProcessingCount = 80,
            CounterFeeAmount = 50_000 * 2, CounterFeeBearing = 2,
            RemoteFeeAmount = 40_000 * 30, RemoteFeeBearing = 30,
        };

        var estimate = SavingsEstimate.From(totals, new SavingsOptions());

        Assert.Equal((200m, 400m, 6_000_000m, 9_000_000m), (estimate.TripsAvoided, estimate.HoursSaved, estimate.TravelCostSaved, estimate.TimeValueSaved));
        Assert.Equal((10m, 7m, 240m), (estimate.CounterAverageDays, estimate.RemoteAverageDays, estimate.WaitingDaysSaved));
        Assert.Equal(300_000m, estimate.FeesSaved);
        Assert.Equal(15_300_000m, estimate.TotalDong);
    }

    [Fact]
    public void Without_counter_dossiers_to_compare_the_waiting_and_fee_differences_are_not_estimated()
    {
        var estimate = SavingsEstimate.From(new Totals { OnlineRemote = 3, RemoteProcessingCount = 3, RemoteProcessingMinutes = 3000 }, new SavingsOptions { TripsPerCounterDossier = 1 });

        Assert.Null(estimate.WaitingDaysSaved);
        Assert.Null(estimate.FeesSaved);
        Assert.Equal(3m, estimate.TripsAvoided);
    }
}

public abstract class SavingsOracleTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    [Theory]
    [InlineData(null)]
    [InlineData("79")]
    public async Task Savings_from_rollups_equal_the_channel_figures_of_the_dossier_rows(string? unit)
    {
        await IndicatorData.EnsureAsync(App);
        var query = new IndicatorQuery(Period.Year(2023), unit);
        await using var scope = App.Services.CreateAsyncScope();

        var scopeIndicators = await scope.ServiceProvider.GetRequiredService<IndicatorCalculator>().ComputeAsync(query, TestContext.Current.CancellationToken);
        var estimate = SavingsEstimate.From(scopeIndicators.Totals, new SavingsOptions());
        var rows = (await LedgerData.DossiersAsync(App, q => q)).Where(d => d.OriginalCode == null && d.ReceivedMonth / 100 == 2023 && (unit == null || d.UnitCode == unit)).ToList();
        var remote = rows.Where(d => d.Channel == DossierChannel.OnlineRemote).ToList();
        var counter = rows.Where(d => d.Channel == DossierChannel.Direct).ToList();

        Assert.Equal(remote.Count, estimate.RemoteOnlineDossiers);
        Assert.Equal(Days(counter), Round(estimate.CounterAverageDays));
        Assert.Equal(Days(remote), Round(estimate.RemoteAverageDays));
        Assert.Equal(Fee(counter), Round(estimate.CounterAverageFee));
        Assert.Equal(Fee(remote), Round(estimate.RemoteAverageFee));
    }

    private static decimal? Days(List<Dossier> rows)
    {
        var finished = rows.Where(d => d.ProcessingMinutes is not null).ToList();
        return finished.Count == 0 ? null : Round(finished.Sum(d => (decimal)d.ProcessingMinutes!.Value) / 1440m / finished.Count);
    }

    private static decimal? Fee(List<Dossier> rows)
    {
        var paying = rows.Where(d => d.Fee > 0).ToList();
        return paying.Count == 0 ? null : Round((decimal)paying.Sum(d => d.Fee) / paying.Count);
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 8) : null;
}

public sealed class SavingsOracleTestsOnSqlite(SqliteApp fixture) : SavingsOracleTests<SqliteApp>(fixture);

public sealed class SavingsOracleTestsOnPostgres(PostgresApp fixture) : SavingsOracleTests<PostgresApp>(fixture);
