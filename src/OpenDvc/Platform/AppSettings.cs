using OpenDvc.Platform.Database;

namespace OpenDvc.Platform;

/// <summary>What the command line decides about one run of the app: where the data is and how to serve it.</summary>
public sealed record AppSettings(DatabaseSettings Database, string[] Args)
{
    /// <summary>Load the demo registry (and, later, the demo ledger) into an empty database.</summary>
    public bool Demo { get; init; }

    /// <summary>Addresses to listen on; the default is http://localhost:5080.</summary>
    public string? Urls { get; init; }

    /// <summary>Serving the web app, or running a CLI command (quieter logs, no listening).</summary>
    public bool IsCli { get; init; }

    public string? EnvironmentName { get; init; }

    /// <summary>The clock the app runs on; tests give a fake one to put "now" on a due date. Default: the system clock.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Registrations a test makes after the app's own, to replace a service (e.g. a password hasher that counts its work).</summary>
    public Action<IServiceCollection>? Services { get; init; }
}

/// <summary>
/// A capability's work on a freshly migrated database (reference data, demo data). Run in registration order
/// by <c>serve</c>, <c>migrate</c> and every CLI command, after the migrations.
/// </summary>
public interface IDatabaseSeeder
{
    Task SeedAsync(AppSettings settings, CancellationToken cancellationToken);
}
