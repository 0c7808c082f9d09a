using OpenDvc.Accounts;
using OpenDvc.Platform.Cli;

namespace OpenDvc.Tests.Accounts;

[CollectionDefinition(nameof(ConsoleUsers), DisableParallelization = true)]
public sealed class ConsoleUsers;

/// <summary>The <c>users</c> and <c>keys</c> commands, run as <c>opendvc</c> runs them, on a throwaway SQLite file.</summary>
[Collection(nameof(ConsoleUsers))]
public sealed class AccountsCliTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"opendvc-cli-{Guid.NewGuid():N}");

    public AccountsCliTests() => Directory.CreateDirectory(directory);

    private string Database => Path.Combine(directory, "opendvc.db");

    [Fact]
    public async Task Adds_a_focal_point_and_lists_it()
    {
        var added = await RunAsync("users", "add", "fp01", "--role", "focal_point", "--unit", "01", "--password", "Correct-Horse-42");
        var listed = await RunAsync("users", "list");

        Assert.Equal(0, added.Exit);
        Assert.Equal(0, listed.Exit);
        Assert.Matches(@"fp01\s+focal_point\s+01\s+no", listed.Out);
    }

    [Theory]
    [InlineData("OD-ROLE-UNKNOWN", "users", "add", "u1", "--role", "superuser", "--password", "Correct-Horse-42")]
    [InlineData("OD-FOCAL-POINT-NEEDS-UNIT", "users", "add", "u2", "--role", "focal_point", "--password", "Correct-Horse-42")]
    [InlineData("OD-UNIT-UNKNOWN", "users", "add", "u3", "--role", "focal_point", "--unit", "ZZ", "--password", "Correct-Horse-42")]
    [InlineData("OD-PASSWORD-MISSING", "users", "add", "u4", "--role", "viewer")]
    [InlineData("OD-USER-NOT-FOUND", "users", "set-role", "nobody", "--role", "viewer")]
    [InlineData("OD-USER-NOT-FOUND", "users", "unlock", "nobody")]
    [InlineData("OD-UNIT-UNKNOWN", "keys", "issue", "ZZ")]
    [InlineData("OD-KEY-NOT-FOUND", "keys", "revoke", "4242")]
    public async Task Refusals_exit_with_1_and_the_stable_code_in_both_languages(string code, params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(1, result.Exit);
        Assert.Equal(2, result.Error.Split('\n').Count(line => line.StartsWith($"error {code}:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Duplicate_user_exits_with_1_and_OD_USER_EXISTS()
    {
        Assert.Equal(0, (await RunAsync("users", "add", "twice", "--role", "viewer", "--password", "Correct-Horse-42")).Exit);

        var again = await RunAsync("users", "add", "twice", "--role", "viewer", "--password", "Correct-Horse-42");

        Assert.Equal(1, again.Exit);
        Assert.Contains("error OD-USER-EXISTS:", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issues_a_key_once_lists_it_without_the_secret_and_revokes_it()
    {
        var issued = await RunAsync("keys", "issue", "01", "--name", "một cửa Hà Nội");
        var key = issued.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
        var listed = await RunAsync("keys", "list", "--unit", "01");
        var revoked = await RunAsync("keys", "revoke", "1");
        var after = await RunAsync("keys", "list");

        Assert.Equal(0, issued.Exit);
        Assert.StartsWith("odvc_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Out, StringComparison.Ordinal);
        Assert.Contains(key.Split('_')[1], listed.Out, StringComparison.Ordinal);
        Assert.Equal(0, revoked.Exit);
        Assert.Contains("revoked", after.Out, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var cli = new CliApp(Program.Compose);
        cli.AddAccountsCommands();
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await cli.InvokeAsync([.. args, "--database", Database]);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
