using System.CommandLine;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Ledger.Verify;

/// <summary><c>opendvc verify</c>: recompute every rollup from the dossiers, each coarse level from the fine one; exit 1 naming each difference and its level.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliApp cli)
    {
        var limit = new Option<int>("--limit") { Description = "Report at most this many differing rollup rows.", DefaultValueFactory = _ => 1000 };
        var command = new Command("verify", "Recompute every rollup from the dossiers, and each coarse rollup level from the fine one, and compare; exit code 1 on any difference.") { limit };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var differences = await scope.ServiceProvider.GetRequiredService<RollupVerifier>().FindDifferencesAsync(parse.GetValue(limit), ct);
            if (differences.Count == 0)
            {
                Console.WriteLine("rollups match the dossiers / số liệu tổng hợp khớp với hồ sơ");
                return;
            }

            foreach (var difference in differences)
            {
                Console.WriteLine(difference);
            }

            throw new CliException(Refusal.Of(LedgerCodes.VerifyDifferences, differences.Count));
        }));
        return command;
    }
}
