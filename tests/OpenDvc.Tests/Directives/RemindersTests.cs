using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenDvc.Accounts.Users;
using OpenDvc.Directives;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Reminders;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Platform.Web;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Directives;

/// <summary>
/// Scheduled reminders on a clock the test moves: a week and a day before the due date (the unit's own, with an
/// extension), a day and a week after; never to a unit that has submitted; never twice; logged, and in development
/// kept in the outbox. A focal point sees only its own unit's.
/// </summary>
public abstract class RemindersTests<TFixture>(TFixture fixture, Func<TFixture, Microsoft.Extensions.Time.Testing.FakeTimeProvider> clockOf) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private readonly TFixture fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reminders_go_before_and_after_the_due_date_to_units_that_have_not_submitted_once_each()
    {
        var clock = clockOf(fixture);
        using var admin = await App.SignInAsync("reminders-admin", Roles.Admin);
        using var hanoi = await App.SignInAsync("reminders-fp-01", Roles.FocalPoint, "01");
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2024, 3, 1), "Chính sách khuyến khích", "Cục trưởng", RecipientScope.ChosenUnits, ["01", "79", "BTP"], true)));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.Document, "Văn bản về chính sách khuyến khích", new DateOnly(2024, 3, 20), null, null)));

        var weekBefore = await SendAsync();
        var again = await SendAsync();
        var pdf = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7\n%%EOF\n"u8.ToArray()), "file", "chinh-sach.pdf" } };
        Assert.Equal(HttpStatusCode.NoContent, (await hanoi.PostAsync($"{DirectivesData.Submission(deliverable.Id, "01")}/file", pdf, Ct)).StatusCode);
        await TestApp.ReadAsync<SubmissionView>(await hanoi.PostAsync($"{DirectivesData.Submission(deliverable.Id, "01")}/submit", null, Ct));
        clock.SetUtcNow(VietnamTime.StartOfDay(new DateOnly(2024, 3, 19)).AddHours(10).ToUniversalTime());
        var dayBefore = await SendAsync();
        clock.SetUtcNow(VietnamTime.StartOfDay(new DateOnly(2024, 3, 21)).AddHours(10).ToUniversalTime());
        var dayAfter = await SendAsync();
        await GrantAsync(deliverable.Id, "79", new DateOnly(2024, 3, 30));
        clock.SetUtcNow(VietnamTime.StartOfDay(new DateOnly(2024, 3, 29)).AddHours(10).ToUniversalTime());
        var later = await SendAsync();
        var log = await LogAsync(deliverable.Id);

        Assert.Equal((3, 3), (weekBefore.Created, weekBefore.Outbox));
        Assert.Equal(0, again.Created);
        Assert.Equal(2, dayBefore.Created);
        Assert.Equal(2, dayAfter.Created);
        Assert.Equal(2, later.Created);
        DateOnly due = new(2024, 3, 20), extended = new(2024, 3, 30);
        (string, int, DateOnly)[] expected =
        [
            ("01", -7, due),
            ("79", -7, due), ("79", -1, due), ("79", 1, due), ("79", -1, extended),
            ("BTP", -7, due), ("BTP", -1, due), ("BTP", 1, due), ("BTP", 7, due),
        ];
        Assert.Equal(expected.Order(), log.Select(r => (r.UnitCode, r.OffsetDays, r.DueDate)).Order());
        Assert.All(log, r => Assert.Equal(ReminderDelivery.Outbox, r.Delivery));
        Assert.All(log, r => Assert.Contains($"/submissions/{deliverable.Id}/{r.UnitCode}", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reminder_caught_up_after_the_due_date_says_how_many_days_overdue_never_days_left_issue_18()
    {
        using var admin = await App.SignInAsync("reminders-admin", Roles.Admin);
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2024, 11, 20), "Báo cáo khảo sát", "Cục trưởng", RecipientScope.ChosenUnits, ["BTP"], true)));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.Document, "Phiếu khảo sát", new DateOnly(2024, 12, 6), null, null)));

        // The reminders did not run from the 3rd to the 7th; on the 8th they catch up the day before and the day after.
        // Their own clock, so the other tests' clock never has to go back.
        var caughtUp = await SendAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(VietnamTime.StartOfDay(new DateOnly(2024, 12, 8)).AddHours(10).ToUniversalTime()));
        var log = await LogAsync(deliverable.Id);

        Assert.Equal([-1, 1], log.Select(r => r.OffsetDays).Order());
        Assert.All(log, r => Assert.Contains("đã quá hạn 06/12/2024 2 ngày", r.Subject, StringComparison.Ordinal));
        Assert.All(log, r => Assert.Contains("2 day(s) past its due date 06/12/2024", r.Body, StringComparison.Ordinal));
        Assert.All(log, r => Assert.DoesNotContain("còn", r.Body, StringComparison.Ordinal));
        Assert.All(log, r => Assert.DoesNotContain("due in", r.Body, StringComparison.Ordinal));
        Assert.True(caughtUp.Created >= 2);
    }

    [Fact]
    public async Task A_focal_point_reads_only_its_own_units_reminders()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            var deliverable = await db.Set<Deliverable>().Select(d => d.Id).FirstAsync(Ct);
            foreach (var unit in new[] { "01", "79" })
            {
                db.Set<ReminderLog>().Add(new ReminderLog { DeliverableId = deliverable, UnitCode = unit, OffsetDays = -30, Subject = $"nhắc {unit}", Body = "…", Delivery = ReminderDelivery.InAppOnly });
            }

            await db.SaveChangesAsync(Ct);
        }

        using var focal = await UnitScopeAssertions.FocalPointAsync(App);

        var own = await TestApp.ReadAsync<Page<ReminderView>>(await focal.GetAsync("/api/v1/reminders", Ct));
        var other = await focal.GetAsync("/api/v1/reminders?unit=79", Ct);
        var page = await focal.GetStringAsync("/reminders", Ct);
        var export = await focal.GetStringAsync("/api/v1/reminders/export?format=csv", Ct);
        var otherExport = await focal.GetAsync("/api/v1/reminders/export?format=csv&unit=79", Ct);

        Assert.NotEmpty(own.Items);
        Assert.All(own.Items, r => Assert.Equal("01", r.UnitCode));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("nhắc 01", page, StringComparison.Ordinal);
        Assert.DoesNotContain("nhắc 79", page, StringComparison.Ordinal);
        Assert.Contains("nhắc 01", export, StringComparison.Ordinal);
        Assert.DoesNotContain("nhắc 79", export, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, otherExport.StatusCode);
    }

    [Fact]
    public async Task The_hosted_service_sends_on_start_and_at_each_tick_of_its_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(clockOf(fixture).GetUtcNow());
        var options = App.Services.GetRequiredService<IOptions<DirectivesOptions>>();
        var runs = 0;
        using var service = new ReminderService(App.Services.GetRequiredService<IServiceScopeFactory>(), options, clock,
            App.Services.GetRequiredService<ILogger<ReminderService>>()) { Ran = () => Interlocked.Increment(ref runs) };

        await service.StartAsync(Ct);
        await WaitForAsync(() => runs >= 1);
        clock.Advance(options.Value.ReminderInterval);
        await WaitForAsync(() => runs >= 2);
        await service.StopAsync(Ct);

        Assert.True(runs >= 2);
    }

    /// <summary>Waits for the background loop to report, with a generous bound so a busy machine does not fail it.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(condition(), "the reminder service did not run");
    }

    private async Task<ReminderRun> SendAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync(Ct);
    }

    /// <summary>A run on a clock of its own.</summary>
    private async Task<ReminderRun> SendAsync(TimeProvider time)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sender = new ReminderSender(services.GetRequiredService<OpenDvcDbContext>(), services.GetRequiredService<OpenDvc.Directives.Compliance.ComplianceQuery>(),
            services.GetRequiredService<IReminderMailer>(), services.GetRequiredService<IOptions<DirectivesOptions>>(), time, services.GetRequiredService<ILogger<ReminderSender>>());
        return await sender.SendDueAsync(Ct);
    }

    private async Task GrantAsync(int deliverable, string unit, DateOnly due)
    {
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<SubmissionWorkflow>().GrantExtensionAsync(deliverable, unit, due, "Đang hoàn thiện", Ct));
    }

    private async Task<List<ReminderLog>> LogAsync(int deliverable)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<ReminderLog>().Where(r => r.DeliverableId == deliverable).ToListAsync(Ct);
    }
}

