using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Indicators;
using OpenDvc.Tests.Ledger;

namespace OpenDvc.Tests.Platform;

/// <summary>Writes made by another process (here another instance of the app on the same database) reach this one's cached figures and pages.</summary>
public abstract class DataChangeFeedTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dossier_synced_through_another_instance_shows_on_this_instance_s_dashboard_once_the_feed_looks()
    {
        await using var other = await App.StartAnotherInstanceAsync();
        using var visitor = App.Anonymous();
        using var otherUnit = await other.ApiKeyClientAsync("01");
        var before = await SyncedOnDashboardAsync(visitor);

        await LedgerFiles.SyncOneAsync(otherUnit, LedgerFiles.Prefix() + "1", Ct);
        var withoutFeed = await SyncedOnDashboardAsync(visitor);

        var looks = Channel.CreateUnbounded<bool>();
        using var feed = new DataChangeFeed(
            App.Services.GetRequiredService<DatabaseSettings>(), App.Services.GetRequiredService<DataChanges>(), TimeProvider.System,
            Options.Create(new DataChangesOptions { BatchInterval = TimeSpan.Zero, PollInterval = TimeSpan.FromMilliseconds(200) }),
            App.Services.GetRequiredService<ILogger<DataChangeFeed>>())
        { Looked = changed => looks.Writer.TryWrite(changed) };
        await feed.StartAsync(Ct);
        await looks.Reader.ReadAsync(Ct); // the first look takes the database's number as it is
        await LedgerFiles.SyncOneAsync(otherUnit, LedgerFiles.Prefix() + "2", Ct);
        var withFeed = await SyncedOnDashboardAfterChangesAsync(visitor, looks.Reader, before + 2);
        await feed.StopAsync(Ct);

        Assert.Equal(before, withoutFeed); // nothing told this instance: its cached page stood
        Assert.Equal(before + 2, withFeed);
    }

    private static async Task<long> SyncedOnDashboardAsync(HttpClient visitor) =>
        PublicPageCacheTests.DossiersSynced(await visitor.GetStringAsync("/dashboard?period=2023", Ct));

    /// <summary>
    /// The dashboard's count after each look of the feed that found a change, until it is <paramref name="expected"/>.
    /// PostgreSQL reports a session's writes to its statistics within about ten seconds, so the first sync may be
    /// found only after the feed's first look, and the second a look later. Gives up after a minute.
    /// </summary>
    private static async Task<long?> SyncedOnDashboardAfterChangesAsync(HttpClient visitor, ChannelReader<bool> looks, long expected)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        long? seen = null;
        try
        {
            while (seen != expected)
            {
                if (await looks.ReadAsync(timeout.Token))
                {
                    seen = await SyncedOnDashboardAsync(visitor);
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            // Out of time: the assertion names what the dashboard showed after the last change found, if any.
        }

        return seen;
    }
}

public sealed class DataChangeFeedTestsOnSqlite(SqliteApp fixture) : DataChangeFeedTests<SqliteApp>(fixture);

public sealed class DataChangeFeedTestsOnPostgres(PostgresApp fixture) : DataChangeFeedTests<PostgresApp>(fixture);
