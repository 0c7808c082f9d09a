using System.Text;
using OpenDvc.Platform.Cli;
using OpenDvc.Registry;

namespace OpenDvc.Tests.Registry;

/// <summary><c>opendvc registry import|export</c> through the real command line on a fresh SQLite file (reference data, no demo).</summary>
public sealed class RegistryCommandTests : IDisposable
{
    private const string ProcedureHeader = "code,name,field,audience,tier,managing_unit,statutory_time,time_unit,fee,paper_result,eligible_full_process,ineligible_reason";

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"opendvc-cli-{Guid.NewGuid():N}");

    public RegistryCommandTests() => Directory.CreateDirectory(directory);

    private string Database => Path.Combine(directory, "cli.db");

    private static Task<int> RunAsync(params string[] args)
    {
        var cli = new CliApp(Program.Compose);
        cli.AddRegistryCommands();
        return cli.InvokeAsync(args);
    }

    private string WriteFile(string name, params string[] lines)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", Encoding.UTF8);
        return path;
    }

    private async Task<string[]> ExportProceduresAsync()
    {
        var output = Path.Combine(directory, $"export-{Guid.NewGuid():N}.csv");
        Assert.Equal(0, await RunAsync("registry", "export", "procedures", "--format", "csv", "--output", output, "--database", Database));
        return File.ReadAllLines(output, Encoding.UTF8);
    }

    [Fact]
    public async Task Imports_a_procedures_file_and_exports_it_back_identically()
    {
        var file = WriteFile("procedures.csv",
            ProcedureHeader,
            "1.000010,\"Cấp giấy phép, có dấu phẩy\",Thử nghiệm,Businesses,Central,BTTTT,20,WorkingDays,500000,1,0,Phải thẩm định thực tế",
            "2.000020,Đăng ký thử,Thử nghiệm,Citizens,Commune,BTP,3,Days,0,0,1,");

        var imported = await RunAsync("registry", "import", "procedures", file, "--database", Database);
        var exported = await ExportProceduresAsync();

        Assert.Equal(0, imported);
        Assert.Equal(File.ReadAllLines(file, Encoding.UTF8), exported);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing()
    {
        var file = WriteFile("procedures.csv", ProcedureHeader, "2.000030,Đăng ký thử,Thử nghiệm,Citizens,Commune,BTP,3,Days,0,0,1,");

        var exit = await RunAsync("registry", "import", "procedures", file, "--dry-run", "--database", Database);

        Assert.Equal(0, exit);
        Assert.Equal([ProcedureHeader], await ExportProceduresAsync());
    }

    [Fact]
    public async Task A_bad_file_exits_with_1_and_writes_nothing()
    {
        var file = WriteFile("procedures.csv",
            ProcedureHeader,
            "2.000040,Đúng,Thử nghiệm,Citizens,Commune,BTP,3,Days,0,0,1,",
            "2.000041,Sai đơn vị,Thử nghiệm,Citizens,Commune,XX,3,Days,0,0,1,");

        var exit = await RunAsync("registry", "import", "procedures", file, "--database", Database);

        Assert.Equal(1, exit);
        Assert.Equal([ProcedureHeader], await ExportProceduresAsync());
    }

    [Fact]
    public async Task Exports_every_unit_code_as_a_workbook()
    {
        var output = Path.Combine(directory, "units.xlsx");

        var exit = await RunAsync("registry", "export", "units", "--format", "xlsx", "--output", output, "--database", Database);

        Assert.Equal(0, exit);
        using var stream = File.OpenRead(output);
        // Every code ever used: the 86 of 2023 and the two ministries of 2025.
        Assert.Equal(88, MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Count());
    }

    [Fact]
    public async Task A_missing_file_exits_with_1()
    {
        Assert.Equal(1, await RunAsync("registry", "import", "services", Path.Combine(directory, "nope.csv"), "--database", Database));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
