using OpenDvc.Bench;

namespace OpenDvc.Tests.Platform;

/// <summary>
/// The throwaway PostgreSQL cluster of the whole test run (see <see cref="ThrowawayPostgres"/>), stopped and
/// deleted at the end. Each test class gets its own database.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private ThrowawayPostgres? server;

    public int Port => Server.Port;

    /// <summary>Why the cluster could not start (binaries missing); null when it runs.</summary>
    public string? Unavailable { get; private set; }

    private ThrowawayPostgres Server => server ?? throw new InvalidOperationException(Unavailable ?? "cluster not started");

    public async ValueTask InitializeAsync()
    {
        Unavailable = ThrowawayPostgres.Unavailable;
        if (Unavailable is null)
        {
            server = await ThrowawayPostgres.StartAsync();
        }
    }

    /// <summary>A new empty database on the cluster; returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync();

    public string ConnectionString(string database) => Server.ConnectionString(database);

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
