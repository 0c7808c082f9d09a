using System.Globalization;
using System.Net;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Directives.Compliance;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;

namespace OpenDvc.Directives.Reminders;

/// <summary>What one run of the reminders did.</summary>
public sealed record ReminderRun(DateOnly Day, int Created, int Sent, int Outbox, int InAppOnly, int Failed);

/// <summary>Sends one reminder e-mail; the real one talks SMTP, tests put a stub at this process boundary.</summary>
public interface IReminderMailer
{
    /// <summary>Sends, or returns <see cref="ReminderDelivery.Outbox"/> when no server is configured.</summary>
    Task<ReminderDelivery> SendAsync(string recipient, string subject, string body, CancellationToken ct);
}

internal sealed class SmtpReminderMailer(IOptions<DirectivesOptions> options) : IReminderMailer
{
    public async Task<ReminderDelivery> SendAsync(string recipient, string subject, string body, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return ReminderDelivery.Outbox;
        }

        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        using var message = new MailMessage(smtp.From, recipient, subject, body);
        await client.SendMailAsync(message, ct);
        return ReminderDelivery.Sent;
    }
}

/// <summary>
/// Scheduled reminders (nhắc hạn): for every deliverable and every recipient that has not submitted (nothing yet, or
/// returned), one reminder on each configured day around its due date (its own, with an extension), in the app
/// and by e-mail to the unit's focal point. Each is logged once; a day missed is caught up for a few days, never
/// later, so an old deliverable never floods a unit.
/// </summary>
public sealed class ReminderSender(OpenDvcDbContext db, ComplianceQuery compliance, IReminderMailer mailer, IOptions<DirectivesOptions> options, TimeProvider time, ILogger<ReminderSender> logger)
{
    public async Task<ReminderRun> SendDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = VietnamTime.DateOf(now);
        var settings = options.Value;
        // A year back covers any extension granted on a live deliverable; older letters are history, never reminded.
        var since = today.AddDays(-366);
        await compliance.CreateStartedPeriodsAsync(ct);

        // A nominations deliverable is due by its campaign's deadline, which may have moved since: the rules read it.
        var ids = await db.Set<Letters.Deliverable>().Where(d => (d.DueDate >= since || d.Kind == Letters.DeliverableKind.AwardNominations) && d.Directive!.Published)
            .Select(d => d.Id).ToListAsync(ct);
        var evaluated = await compliance.EvaluateAsync(ids, today, ct);
        var logged = (await db.Set<ReminderLog>().Where(r => ids.Contains(r.DeliverableId)).Select(r => new { r.DeliverableId, r.UnitCode, r.DueDate, r.OffsetDays }).ToListAsync(ct))
            .Select(r => (r.DeliverableId, r.UnitCode, r.DueDate, r.OffsetDays)).ToHashSet();
        var created = new List<ReminderLog>();
        foreach (var (deliverable, cells) in evaluated)
        {
            foreach (var (unit, cell) in cells.Where(c => !c.Cell.HasSubmitted))
            {
                foreach (var offset in settings.ReminderOffsets.Order())
                {
                    var day = cell.DueDate.AddDays(offset);
                    if (day > today || day < today.AddDays(-settings.ReminderCatchUpDays) || logged.Contains((deliverable.Id, unit.Code, cell.DueDate, offset)))
                    {
                        continue;
                    }

                    var (subject, body) = Text(deliverable, cell, today);
                    var reminder = new ReminderLog
                    {
                        DeliverableId = deliverable.Id, UnitCode = unit.Code, OffsetDays = offset, DueDate = cell.DueDate, CreatedAt = now,
                        Email = unit.Email, Subject = subject, Body = body, Delivery = ReminderDelivery.InAppOnly,
                    };
                    if (!string.IsNullOrWhiteSpace(unit.Email))
                    {
                        try
                        {
                            reminder.Delivery = await mailer.SendAsync(unit.Email, subject, body, ct);
                        }
                        catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException or System.Net.Sockets.SocketException)
                        {
                            logger.LogWarning(e, "Reminder to {Unit} not sent", unit.Code);
                            reminder.Delivery = ReminderDelivery.Failed;
                            reminder.Error = e.Message[..Math.Min(e.Message.Length, 1000)];
                        }
                    }

                    db.Set<ReminderLog>().Add(reminder);
                    created.Add(reminder);
                    logged.Add((deliverable.Id, unit.Code, cell.DueDate, offset));
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return new ReminderRun(today, created.Count,
            created.Count(r => r.Delivery == ReminderDelivery.Sent), created.Count(r => r.Delivery == ReminderDelivery.Outbox),
            created.Count(r => r.Delivery == ReminderDelivery.InAppOnly), created.Count(r => r.Delivery == ReminderDelivery.Failed));
    }

    /// <summary>
    /// Says where the due date stands on the day the reminder goes, not on the day it was planned for: a reminder
    /// planned before the due date but caught up after it says how many days overdue, never "days left".
    /// </summary>
    private static (string Subject, string Body) Text(Letters.Deliverable deliverable, ComplianceCell cell, DateOnly today)
    {
        var due = cell.DueDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var late = today.DayNumber - cell.DueDate.DayNumber;
        var when = late < 0 ? $"còn {-late} ngày đến hạn {due}" : late == 0 ? $"hôm nay là hạn {due}" : $"đã quá hạn {due} {late} ngày";
        var whenEn = late < 0 ? $"due in {-late} day(s), on {due}" : late == 0 ? $"due today, {due}" : $"{late} day(s) past its due date {due}";
        var state = cell.Status == ComplianceStatus.Returned ? "Báo cáo đã bị trả lại và chưa gửi lại. / Your submission was returned and not sent again." : "";
        var subject = $"[OpenDVC] {deliverable.Directive!.Number}: {when}";
        var body = $"Văn bản {deliverable.Directive.Number}: \"{deliverable.Title}\" — {when}. {state}\n"
            + $"Directive {deliverable.Directive.Number}: \"{deliverable.Title}\" is {whenEn}.\n"
            + $"/submissions/{deliverable.Id}/{cell.UnitCode}";
        return (subject[..Math.Min(subject.Length, 512)], body[..Math.Min(body.Length, 4000)]);
    }
}

/// <summary>Runs the reminders on a timer driven by <see cref="TimeProvider"/> (so tests move time, not wait for it).</summary>
internal sealed class ReminderService(IServiceScopeFactory scopes, IOptions<DirectivesOptions> options, TimeProvider time, ILogger<ReminderService> logger) : BackgroundService
{
    /// <summary>Called after each run (tests count the runs).</summary>
    public Action? Ran { get; init; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReminderInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var run = await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync(stoppingToken);
                if (run.Created > 0)
                {
                    logger.LogInformation("Reminders {Day}: {Created} created, {Sent} sent, {Outbox} in the outbox", run.Day, run.Created, run.Sent, run.Outbox);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                logger.LogWarning(e, "Reminder run failed; trying again at the next tick");
            }

            Ran?.Invoke();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
