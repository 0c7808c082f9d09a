using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using OpenDvc.Accounts.Users;
using OpenDvc.Directives;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Reminders;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Units;
using OpenDvc.Tests.Platform;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace OpenDvc.Tests.Directives;

/// <summary>
/// Reminders go out through the real SMTP client to a real SMTP server on loopback: the unit's focal point receives the
/// Vietnamese subject and body intact; a server that refuses the message leaves the reminder marked failed, with why.
/// </summary>
public sealed class SmtpDeliveryTests(ClockedSqliteApp fixture) : AppTests<ClockedSqliteApp>(fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reminder_reaches_the_focal_point_s_mailbox_and_a_refused_one_is_logged_as_failed()
    {
        using var admin = await App.SignInAsync("smtp-admin", Roles.Admin);
        var (hanoiEmail, hcmcEmail) = await EmailsAsync();
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2024, 3, 1), "Báo cáo tiến độ dịch vụ công trực tuyến", "Cục trưởng", RecipientScope.ChosenUnits, ["01", "79"], true)));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.Document, "Báo cáo quý I về dịch vụ công trực tuyến toàn trình", new DateOnly(2024, 3, 20), null, null)));
        using var server = new MailSink(refuse: hcmcEmail);

        var run = await SendThroughAsync(server.Port);
        var received = await server.Received.ReadAsync(Ct);
        var log = await LogAsync(deliverable.Id);
        var toHanoi = log.Single(r => r.UnitCode == "01");
        var toHcmc = log.Single(r => r.UnitCode == "79");

        Assert.Equal((2, 1, 1), (run.Created, run.Sent, run.Failed));
        Assert.Equal([hanoiEmail], received.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(App.Services.GetRequiredService<IOptions<DirectivesOptions>>().Value.Smtp.From, received.From.Mailboxes.Single().Address);
        Assert.Equal(toHanoi.Subject, received.Subject);
        Assert.Contains("Báo cáo quý I về dịch vụ công trực tuyến toàn trình", toHanoi.Subject + toHanoi.Body, StringComparison.Ordinal);
        Assert.Equal(toHanoi.Body.ReplaceLineEndings(), (received.TextBody ?? "").TrimEnd().ReplaceLineEndings());
        Assert.Equal(ReminderDelivery.Sent, toHanoi.Delivery);
        Assert.Equal(ReminderDelivery.Failed, toHcmc.Delivery);
        Assert.Contains("mailbox unavailable", toHcmc.Error ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.False(server.Received.TryRead(out _));
    }

    private async Task<(string Hanoi, string Hcmc)> EmailsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var units = await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<Unit>()
            .Where(u => u.Code == "01" || u.Code == "79").ToDictionaryAsync(u => u.Code, u => u.ContactEmail, Ct);
        Assert.All(units.Values, e => Assert.False(string.IsNullOrEmpty(e)));
        return (units["01"]!, units["79"]!);
    }

    /// <summary>One run of the reminders with the app's own sender, its mailer pointed at the sink (plain SMTP on loopback).</summary>
    private async Task<ReminderRun> SendThroughAsync(int port)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = Options.Create(new DirectivesOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, EnableSsl = false } });
        var sender = new ReminderSender(services.GetRequiredService<OpenDvcDbContext>(), services.GetRequiredService<ComplianceQuery>(),
            new SmtpReminderMailer(options), services.GetRequiredService<IOptions<DirectivesOptions>>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<ReminderSender>>());
        return await sender.SendDueAsync(Ct);
    }

    private async Task<List<ReminderLog>> LogAsync(int deliverable)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<ReminderLog>().AsNoTracking()
            .Where(r => r.DeliverableId == deliverable).ToListAsync(Ct);
    }

    /// <summary>An SMTP server on a free loopback port that keeps what it accepts and refuses mail to one address.</summary>
    private sealed class MailSink : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Store store;

        public MailSink(string refuse)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            store = new Store(refuse);
            var options = new SmtpServerOptionsBuilder().ServerName("localhost")
                .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false)).Build();
            var provider = new SmtpServer.ComponentModel.ServiceProvider();
            provider.Add(store);
            _ = new SmtpServer.SmtpServer(options, provider).StartAsync(stop.Token);
        }

        public int Port { get; }

        public ChannelReader<MimeMessage> Received => store.Received.Reader;

        public void Dispose()
        {
            stop.Cancel();
            stop.Dispose();
        }

        private sealed class Store(string refuse) : MessageStore
        {
            public Channel<MimeMessage> Received { get; } = Channel.CreateUnbounded<MimeMessage>();

            public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
            {
                if (transaction.To.Any(m => string.Equals($"{m.User}@{m.Host}", refuse, StringComparison.OrdinalIgnoreCase)))
                {
                    return SmtpResponse.MailboxUnavailable;
                }

                using var stream = new MemoryStream(buffer.ToArray());
                Received.Writer.TryWrite(await MimeMessage.LoadAsync(stream, cancellationToken));
                return SmtpResponse.Ok;
            }
        }
    }
}
