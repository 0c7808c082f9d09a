using OpenDvc.Indicators;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

[Collection(nameof(ConsoleUsers))]
public sealed class ReportCommandTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    [Fact]
    public async Task Report_writes_the_rankings_and_a_units_indicators_and_refuses_a_bad_period()
    {
        await IndicatorData.EnsureAsync(App);
        var database = App.Services.GetRequiredService<DatabaseSettings>().ConnectionString;
        var directory = Directory.CreateTempSubdirectory("opendvc-report-").FullName;
        try
        {
            var rankings = Path.Combine(directory, "rankings.xlsx");
            var unit = Path.Combine(directory, "unit.csv");

            var (ranked, _, _) = await RunAsync("report", "--period", "2023", "--output", rankings, "--database", database);
            var (unitExit, unitOutput, _) = await RunAsync("report", "--period", "2023", "--unit", "79", "--output", unit, "--database", database);
            var (bad, _, error) = await RunAsync("report", "--period", "2023-14", "--output", unit, "--database", database);

            Assert.Equal(0, ranked);
            var rows = MiniExcelLibs.MiniExcel.Query(rankings, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(86, rows.Count);
            Assert.Equal(0, unitExit);
            Assert.Contains("unit 79 2023", unitOutput, StringComparison.Ordinal);
            var lines = await File.ReadAllLinesAsync(unit, TestContext.Current.CancellationToken);
            Assert.StartsWith("code,version,name_vi,name_en,value", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
            Assert.Equal(18, lines.Length);
            Assert.Equal(1, bad);
            Assert.Contains("OD-PERIOD-INVALID", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliTests.RunAsync(cli => cli.AddIndicatorsCommands(), args);
}
