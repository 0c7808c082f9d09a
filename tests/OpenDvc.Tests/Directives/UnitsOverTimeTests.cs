using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Accounts.Users;
using OpenDvc.Directives;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Reminders;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Directives;

/// <summary>
/// Issue 15: a letter goes to the units in force on its date (named as then); a deliverable due after a unit ended is
/// owed by its successor (10, the old Lào Cai, by 15 from 1/7/2025; BGTVT by BXD from 1/3/2025), whose submission
/// counts, and the ended unit is never in the matrix, the not-submitted list or the reminders.
/// </summary>
public abstract class UnitsOverTimeTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly MonthlyFigures Figures = new(900, 500, 850, "Tháng 6/2025.");

    private async Task<(HttpClient Admin, int Deliverable)> LetterAsync(DateOnly date, RecipientScope scope, string[] units, DateOnly due)
    {
        var admin = await App.SignInAsync("time-admin", Roles.Admin);
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BKHCN-CĐSQG", date, "Báo cáo tháng 6/2025", "Cục trưởng", scope, units, true)));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.MonthlyReport, "Báo cáo tháng 6/2025", due, null, new DateOnly(2025, 6, 1))));
        return (admin, deliverable.Id);
    }

    [Fact]
    public async Task A_letter_goes_to_the_units_in_force_on_its_date_named_as_then()
    {
        using var admin = await App.SignInAsync("time-admin", Roles.Admin);
        var before = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2025, 5, 20), "Trước sắp xếp", "Cục trưởng", RecipientScope.AllProvinces, null, true)));
        var after = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BKHCN-CĐSQG", new DateOnly(2025, 8, 1), "Sau sắp xếp", "Cục trưởng", RecipientScope.AllProvinces, null, true)));
        var toEnded = await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BKHCN-CĐSQG", new DateOnly(2025, 8, 1), "Gửi nhầm", "Cục trưởng", RecipientScope.ChosenUnits, ["10", "15"], true));

        await using var scope = App.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<ComplianceQuery>();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var old = await query.RecipientsAsync(await db.Set<Directive>().FindAsync([before.Id], Ct) ?? throw new InvalidOperationException(), Ct);
        var current = await query.RecipientsAsync(await db.Set<Directive>().FindAsync([after.Id], Ct) ?? throw new InvalidOperationException(), Ct);

        Assert.Equal(63, old.Count);
        Assert.Contains(old, u => u.Code == "10");
        Assert.Equal("Tỉnh Yên Bái", old.Single(u => u.Code == "15").Name);
        Assert.Equal(34, current.Count);
        Assert.DoesNotContain(current, u => u.Code == "10");
        Assert.Equal("Tỉnh Lào Cai", current.Single(u => u.Code == "15").Name);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, toEnded.StatusCode);
        Assert.Contains("OD-UNIT-NOT-IN-FORCE", await toEnded.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deliverable_due_after_a_merger_is_owed_by_the_successor_whose_submission_counts()
    {
        var (admin, deliverable) = await LetterAsync(new DateOnly(2025, 2, 10), RecipientScope.ChosenUnits, ["10", "12", "BGTVT"], new DateOnly(2025, 7, 15));
        using var _ = admin;
        var laoCai = await App.SignInAsync("time-fp-15", Roles.FocalPoint, "15");
        using var oldLaoCai = await App.SignInAsync("time-fp-10", Roles.FocalPoint, "10");
        var path = DirectivesData.Submission(deliverable, "15");

        Assert.Equal(HttpStatusCode.NotFound, (await DirectivesData.PutJsonAsync(oldLaoCai, DirectivesData.Submission(deliverable, "10"), new DraftInput(new SubmissionContent { Report = Figures }, null))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await DirectivesData.PutJsonAsync(laoCai, path, new DraftInput(new SubmissionContent { Report = Figures }, null))).StatusCode);
        Assert.True((await laoCai.PostAsync($"{path}/submit", null, Ct)).IsSuccessStatusCode);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var answer = await TestApp.ReadAsync<NotSubmittedAnswer>(await admin.GetAsync($"/api/v1/deliverables/{deliverable}/not-submitted?date={today}", Ct));
        var matrix = await TestApp.ReadAsync<Matrix>(await admin.GetAsync($"/api/v1/compliance?date={today}", Ct));
        var column = matrix.Columns.Select((c, i) => (c, i)).Single(x => x.c.DeliverableId == deliverable).i;

        Assert.Equal(3, answer.List.Recipients);
        Assert.Equal(["12", "BXD"], answer.List.All.Select(u => u.Code).Order(StringComparer.Ordinal));
        Assert.Equal(["12", "15", "BXD"], matrix.Rows.Where(r => r.Cells[column] is not null).Select(r => r.UnitCode).Order(StringComparer.Ordinal));
        Assert.Equal(ComplianceStatus.Late, matrix.Rows.Single(r => r.UnitCode == "15").Cells[column]!.Status);
    }

    [Fact]
    public async Task The_matrix_names_a_unit_as_on_its_day_and_each_exported_cell_as_on_its_due_date()
    {
        using var admin = await App.SignInAsync("time-admin", Roles.Admin);
        var directive = (await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BKHCN-CĐSQG", new DateOnly(2025, 5, 20), "Báo cáo tháng 6 và 7/2025", "Cục trưởng", RecipientScope.ChosenUnits, ["10", "15"], true)))).Id;
        var deliverables = new List<int>();
        foreach (var (title, due) in new[] { ("Báo cáo tháng 6/2025", new DateOnly(2025, 6, 15)), ("Báo cáo tháng 7/2025", new DateOnly(2025, 8, 15)) })
        {
            deliverables.Add((await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive}/deliverables",
                new DeliverableInput(DeliverableKind.MonthlyReport, title, due, null, new DateOnly(due.Year, due.Month - 1, 1))))).Id);
        }

        var before = await TestApp.ReadAsync<Matrix>(await admin.GetAsync($"/api/v1/compliance?date=2025-06-20&directive={directive}", Ct));
        var after = await TestApp.ReadAsync<Matrix>(await admin.GetAsync($"/api/v1/compliance?date=2025-09-01&directive={directive}", Ct));
        var lines = (await admin.GetStringAsync($"/api/v1/compliance/export?date=2025-09-01&directive={directive}&format=csv", Ct)).Split('\n');
        var page = await admin.GetStringAsync($"/compliance?date=2025-09-01&directive={directive}", Ct);
        var owedInJune = await TestApp.ReadAsync<SubmissionView>(await admin.GetAsync(DirectivesData.Submission(deliverables[0], "15"), Ct));
        var owedInAugust = await TestApp.ReadAsync<SubmissionView>(await admin.GetAsync(DirectivesData.Submission(deliverables[1], "15"), Ct));

        Assert.Equal("Yên Bái", before.Rows.Single(r => r.UnitCode == "15").UnitName);
        Assert.Equal("Lào Cai", after.Rows.Single(r => r.UnitCode == "15").UnitName);
        Assert.Contains(lines, l => l.StartsWith("15,Yên Bái,", StringComparison.Ordinal) && l.Contains("Báo cáo tháng 6/2025", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("15,Lào Cai,", StringComparison.Ordinal) && l.Contains("Báo cáo tháng 7/2025", StringComparison.Ordinal));
        Assert.Contains("Lào Cai <span class=\"muted\">(15)</span>", page, StringComparison.Ordinal);
        Assert.Equal("Tỉnh Yên Bái", owedInJune.UnitName);
        Assert.Equal("Tỉnh Lào Cai", owedInAugust.UnitName);
    }

    [Fact]
    public async Task Reminders_go_to_the_successor_never_to_an_ended_unit()
    {
        var (admin, deliverable) = await LetterAsync(new DateOnly(2025, 6, 2), RecipientScope.ChosenUnits, ["10", "12"], new DateOnly(2025, 7, 15));
        admin.Dispose();
        await using var scope = App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sender = new ReminderSender(services.GetRequiredService<OpenDvcDbContext>(), services.GetRequiredService<ComplianceQuery>(),
            services.GetRequiredService<IReminderMailer>(), services.GetRequiredService<IOptions<DirectivesOptions>>(),
            new FakeTimeProvider(new DateTimeOffset(2025, 7, 16, 3, 0, 0, TimeSpan.Zero)), services.GetRequiredService<ILogger<ReminderSender>>());

        await sender.SendDueAsync(Ct);

        var reminded = services.GetRequiredService<OpenDvcDbContext>().Set<ReminderLog>().Where(r => r.DeliverableId == deliverable).Select(r => r.UnitCode).Distinct().ToList();
        Assert.Equal(["12", "15"], reminded.Order(StringComparer.Ordinal));
    }
}

public sealed class UnitsOverTimeTestsOnSqlite(SqliteApp fixture) : UnitsOverTimeTests<SqliteApp>(fixture);

public sealed class UnitsOverTimeTestsOnPostgres(PostgresApp fixture) : UnitsOverTimeTests<PostgresApp>(fixture);
