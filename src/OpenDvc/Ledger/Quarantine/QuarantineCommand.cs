using System.CommandLine;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Tables;

namespace OpenDvc.Ledger.Quarantine;

/// <summary><c>opendvc quarantine list|export|replay</c>: the operator's view of refused records (every unit, or one with --unit).</summary>
internal static class QuarantineCommand
{
    public static Command Create(CliApp cli)
    {
        var command = new Command("quarantine", "List, export and replay records refused by validation.");
        command.Subcommands.Add(List(cli));
        command.Subcommands.Add(Export(cli));
        command.Subcommands.Add(Replay(cli));
        return command;
    }

    private static Option<string?> UnitOption() => new("--unit") { Description = "Only this unit's records." };

    private static Option<QuarantineStatus?> StatusOption() => new("--status") { Description = "Open, Replayed or Resolved (default: all)." };

    private static Command List(CliApp cli)
    {
        var unit = UnitOption();
        var status = StatusOption();
        var limit = new Option<int>("--limit") { Description = "At most this many records.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List quarantined records with their reasons.") { unit, status, limit };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<QuarantineStore>();
            var where = new QuarantineScope(parse.GetValue(unit));
            var shown = 0;
            await foreach (var record in store.StreamAsync(where, parse.GetValue(status), ct))
            {
                if (shown++ == parse.GetValue(limit))
                {
                    break;
                }

                Console.WriteLine($"#{record.Id} {record.Status} unit {record.UnitCode ?? "?"} {record.Source}:{record.Line} {record.DossierCode ?? "-"} {string.Join(' ', record.Reasons.Select(r => r.Code))}");
                Console.WriteLine($"    {(record.RawText.Length > 200 ? record.RawText[..200] + "…" : record.RawText)}");
            }

            Console.WriteLine($"{await store.CountAsync(where, parse.GetValue(status), ct):N0} record(s) in all");
        }));
        return command;
    }

    private static Command Export(CliApp cli)
    {
        var unit = UnitOption();
        var status = StatusOption();
        var output = new Option<FileInfo>("--output") { Description = "The file to write (.csv or .xlsx).", Required = true };
        var command = new Command("export", "Write quarantined records, raw text whole, to a CSV or Excel file.") { unit, status, output };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            var file = parse.GetValue(output)!;
            TableExport.FormatOf(file);
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<QuarantineStore>();
            var rows = store.StreamAsync(new QuarantineScope(parse.GetValue(unit)), parse.GetValue(status), ct);
            await TableExport.WriteFileAsync(rows, QuarantineStore.ExportColumns, file, ct);

            Console.WriteLine($"written {file.FullName}");
        }));
        return command;
    }

    private static Command Replay(CliApp cli)
    {
        var unit = UnitOption();
        var command = new Command("replay", "Re-validate open records against the current catalog; store those that now pass.") { unit };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var summary = await scope.ServiceProvider.GetRequiredService<QuarantineStore>().ReplayAsync(new QuarantineScope(parse.GetValue(unit)), ct);
            Console.WriteLine($"replayed {summary.Replayed:N0}, still refused {summary.StillRefused:N0}");
        }));
        return command;
    }
}
