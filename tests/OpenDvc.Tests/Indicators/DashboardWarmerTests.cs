using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenDvc.Indicators;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Dashboard;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>The public dashboard's default figures are computed ahead of its first visitor, and again after every change.</summary>
public sealed class DashboardWarmerTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_s_figures_are_computed_before_a_visitor_asks_and_again_after_a_sync_changes_them()
    {
        using var hanoi = await App.ApiKeyClientAsync("01");
        await LedgerFiles.SyncOneAsync(hanoi, LedgerFiles.Prefix() + "1", Ct);
        var query = new IndicatorQuery(await InScopeAsync(s => IndicatorRequest.DefaultPeriodAsync(s.GetRequiredService<OpenDvcDbContext>(), s.GetRequiredService<TimeProvider>(), Ct)));
        var computedBefore = await InScopeAsync(s => Task.FromResult(s.GetRequiredService<IndicatorCalculator>().HasComputed(query)));

        using var rounds = new SemaphoreSlim(0);
        using var warmer = new DashboardWarmer(
            App.Services.GetRequiredService<IServiceScopeFactory>(), App.Services.GetRequiredService<DataChanges>(), TimeProvider.System,
            Options.Create(new IndicatorsOptions { WarmDashboardEvery = TimeSpan.FromHours(1) }), App.Services.GetRequiredService<ILogger<DashboardWarmer>>())
        { Warmed = () => rounds.Release() };
        await warmer.StartAsync(Ct);
        var received = await WarmedReceivedAsync(rounds, query, expected: null);

        await LedgerFiles.SyncOneAsync(hanoi, LedgerFiles.Prefix() + "2", Ct);
        var receivedAfterSync = await WarmedReceivedAsync(rounds, query, expected: received + 1);
        await warmer.StopAsync(Ct);

        Assert.False(computedBefore);
        Assert.True(received >= 1);
        Assert.Equal(received + 1, receivedAfterSync);
    }

    /// <summary>
    /// Waits for rounds of the warmer until the figures are in memory (and show <paramref name="expected"/> received
    /// dossiers, when given) without being computed here, then reads them from memory. Fails after a minute without a round.
    /// </summary>
    private async Task<long> WarmedReceivedAsync(SemaphoreSlim rounds, IndicatorQuery query, long? expected)
    {
        while (true)
        {
            if (!await rounds.WaitAsync(TimeSpan.FromMinutes(1), Ct))
            {
                Assert.Fail($"no round of the warmer left the dashboard's figures in memory{(expected is null ? "" : $" with {expected} received")} within a minute");
            }

            var received = await InScopeAsync(async s =>
            {
                var calculator = s.GetRequiredService<IndicatorCalculator>();
                return calculator.HasComputed(query) ? (await calculator.ComputeAsync(query, Ct)).Totals.Received : (long?)null;
            });
            if (received is { } value && (expected is null || value == expected))
            {
                return value;
            }
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> read)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider);
    }
}
