[assembly: AssemblyFixture(typeof(OpenDvc.Tests.Platform.PostgresCluster))]

namespace OpenDvc.Tests.Platform;

/// <summary>
/// One running app per test class, on SQLite or PostgreSQL. Derive a test class twice (…OnSqlite, …OnPostgres)
/// to run the same tests on both providers. Without PostgreSQL binaries the PostgreSQL classes are skipped with
/// the reason, except in CI (CI=true), where a missing server is a failure.
/// </summary>
public abstract class AppFixture : IAsyncLifetime
{
    private TestApp? app;

    public TestApp App => app ?? throw new InvalidOperationException(SkipReason ?? "app not started");

    public string? SkipReason { get; protected set; }

    protected abstract Task<TestApp?> StartAsync();

    public async ValueTask InitializeAsync() => app = await StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

public class SqliteApp : AppFixture
{
    /// <summary>The clock the app runs on; null for the system clock.</summary>
    protected virtual TimeProvider? Time => null;

    /// <summary>Settings of the app beyond the tests' defaults (<c>--Section:Key=value</c>).</summary>
    protected virtual string[]? Configuration => null;

    /// <summary>Services the test replaces; null for none.</summary>
    protected virtual Action<IServiceCollection>? Services => null;

    protected override async Task<TestApp?> StartAsync() => await TestApp.StartAsync(time: Time, configuration: Configuration, services: Services);
}

public class PostgresApp(PostgresCluster cluster) : AppFixture
{
    /// <summary>The clock the app runs on; null for the system clock.</summary>
    protected virtual TimeProvider? Time => null;

    /// <summary>Settings of the app beyond the tests' defaults (<c>--Section:Key=value</c>).</summary>
    protected virtual string[]? Configuration => null;

    /// <summary>Services the test replaces; null for none.</summary>
    protected virtual Action<IServiceCollection>? Services => null;

    protected override async Task<TestApp?> StartAsync()
    {
        if (cluster.Unavailable is not null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException($"{cluster.Unavailable}; CI must install postgresql");
            }

            SkipReason = $"PostgreSQL tests skipped: {cluster.Unavailable}";
            return null;
        }

        return await TestApp.StartAsync(await cluster.CreateDatabaseAsync(), time: Time, configuration: Configuration, services: Services);
    }
}

/// <summary>Base for tests that run against a live app; skips cleanly when the provider is unavailable.</summary>
public abstract class AppTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : AppFixture
{
    protected TestApp App
    {
        get
        {
            Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? "");
            return fixture.App;
        }
    }
}
