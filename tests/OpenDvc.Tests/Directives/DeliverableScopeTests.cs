using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Accounts.Users;
using OpenDvc.Directives;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Reminders;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Registry.Services;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Directives;

/// <summary>
/// Issue 18: a deliverable can concern only some of the letter's recipients (units with online services, as letter
/// 2664's annex lists them; ministries; provinces; a chosen list): the "not yet submitted" list and its export, the
/// matrix, the reminders and the unit's own access see only those.
/// </summary>
public abstract class DeliverableScopeTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_not_submitted_list_of_a_deliverable_for_units_with_online_services_lists_only_those_issue_18()
    {
        using var admin = await App.SignInAsync("scope-admin", Roles.Admin);
        var due = new DateOnly(2019, 1, 20);
        var deliverable = await AddAsync(admin, RecipientScope.AllUnits, [], new DeliverableInput(DeliverableKind.MonthlyReport, "Báo cáo tháng 12/2018", due, null,
            new DateOnly(2018, 12, 1), DeliverableScope.WithOnlineServices));
        var recipients = await DirectivesData.UnitsValidOnAsync(App, new DateOnly(2019, 1, 2));
        var online = await UnitsOnlineByAsync(due);

        var answer = await TestApp.ReadAsync<NotSubmittedAnswer>(await admin.GetAsync($"/api/v1/deliverables/{deliverable}/not-submitted?date=2019-01-25", Ct));
        var csv = await admin.GetStringAsync($"/api/v1/deliverables/{deliverable}/not-submitted/export?date=2019-01-25&format=csv", Ct);
        var matrix = await TestApp.ReadAsync<Matrix>(await admin.GetAsync($"/api/v1/compliance?date=2019-01-25&kind=MonthlyReport", Ct));

        Assert.InRange(online.Count, 1, recipients.Count - 1);
        Assert.Equal(online.Order(StringComparer.Ordinal), answer.List.All.Select(u => u.Code).Order(StringComparer.Ordinal));
        Assert.Equal(online.Count, answer.List.Recipients);
        Assert.Equal(DeliverableScope.WithOnlineServices, answer.List.Scope);
        Assert.Equal(online.Count + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var column = matrix.Columns.Select((c, i) => (c, i)).Single(x => x.c.DeliverableId == deliverable).i;
        Assert.Equal(online.Order(StringComparer.Ordinal), matrix.Rows.Where(r => r.Cells[column] is not null).Select(r => r.UnitCode).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reminders_and_submissions_reach_only_the_units_in_the_chosen_scope_issue_18()
    {
        using var admin = await App.SignInAsync("scope-admin", Roles.Admin);
        using var outside = await App.SignInAsync("scope-fp-31", Roles.FocalPoint, "31");
        var due = new DateOnly(2024, 3, 21);
        var deliverable = await AddAsync(admin, RecipientScope.AllProvinces, [], new DeliverableInput(DeliverableKind.Document, "Báo cáo thí điểm", due, null, null,
            DeliverableScope.ChosenUnits, ["79", "01"]));

        var run = await SendRemindersAsync(VietnamTime.StartOfDay(due.AddDays(-7)).AddHours(10));
        var log = await ReminderUnitsAsync(deliverable);
        var own = await outside.GetAsync(DirectivesData.Submission(deliverable, "31"), Ct);
        var view = await TestApp.ReadAsync<DirectiveView>(await admin.GetAsync($"/api/v1/directives/{await DirectiveOfAsync(deliverable)}", Ct));

        Assert.True(run.Created >= 2);
        Assert.Equal(["01", "79"], log.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);
        Assert.Equal(["01", "79"], view.Deliverables.Single().ScopeUnits);
    }

    [Fact]
    public async Task A_chosen_scope_without_units_is_refused()
    {
        using var admin = await App.SignInAsync("scope-admin", Roles.Admin);
        var directive = await DirectiveAsync(admin, RecipientScope.AllUnits, []);

        var response = await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive}/deliverables",
            new DeliverableInput(DeliverableKind.Document, "Báo cáo", new DateOnly(2024, 5, 1), null, null, DeliverableScope.ChosenUnits, []));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("OD-DELIVERABLE-SCOPE-EMPTY", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_not_submitted_page_and_the_annex_say_which_units_the_list_covers()
    {
        using var admin = await App.SignInAsync("scope-admin", Roles.Admin);
        var deliverable = await AddAsync(admin, RecipientScope.AllUnits, [], new DeliverableInput(DeliverableKind.Document, "Báo cáo bộ, ngành", new DateOnly(2024, 2, 1), null, null,
            DeliverableScope.Ministries));

        var page = await admin.GetStringAsync($"/compliance/not-submitted?deliverable={deliverable}&date=2024-02-05", Ct);
        var pdf = string.Join(' ', PdfText.Pages(await admin.GetByteArrayAsync($"/api/v1/deliverables/{deliverable}/not-submitted/export?date=2024-02-05&format=pdf", Ct)));

        Assert.Contains("Phạm vi: các bộ, ngành", page, StringComparison.Ordinal);
        Assert.Contains("Ministries only", pdf, StringComparison.Ordinal);
        Assert.Contains("II. Các tỉnh, thành phố trực thuộc Trung ương (0)", pdf, StringComparison.Ordinal);
    }

    private static async Task<int> DirectiveAsync(HttpClient admin, RecipientScope recipients, string[] units) =>
        (await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2019, 1, 2), "Báo cáo", "Cục trưởng", recipients, units, true)))).Id;

    private static async Task<int> AddAsync(HttpClient admin, RecipientScope recipients, string[] units, DeliverableInput input)
    {
        var directive = await DirectiveAsync(admin, recipients, units);
        return (await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive}/deliverables", input))).Id;
    }

    private async Task<int> DirectiveOfAsync(int deliverable)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<Deliverable>().Where(d => d.Id == deliverable).Select(d => d.DirectiveId).SingleAsync(Ct);
    }

    private async Task<List<string>> UnitsOnlineByAsync(DateOnly day)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<OnlineService>()
            .Where(s => s.OnlineSince <= day).Select(s => s.UnitCode).Distinct().ToListAsync(Ct);
    }

    private async Task<ReminderRun> SendRemindersAsync(DateTimeOffset now)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sender = new ReminderSender(services.GetRequiredService<OpenDvcDbContext>(), services.GetRequiredService<ComplianceQuery>(),
            services.GetRequiredService<IReminderMailer>(), services.GetRequiredService<IOptions<DirectivesOptions>>(), new FakeTimeProvider(now.ToUniversalTime()),
            services.GetRequiredService<ILogger<ReminderSender>>());
        return await sender.SendDueAsync(Ct);
    }

    private async Task<List<string>> ReminderUnitsAsync(int deliverable)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<ReminderLog>().Where(r => r.DeliverableId == deliverable)
            .Select(r => r.UnitCode).Distinct().ToListAsync(Ct);
    }
}

public sealed class DeliverableScopeTestsOnSqlite(SqliteApp fixture) : DeliverableScopeTests<SqliteApp>(fixture);

public sealed class DeliverableScopeTestsOnPostgres(PostgresApp fixture) : DeliverableScopeTests<PostgresApp>(fixture);
