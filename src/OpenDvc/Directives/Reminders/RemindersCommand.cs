using System.CommandLine;
using System.Globalization;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Directives.Reminders;

/// <summary><c>opendvc reminders send</c>: one run of the scheduled reminders now (what the hosted service does every hour).</summary>
public static class RemindersCommand
{
    public static Command Create(CliApp cli)
    {
        var send = new Command("send", "Create and send the reminders due today (in the app and by e-mail; without SMTP settings they stay in the outbox).");
        send.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync(ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reminders {run.Day:yyyy-MM-dd}: {run.Created} created, {run.Sent} sent, {run.Outbox} in the outbox, {run.InAppOnly} in the app only, {run.Failed} failed"));
            if (run.Failed > 0)
            {
                throw new CliException(Refusal.Of(DirectiveCodes.RemindersFailed, run.Failed));
            }
        }));
        return new Command("reminders", "Deadline reminders of the directives.") { send };
    }
}
