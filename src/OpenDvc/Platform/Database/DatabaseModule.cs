using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenDvc.Platform.Audit;

namespace OpenDvc.Platform.Database;

public static class DatabaseModule
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder, DatabaseSettings settings)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddScoped<AuditInterceptor>();
        builder.Services.AddOptions<DataChangesOptions>().BindConfiguration("DataChanges");
        builder.Services.AddSingleton<DataChanges>();

        // Tests start the feed themselves, when they ask for it.
        if (!builder.Environment.IsEnvironment("Testing") && (builder.Configuration.GetSection("DataChanges").Get<DataChangesOptions>() ?? new()).PollInterval > TimeSpan.Zero)
        {
            builder.Services.AddHostedService<DataChangeFeed>();
        }

        builder.Services.AddScoped<Files.FileStore>();
        builder.Services.AddScoped<AuditTrail>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            builder.Services.AddDbContext<OpenDvcDbContext, SqliteDbContext>((sp, options) =>
                Configure(options.UseSqlite(settings.ConnectionString, o =>
                    o.MigrationsAssembly(typeof(SqliteDbContext).Assembly.FullName)), sp));
        }
        else
        {
            builder.Services.AddDbContext<OpenDvcDbContext, PostgresDbContext>((sp, options) =>
                Configure(options.UseNpgsql(settings.ConnectionString), sp));
        }

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    private static void Configure(DbContextOptionsBuilder options, IServiceProvider services)
    {
        options.AddInterceptors(services.GetRequiredService<AuditInterceptor>(), SqliteTuning.Instance);
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>Applies every pending migration; the one way the schema changes.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();

        // Asking first is cheaper than Migrate's own check (its lock, the history table's creation) on the many
        // starts that find nothing to apply; two processes that both find something queue on Migrate's lock.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}

/// <summary>Liveness and readiness: the database answers and no migration is pending.</summary>
internal sealed class DatabaseHealthCheck(OpenDvcDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("database reachable, migrations applied")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending: {string.Join(", ", pending)}");
    }
}

/// <summary>SQLite connections run in WAL mode with a busy timeout so readers never block the writer.</summary>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    public static readonly SqliteTuning Instance = new();
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}
