using OpenDvc.Accounts;
using OpenDvc.Directives;
using OpenDvc.Platform.Cli;
using OpenDvc.Registry;

namespace OpenDvc.Tests.Platform;

/// <summary>The <c>opendvc</c> command line, run in-process exactly as Program.cs wires it.</summary>
[Collection(nameof(ConsoleUsers))]
public sealed class CliTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"opendvc-cli-{Guid.NewGuid():N}");

    private string Database => Path.Combine(directory, "cli.db");

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(cli =>
    {
        cli.AddAccountsCommands();
        cli.AddRegistryCommands();
        cli.AddDirectivesCommands();
    }, args);

    /// <summary>Runs a command line with the commands <paramref name="add"/> registers, capturing the console.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(Action<CliApp> add, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(add);
        var cli = new CliApp(Program.Compose);
        add(cli);
        var (output, error) = (new StringWriter(), new StringWriter());
        var (previousOut, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await cli.InvokeAsync(args);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

    [Fact]
    public async Task Migrate_creates_a_database_with_the_reference_data()
    {
        var (exit, output, _) = await RunAsync("migrate", "--database", Database);

        Assert.Equal(0, exit);
        Assert.Contains("database up to date", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Database));
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        foreach (var command in new[] { "serve", "migrate", "users", "keys" })
        {
            var (exit, output, _) = await RunAsync(command, "--help");

            Assert.Equal(0, exit);
            Assert.Contains("Cách dùng:", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_command_fails_with_a_non_zero_exit_code()
    {
        var (exit, _, error) = await RunAsync("frobnicate");

        Assert.NotEqual(0, exit);
        Assert.Contains("frobnicate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgres_database_is_a_clear_error()
    {
        var (exit, _, error) = await RunAsync("migrate", "--database", "Host=127.0.0.1;Port=1;Database=x;Username=x;Timeout=2");

        Assert.Equal(1, exit);
        Assert.Contains("OD-DATABASE-UNAVAILABLE", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>Tests that redirect the process-wide console run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleUsers), DisableParallelization = true)]
public sealed class ConsoleUsers;
