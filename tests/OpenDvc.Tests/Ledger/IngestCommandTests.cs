using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Registry;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

/// <summary>
/// Issue 20: a newcomer's first <c>opendvc simulate</c> then <c>opendvc ingest</c>, run as real commands on a
/// temporary folder and a new database.
/// </summary>
[Collection(nameof(ConsoleUsers))]
public sealed partial class IngestCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("opendvc-ingest-cli-").FullName;

    private string Database => Path.Combine(directory, "newcomer.db");

    private string InFolder(string name) => Path.Combine(directory, name);

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => CliTests.RunAsync(cli =>
    {
        cli.AddRegistryCommands();
        cli.AddLedgerCommands();
        cli.AddSimulationCommands();
    }, args);

    private async Task<string> SimulateAsync(string name, params string[] more)
    {
        var file = InFolder(name);
        var (exit, output, error) = await RunAsync(["simulate", "--dossiers", "2000", "--seed", "20", "--output", file, .. more]);
        Assert.True(exit == 0, output + error);
        return file;
    }

    [Fact]
    public async Task Issue_20_ingest_into_a_new_database_refuses_everything_exits_non_zero_and_names_the_likely_cause()
    {
        var file = await SimulateAsync("first.ndjson");

        var (exit, output, error) = await RunAsync("ingest", file, "--database", Database);

        Assert.NotEqual(0, exit);
        Assert.Contains("OD-INGEST-ALL-REFUSED", error, StringComparison.Ordinal);
        Assert.Contains("PROCEDURE_UNKNOWN", output, StringComparison.Ordinal);
        Assert.Contains("Mã thủ tục hành chính (MaTTHC) không có trong danh mục.", output, StringComparison.Ordinal);
        Assert.Contains("The procedure code (MaTTHC) is not in the catalog.", output, StringComparison.Ordinal);
        Assert.Contains("the catalog has no procedures", output + error, StringComparison.Ordinal);
        Assert.Contains("opendvc migrate --demo", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrate", "--demo")]
    [InlineData("--demo", "migrate")]
    public async Task Migrate_with_demo_loads_the_demo_registry_without_the_demo_ledger_wherever_the_flag_stands(string first, string second)
    {
        var (exit, output, error) = await RunAsync(first, second, "--database", Database);

        Assert.True(exit == 0, output + error);
        Assert.InRange(await CountAsync("procedures"), 100, 10_000);
        Assert.Equal(0, await CountAsync("dossiers"));
        Assert.Equal(0, await CountAsync("quarantined_records"));
    }

    [Fact]
    public async Task After_migrate_demo_an_ingest_accepts_most_records_and_explains_every_count()
    {
        var file = await SimulateAsync("second.ndjson", "--malformed-share", "0.02");
        Assert.Equal(0, (await RunAsync("migrate", "--demo", "--database", Database)).ExitCode);

        var (exit, output, error) = await RunAsync("ingest", file, "--database", Database);

        Assert.True(exit == 0, output + error);
        var counts = Counts(output);
        Assert.Equal(2000, counts.Read);
        Assert.InRange(counts.Accepted, 1500, 2000);
        Assert.InRange(counts.Quarantined, 1, 100);
        Assert.Contains("refused by reason", output, StringComparison.Ordinal);
        Assert.Contains("bị từ chối theo lý do", output, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{counts.Quarantined:N0} record(s) refused"), output, StringComparison.Ordinal);
        Assert.Contains("row(s) added to quarantine", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_with_demo_on_a_new_database_loads_the_catalog_first()
    {
        var file = await SimulateAsync("third.ndjson");

        var (exit, output, error) = await RunAsync("ingest", "--demo", file, "--database", Database);

        Assert.True(exit == 0, output + error);
        Assert.InRange(Counts(output).Accepted, 1500, 2000);
    }

    [Theory]
    [InlineData("records.csv")]
    [InlineData("records.csv.gz")]
    public async Task Simulate_to_a_csv_file_writes_the_csv_the_ingest_reads_back(string name)
    {
        var file = await SimulateAsync(name);
        Assert.Equal(0, (await RunAsync("migrate", "--demo", "--database", Database)).ExitCode);

        var (exit, output, error) = await RunAsync("ingest", file, "--database", Database);

        Assert.Equal(string.Join(',', DossierCsv.Columns), await FirstLineAsync(file));
        Assert.True(exit == 0, output + error);
        Assert.InRange(Counts(output).Accepted, 1500, 2000);
    }

    [Fact]
    public async Task The_format_option_overrides_the_extension()
    {
        var file = await SimulateAsync("records.csv", "--format", "ndjson");

        Assert.StartsWith("{", await FirstLineAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_is_in_vietnamese_by_default_and_in_english_on_request()
    {
        var (vietnameseExit, vietnamese, _) = await RunAsync("ingest", "--help");
        var (englishExit, english, _) = await RunAsync("ingest", "--help", "--lang", "en");

        Assert.Equal((0, 0), (vietnameseExit, englishExit));
        Assert.Contains("Cách dùng:", vietnamese, StringComparison.Ordinal);
        Assert.Contains("Nạp các tệp hồ sơ đồng bộ vào sổ cái", vietnamese, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", vietnamese, StringComparison.Ordinal);
        Assert.Contains("Usage:", english, StringComparison.Ordinal);
        Assert.Contains("Load synced dossier files into the ledger", english, StringComparison.Ordinal);
    }

    private static async Task<string> FirstLineAsync(string file)
    {
        await using var stream = File.OpenRead(file);
        await using var plain = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(plain);
        return await reader.ReadLineAsync(TestContext.Current.CancellationToken) ?? "";
    }

    private static (long Read, long Accepted, long Quarantined) Counts(string output)
    {
        var match = ClosingLine().Match(output);
        Assert.True(match.Success, output);
        long Number(string group) => long.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        return (Number("read"), Number("accepted"), Number("quarantined"));
    }

    [GeneratedRegex(@"read (?<read>[\d,]+) = accepted (?<accepted>[\d,]+) \+ unchanged [\d,]+ \+ stale [\d,]+ \+ quarantined (?<quarantined>[\d,]+)")]
    private static partial Regex ClosingLine();

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={Database}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
