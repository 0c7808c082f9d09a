using System.CommandLine;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;

namespace OpenDvc.Registry.Transfer;

/// <summary>
/// <c>opendvc registry import procedures|services|unit-changes FILE [--dry-run]</c> and
/// <c>opendvc registry export procedures|services|units --format xlsx|csv --output FILE</c>.
/// </summary>
internal static class RegistryCommand
{
    public static Command Create(CliApp cli)
    {
        var command = new Command("registry", "Import and export the registry's procedures, online services and units.");
        command.Subcommands.Add(Import(cli));
        command.Subcommands.Add(Export(cli));
        return command;
    }

    private static Command Import(CliApp cli)
    {
        var table = new Argument<string>("table") { Description = "procedures, services or unit-changes (the registry's timeline)" };
        table.AcceptOnlyFromAmong(RegistryImport.ProceduresTable, RegistryImport.ServicesTable, RegistryImport.UnitChangesTable);
        var file = new Argument<FileInfo>("file") { Description = "An Excel (.xlsx) or CSV file laid out as the export writes it." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report, write nothing." };
        var command = new Command("import", "Import a file: all rows, or nothing and a report of every wrong cell.") { table, file, dryRun };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException(Refusal.Of(PlatformCodes.NoFile, path.FullName).Saying("Path"));
            }

            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<RegistryImport>();
            await using var stream = path.OpenRead();
            var report = parse.GetValue(table) switch
            {
                RegistryImport.ProceduresTable => await import.ImportProceduresAsync(stream, path.Name, parse.GetValue(dryRun), ct),
                RegistryImport.UnitChangesTable => await import.ImportUnitChangesAsync(stream, path.Name, parse.GetValue(dryRun), ct),
                _ => await import.ImportServicesAsync(stream, path.Name, parse.GetValue(dryRun), _ => true, ct),
            };
            if (!report.Succeeded)
            {
                await Console.Error.WriteLineAsync("row\tcolumn\tvalue\tcode\tmessage");
                foreach (var e in report.Errors)
                {
                    await Console.Error.WriteLineAsync($"{e.Row}\t{e.Column}\t{e.Value}\t{e.Code}\t{e.MessageVi} / {e.MessageEn}");
                }

                throw new CliException(Refusal.Of(RegistryCodes.ImportInvalid, report.Errors.Count));
            }

            Console.WriteLine($"{report.Table}: {report.Rows} rows, {report.Created} created, {report.Updated} updated, {report.Unchanged} unchanged{(report.DryRun ? " (dry run, nothing written)" : "")}");
        }));
        return command;
    }

    private static Command Export(CliApp cli)
    {
        var table = new Argument<string>("table") { Description = "procedures, services or units" };
        table.AcceptOnlyFromAmong([.. RegistryTables.Tables]);
        var format = new Option<string>("--format") { Description = "xlsx or csv", DefaultValueFactory = _ => "xlsx" };
        format.AcceptOnlyFromAmong("xlsx", "csv");
        var output = new Option<FileInfo>("--output") { Description = "The file to write.", Required = true };
        var command = new Command("export", "Export a whole table, in the layout the import reads.") { table, format, output };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            var path = parse.GetValue(output)!;
            var chosen = parse.GetValue(format)!;
            if (!TableExport.IsSupported(chosen))
            {
                throw new CliException(Refusal.Of(PlatformCodes.ExportFormat).Saying("XlsxOrCsv"));
            }

            await using (var stream = path.Create())
            {
                await RegistryTables.WriteAsync(db, parse.GetValue(table)!, chosen, stream, ct);
            }

            Console.WriteLine($"{parse.GetValue(table)} written to {path.FullName}");
        }));
        return command;
    }
}
