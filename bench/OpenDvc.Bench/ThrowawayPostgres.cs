using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OpenDvc.Bench;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb + pg_ctl on a free loopback port in a temp directory, without
/// durability (fsync off) unless started with the package's defaults, stopped and deleted on dispose. initdb refuses root, so as root it runs as the
/// 'postgres' user that Debian's package creates. Used by the tests and the benchmarks, never by the app.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string bin;
    private readonly string dataDirectory;
    private readonly bool asPostgresUser;
    private bool running;

    private ThrowawayPostgres(string bin, string dataDirectory, bool asPostgresUser, int port)
    {
        this.bin = bin;
        this.dataDirectory = dataDirectory;
        this.asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Why a cluster cannot start here (server binaries missing); null when it can.</summary>
    public static string? Unavailable => FindBinaries() is null
        ? "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
        : null;

    /// <summary>
    /// Creates and starts a cluster; throws when the binaries are missing (check <see cref="Unavailable"/>).
    /// <paramref name="settings"/> are extra server settings (<c>name=value</c>), e.g. the benchmark's memory.
    /// </summary>
    public static Task<ThrowawayPostgres> StartAsync(CancellationToken cancellationToken = default, params IEnumerable<string> settings) =>
        StartClusterAsync(durable: false, settings, cancellationToken);

    /// <summary>
    /// A cluster with the server's settings as initdb (and so Debian's package) writes them: durable (fsync, synchronous
    /// commit, full-page writes on), 128 MB of shared buffers; what a user's freshly installed server runs with.
    /// </summary>
    public static Task<ThrowawayPostgres> StartWithPackageDefaultsAsync(CancellationToken cancellationToken = default) =>
        StartClusterAsync(durable: true, [], cancellationToken);

    /// <summary>The <c>psql</c> client beside the server binaries, or on the PATH; null when absent.</summary>
    public static string? Psql => FindBinaries() is { } bin && File.Exists(Path.Combine(bin, "psql"))
        ? Path.Combine(bin, "psql")
        : ChildProcess.OnPath("psql");

    private static async Task<ThrowawayPostgres> StartClusterAsync(bool durable, IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(Unavailable);
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"opendvc-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        var asPostgresUser = Environment.UserName == "root";
        var cluster = new ThrowawayPostgres(bin, dataDirectory, asPostgresUser, FreePort());
        if (asPostgresUser)
        {
            await RunAsync("chown", $"postgres {dataDirectory}", asUser: false, cancellationToken);
        }

        await RunAsync(Path.Combine(bin, "initdb"), $"-D {dataDirectory} -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8", asPostgresUser, cancellationToken);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            $"-D {dataDirectory} -l {dataDirectory}/server.log -w -o \"-p {cluster.Port} -k /tmp -c listen_addresses=127.0.0.1{(durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")} -c max_connections=200{string.Concat(settings.Select(s => $" -c {s}"))}\" start",
            asPostgresUser, cancellationToken);
        cluster.running = true;
        return cluster;
    }

    /// <summary>A new empty database on the cluster; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 60)];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true";

    public async ValueTask DisposeAsync()
    {
        if (!running)
        {
            return;
        }

        running = false;
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {dataDirectory} -m immediate -w stop", asPostgresUser, CancellationToken.None);
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string arguments, bool asUser, CancellationToken cancellationToken)
    {
        var start = asUser
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}
