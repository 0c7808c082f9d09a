using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;

namespace OpenDvc.Indicators.Dashboard;

/// <summary>
/// Computes the public dashboard's default figures (the nation, its trend, the rankings) after every change of the
/// data and then at least every <see cref="IndicatorsOptions.WarmDashboardEvery"/>, so the first visitor after a sync
/// or an edit reads them from the cache instead of waiting for a GROUP BY over the period's rollups (about a second
/// at 10 M dossiers). The interval also catches what no signal announces here: the day turning, the cache's 10-minute
/// expiry, an ingest run by another process.
/// </summary>
public sealed class DashboardWarmer(IServiceScopeFactory scopes, DataChanges changes, TimeProvider time, IOptions<IndicatorsOptions> options, ILogger<DashboardWarmer> logger) : BackgroundService
{
    // The public: no identity, so published editions are chosen as they are for an anonymous visitor.
    private static readonly ClaimsPrincipal Public = new(new ClaimsIdentity());

    /// <summary>Called after each round (tests wait for it).</summary>
    public Action? Warmed { get; init; }

    /// <summary>One round: the figures an anonymous visitor of /dashboard with no query would be shown.</summary>
    public async Task WarmAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DashboardFigures>().LoadAsync(null, AudienceFilter.Both, null, false, Public, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the round: a change while it computes brings the next round at once.
            var changed = changes.Token;
            var started = time.GetTimestamp();
            try
            {
                await WarmAsync(stoppingToken);
                logger.LogDebug("Dashboard figures warmed in {Elapsed}", time.GetElapsedTime(started));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A round that fails must never stop the site: the next change or tick tries again, and visitors compute as before.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Dashboard figures not warmed; trying again at the next change or tick");
            }

            Warmed?.Invoke();
            await NextRoundAsync(changed, options.Value.WarmDashboardEvery, stoppingToken);
        }
    }

    private async Task NextRoundAsync(IChangeToken changed, TimeSpan every, CancellationToken ct)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = changed.RegisterChangeCallback(s => ((TaskCompletionSource)s!).TrySetResult(), signal);
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(every, time, tick.Token);
        await Task.WhenAny(signal.Task, delay);
        await tick.CancelAsync();
    }
}
