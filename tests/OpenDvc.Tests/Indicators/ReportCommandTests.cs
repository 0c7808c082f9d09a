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

    [Fact]
    public async Task Report_writes_the_same_pack_the_endpoint_serves_and_refuses_a_bad_month()
    {
        await IndicatorData.EnsureAsync(App);
        var database = App.Services.GetRequiredService<DatabaseSettings>().ConnectionString;
        var directory = Directory.CreateTempSubdirectory("opendvc-pack-").FullName;
        using var client = App.Anonymous();
        try
        {
            var unitPack = Path.Combine(directory, "pack.pdf");
            var nationalPack = Path.Combine(directory, "national.pdf");

            var (unitExit, unitOutput, _) = await RunAsync("report", "--unit", IndicatorData.Unit, "--month", "2023-06", "--output", unitPack, "--database", database);
            var (nationalExit, _, _) = await RunAsync("report", "--month", "2023-06", "--output", nationalPack, "--database", database);
            var (bad, _, badError) = await RunAsync("report", "--month", "2023-6", "--output", nationalPack, "--database", database);
            var (noMonth, _, noMonthError) = await RunAsync("report", "--period", "2023", "--output", nationalPack, "--database", database);
            var (unknown, _, unknownError) = await RunAsync("report", "--unit", "NOPE", "--month", "2023-06", "--output", unitPack, "--database", database);
            var (_, help, _) = await RunAsync("report", "--help");

            Assert.Equal(0, unitExit);
            Assert.Contains($"report pack {IndicatorData.Unit} 2023-06", unitOutput, StringComparison.Ordinal);
            var served = PdfText.Pages(await client.GetByteArrayAsync($"/indicators/units/{IndicatorData.Unit}/report.pdf?month=2023-06", TestContext.Current.CancellationToken));
            Assert.Equal(served, PdfText.Pages(await File.ReadAllBytesAsync(unitPack, TestContext.Current.CancellationToken)));
            Assert.Equal(0, nationalExit);
            var servedNational = PdfText.Pages(await client.GetByteArrayAsync("/indicators/report.pdf?month=2023-06", TestContext.Current.CancellationToken));
            Assert.Equal(servedNational, PdfText.Pages(await File.ReadAllBytesAsync(nationalPack, TestContext.Current.CancellationToken)));
            Assert.Equal(1, bad);
            Assert.Contains("OD-REPORT-MONTH-INVALID", badError, StringComparison.Ordinal);
            Assert.Equal(1, noMonth);
            Assert.Contains("OD-REPORT-MONTH-INVALID", noMonthError, StringComparison.Ordinal);
            Assert.Equal(1, unknown);
            Assert.Contains("OD-UNIT-UNKNOWN", unknownError, StringComparison.Ordinal);
            Assert.Contains("--month", help, StringComparison.Ordinal);
            Assert.Contains(".pdf", help, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Report_with_lineage_successor_writes_a_successors_indicators_and_pack_with_its_predecessors_folded_in()
    {
        await LineageTests<SqliteApp>.EnsureDossiersAsync(App);
        var database = App.Services.GetRequiredService<DatabaseSettings>().ConnectionString;
        var directory = Directory.CreateTempSubdirectory("opendvc-lineage-").FullName;
        using var client = App.Anonymous();
        try
        {
            var table = Path.Combine(directory, "unit.xlsx");
            var pack = Path.Combine(directory, "pack.pdf");

            var (tableExit, tableOutput, _) = await RunAsync("report", "--period", "2024", "--unit", "79", "--lineage", "successor", "--output", table, "--database", database);
            var (packExit, packOutput, _) = await RunAsync("report", "--month", "2024-06", "--unit", "79", "--lineage", "successor", "--output", pack, "--database", database);
            var (bad, _, badError) = await RunAsync("report", "--period", "2024", "--unit", "79", "--lineage", "ancestors", "--output", table, "--database", database);

            var folded = await TestApp.ReadAsync<OpenDvc.Indicators.Calculation.IndicatorsView>(await client.GetAsync("/api/v1/indicators?unit=79&period=2024&lineage=successor", TestContext.Current.CancellationToken));
            var own = await TestApp.ReadAsync<OpenDvc.Indicators.Calculation.IndicatorsView>(await client.GetAsync("/api/v1/indicators?unit=79&period=2024", TestContext.Current.CancellationToken));
            Assert.Equal(0, tableExit);
            Assert.Contains("unit 79 with the units merged into it 2024", tableOutput, StringComparison.Ordinal);
            var rows = MiniExcelLibs.MiniExcel.Query(table, useHeaderRow: true).Cast<IDictionary<string, object>>().ToDictionary(r => (string)r["code"]);
            var remote = folded.Indicators.Single(i => i.Code == "RO");
            Assert.NotEqual(own.Indicators.Single(i => i.Code == "RO").Denominator, remote.Denominator);
            Assert.Equal(remote.Denominator, Convert.ToDecimal(rows["RO"]["denominator"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0, packExit);
            Assert.Contains("report pack 79 with the units merged into it 2024-06", packOutput, StringComparison.Ordinal);
            var served = PdfText.Pages(await client.GetByteArrayAsync("/indicators/units/79/report.pdf?month=2024-06&lineage=successor", TestContext.Current.CancellationToken));
            Assert.Equal(served, PdfText.Pages(await File.ReadAllBytesAsync(pack, TestContext.Current.CancellationToken)));
            Assert.NotEqual(0, bad);
            Assert.Contains("ancestors", badError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliTests.RunAsync(cli => cli.AddIndicatorsCommands(), args);
}
