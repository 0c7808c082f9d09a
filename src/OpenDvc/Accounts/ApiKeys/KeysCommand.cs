using System.CommandLine;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;

namespace OpenDvc.Accounts.ApiKeys;

/// <summary><c>opendvc keys issue|list|revoke</c>: a unit's sync API keys. A key is printed once, when issued.</summary>
internal static class KeysCommand
{
    public static Command Create(CliApp cli)
    {
        var command = new Command("keys", "Issue, list and revoke units' sync API keys.");
        command.Subcommands.Add(Issue(cli));
        command.Subcommands.Add(List(cli));
        command.Subcommands.Add(Revoke(cli));
        return command;
    }

    private static Command Issue(CliApp cli)
    {
        var unit = new Argument<string>("unit") { Description = "Unit code the key may write for (e.g. 01, BTP)." };
        var name = new Option<string>("--name") { Description = "What the key is for, e.g. the one-stop system's name.", DefaultValueFactory = _ => "one-stop system" };
        var command = new Command("issue", "Issue a new key for a unit and print it once.") { unit, name };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyAdministration>();
            var (issued, refusal) = await keys.IssueAsync(parse.GetValue(unit)!, parse.GetValue(name)!, ct);
            if (refusal is not null)
            {
                throw new CliException(refusal);
            }

            Console.WriteLine($"key {issued!.Key.Id} for unit {issued.Key.UnitCode} (prefix {issued.Key.Prefix}); store it now, it is not shown again:");
            Console.WriteLine(issued.PlainText);
        }));
        return command;
    }

    private static Command List(CliApp cli)
    {
        var unit = new Option<string?>("--unit") { Description = "Only this unit's keys." };
        var command = new Command("list", "List keys (never their secrets).") { unit };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            var filter = parse.GetValue(unit);
            var keys = await ApiKeysApi.ListAsync(db, filter, ct);
            Console.WriteLine($"{"id",-5} {"unit",-8} {"prefix",-12} {"status",-8} name");
            foreach (var key in keys)
            {
                Console.WriteLine($"{key.Id,-5} {key.UnitCode,-8} {key.Prefix,-12} {(key.RevokedAt is null ? "active" : "revoked"),-8} {key.Name}");
            }
        }));
        return command;
    }

    private static Command Revoke(CliApp cli)
    {
        var id = new Argument<int>("id") { Description = "The key's id (see keys list)." };
        var command = new Command("revoke", "Revoke a key at once.") { id };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var error = await scope.ServiceProvider.GetRequiredService<ApiKeyAdministration>().RevokeAsync(parse.GetValue(id), ct);
            if (error is not null)
            {
                throw new CliException(error);
            }

            Console.WriteLine($"key {parse.GetValue(id)} revoked");
        }));
        return command;
    }
}