public sealed class RemindersTestsOnSqlite(ClockedSqliteApp fixture) : RemindersTests<ClockedSqliteApp>(fixture, f => f.Clock);

public sealed class RemindersTestsOnPostgres(ClockedPostgresApp fixture) : RemindersTests<ClockedPostgresApp>(fixture, f => f.Clock);

/// <summary><c>opendvc reminders send</c> against a running app's database, on the real clock.</summary>
[Collection(nameof(ConsoleUsers))]
public sealed class RemindersCommandTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    [Fact]
    public async Task Reminders_send_creates_the_days_reminders_once()
    {
        using var admin = await App.SignInAsync("reminders-cli-admin", Roles.Admin);
        var tomorrow = VietnamTime.DateOf(DateTimeOffset.UtcNow).AddDays(1);
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", tomorrow.AddDays(-20), "Khảo sát", "Cục trưởng", RecipientScope.ChosenUnits, ["01", "BTP"], true)));
        await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables", new DeliverableInput(DeliverableKind.Document, "Phiếu khảo sát", tomorrow, null, null));
        var path = new SqliteConnectionStringBuilder(App.Services.GetRequiredService<DatabaseSettings>().ConnectionString).DataSource;

        var (exit, output, error) = await CliTests.RunAsync("reminders", "send", "--database", path);
        var (_, second, _) = await CliTests.RunAsync("reminders", "send", "--database", path);

        Assert.True(exit == 0, error);
        Assert.Contains(": 2 created, 0 sent, 2 in the outbox", output, StringComparison.Ordinal);
        Assert.Contains(": 0 created", second, StringComparison.Ordinal);
    }
}
