using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OpenDvc.Tests.Platform;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb + pg_ctl on a free loopback port in a temp
/// directory, stopped and deleted at the end. initdb refuses root, so as root it runs as the 'postgres' user
/// that Debian's package creates. Each test class gets its own database.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private string? dataDirectory;
    private bool asPostgresUser;

    public int Port { get; private set; }

    /// <summary>Why the cluster could not start (binaries missing); null when it runs.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var bin = FindBinaries();
        if (bin is null)
        {
            Unavailable = "PostgreSQL server binaries (initdb, pg_ctl) are not installed";
            return;
        }

        Port = FreePort();
        dataDirectory = Path.Combine(Path.GetTempPath(), $"opendvc-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        asPostgresUser = Environment.UserName == "root";
        if (asPostgresUser)
        {
            await RunAsync("chown", $"postgres {dataDirectory}", asUser: false);
        }

        await RunAsync(Path.Combine(bin, "initdb"), $"-D {dataDirectory} -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8", asPostgresUser);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            $"-D {dataDirectory} -l {dataDirectory}/server.log -w -o \"-p {Port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start",
            asPostgresUser);
    }

    /// <summary>A new empty database on the cluster; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}"[..20];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true";

    public async ValueTask DisposeAsync()
    {
        if (dataDirectory is null || Unavailable is not null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var bin = FindBinaries()!;
        await RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {dataDirectory} -m immediate -w stop", asPostgresUser);
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

    private static async Task RunAsync(string file, string arguments, bool asUser)
    {
        var start = asUser
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}
