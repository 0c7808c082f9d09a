using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Reminders;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Tests.Directives;
using OpenDvc.Tests.Platform;
using static OpenDvc.Tests.Awards.AwardsData;

namespace OpenDvc.Tests.Awards;

/// <summary>
/// Issue 18, "a nomination is the deliverable": letter 3179 asks each unit for its nominations by the campaign's
/// deadline, so a deliverable of kind AwardNominations counts a unit as submitted once it has submitted a nomination
/// or declared it has none, late by the campaign's deadline and the unit's extension there; the matrix, the
/// not-submitted list, the unit's page and the reminders all read it. The shared clock starts at 10:00 on 14 March 2024 in Hà Nội and each test moves it on.
/// </summary>
public abstract class NominationsDeliverableTests<TFixture>(TFixture fixture, Func<TFixture, FakeTimeProvider> clockOf) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private readonly FakeTimeProvider clock = clockOf(fixture);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The day each test starts on (the shared clock only moves forward) and its campaign's deadline, 6 days later.</summary>
    private DateOnly Today => VietnamTime.DateOf(start);

    private DateOnly Deadline => Today.AddDays(6);

    private DateTimeOffset start;

    /// <summary>Moves the clock to 10:00 in Hà Nội on the test's day plus some days (sign in again after: cookies expire).</summary>
    private void SetToday(int days) => clock.SetUtcNow(VietnamTime.StartOfDay(Today.AddDays(days)).AddHours(10).ToUniversalTime());

    /// <summary>A campaign closing in 6 days and a letter to the given units whose one deliverable is its nominations.</summary>
    private async Task<(int Campaign, int Deliverable)> LetterAsync(params string[] units)
    {
        clock.Advance(TimeSpan.FromDays(1));
        start = clock.GetUtcNow();
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { NominationDeadline = Deadline, AnnouncementDate = Deadline.AddDays(40) }));
        using var admin = await App.SignInAsync("nominations-deliverable-admin", Roles.Admin);
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", Today.AddDays(-10), "Tôn vinh DVCTT tiêu biểu", "Cục trưởng", RecipientScope.ChosenUnits, units, true)));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.AwardNominations, "Đề xuất DVCTT tiêu biểu", Today.AddDays(300), null, null, Campaign: campaign)));
        Assert.Equal((campaign, Deadline), (deliverable.CampaignId!.Value, deliverable.DueDate));
        return (campaign, deliverable.Id);
    }

    private async Task NominateAsync(int campaign, string unit)
    {
        var procedure = await SatisfyingServiceAsync(App, unit);
        using var focal = await App.SignInAsync($"nominations-deliverable-fp-{unit}", Roles.FocalPoint, unit);
        await TestApp.ReadAsync<NominationView>(await focal.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations",
            new NominationInput(unit, procedure, NominationCategory.CitizenServices, "Dịch vụ tiêu biểu", null, null, null), Json.Options, Ct));
    }

    private async Task<NotSubmittedList> NotSubmittedAsync(int deliverable, DateOnly? day = null)
    {
        using var admin = await App.SignInAsync("nominations-deliverable-admin", Roles.Admin);
        var path = $"/api/v1/deliverables/{deliverable}/not-submitted" + (day is { } d ? $"?date={d:yyyy-MM-dd}" : "");
        return (await TestApp.ReadAsync<NotSubmittedAnswer>(await admin.GetAsync(path, Ct))).List;
    }

    private async Task<Dictionary<string, ComplianceCell>> MatrixAsync(int deliverable)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var evaluated = await scope.ServiceProvider.GetRequiredService<ComplianceQuery>().EvaluateAsync([deliverable], VietnamTime.DateOf(clock.GetUtcNow()), Ct);
        return evaluated.Single().Cells.ToDictionary(c => c.Unit.Code, c => c.Cell);
    }

    [Fact]
    public async Task A_unit_that_nominated_shows_submitted_and_leaves_the_not_submitted_list_issue_18()
    {
        var (campaign, deliverable) = await LetterAsync("02", "04");

        await NominateAsync(campaign, "02");
        var cells = await MatrixAsync(deliverable);
        var list = await NotSubmittedAsync(deliverable, Deadline.AddDays(1));
        using var focal = await App.SignInAsync("nominations-deliverable-fp-02", Roles.FocalPoint, "02");
        var view = await TestApp.ReadAsync<SubmissionView>(await focal.GetAsync(DirectivesData.Submission(deliverable, "02"), Ct));
        var mine = await TestApp.ReadAsync<List<UnitDeliverableView>>(await focal.GetAsync("/api/v1/units/02/deliverables", Ct));

        Assert.Equal(ComplianceStatus.OnTime, cells["02"].Status);
        Assert.Equal(ComplianceStatus.NotDue, cells["04"].Status);
        Assert.Equal(["04"], list.All.Select(u => u.Code));
        Assert.Equal((ComplianceStatus.OnTime, SubmissionStatus.Submitted, campaign), (view.Compliance, view.Status, view.CampaignId!.Value));
        Assert.Equal(ComplianceStatus.OnTime, mine.Single(d => d.DeliverableId == deliverable).Compliance);
    }

    [Fact]
    public async Task A_unit_that_declared_it_has_no_nominations_shows_submitted_until_it_takes_it_back_issue_18()
    {
        var (campaign, deliverable) = await LetterAsync("06", "08");
        using var focal = await App.SignInAsync("nominations-deliverable-fp-06", Roles.FocalPoint, "06");
        using var other = await App.SignInAsync("nominations-deliverable-fp-08", Roles.FocalPoint, "08");
        var path = $"/api/v1/awards/campaigns/{campaign}/units/06/no-nominations";

        var foreign = await other.PutAsync(path, null, Ct);
        var declared = await focal.PutAsync(path, null, Ct);
        var afterDeclaring = (await MatrixAsync(deliverable))["06"];
        var audited = await AuditedAsync("06");
        var takenBack = await focal.DeleteAsync(path, Ct);
        var afterTakingBack = (await MatrixAsync(deliverable))["06"];
        SetToday(7);
        using var focalLater = await App.SignInAsync("nominations-deliverable-fp-06", Roles.FocalPoint, "06");
        var late = await focalLater.PutAsync(path, null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, declared.StatusCode);
        Assert.Equal(ComplianceStatus.OnTime, afterDeclaring.Status);
        Assert.True(audited);
        Assert.Equal(HttpStatusCode.NoContent, takenBack.StatusCode);
        Assert.Equal(ComplianceStatus.NotDue, afterTakingBack.Status);
        await ProblemAsync(late, HttpStatusCode.Conflict, "OD-AWARD-DEADLINE-PASSED");
    }

    [Fact]
    public async Task A_unit_that_nominated_cannot_also_declare_it_has_none_issue_18()
    {
        var (campaign, _) = await LetterAsync("10");
        await NominateAsync(campaign, "10");
        using var focal = await App.SignInAsync("nominations-deliverable-fp-10", Roles.FocalPoint, "10");

        var response = await focal.PutAsync($"/api/v1/awards/campaigns/{campaign}/units/10/no-nominations", null, Ct);

        await ProblemAsync(response, HttpStatusCode.Conflict, "OD-AWARD-HAS-NOMINATIONS");
    }

    [Fact]
    public async Task A_unit_that_did_neither_is_on_the_not_submitted_list_and_the_only_one_reminded_issue_18()
    {
        var (campaign, deliverable) = await LetterAsync("11", "12", "14");
        await NominateAsync(campaign, "11");
        using var focal = await App.SignInAsync("nominations-deliverable-fp-12", Roles.FocalPoint, "12");
        Assert.Equal(HttpStatusCode.NoContent, (await focal.PutAsync($"/api/v1/awards/campaigns/{campaign}/units/12/no-nominations", null, Ct)).StatusCode);

        var run = await RemindAsync();
        var reminded = await RemindedAsync(deliverable);
        var list = await NotSubmittedAsync(deliverable, Deadline.AddDays(1));
        using var admin = await App.SignInAsync("nominations-deliverable-admin", Roles.Admin);
        var export = await admin.GetStringAsync($"/api/v1/deliverables/{deliverable}/not-submitted/export?format=csv&date={Deadline.AddDays(1):yyyy-MM-dd}", Ct);

        Assert.Equal(["14"], reminded);
        Assert.True(run.Created >= 1);
        Assert.Equal(["14"], list.All.Select(u => u.Code));
        Assert.Equal(3, list.Recipients);
        Assert.Contains(",14,", export, StringComparison.Ordinal);
        Assert.DoesNotContain(",11,", export, StringComparison.Ordinal);
        Assert.DoesNotContain(",12,", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lateness_follows_the_campaigns_deadline_and_the_units_extension_there_issue_18()
    {
        var (campaign, deliverable) = await LetterAsync("15", "17", "19");
        await NominateAsync(campaign, "15");
        using var admin = await App.SignInAsync("nominations-deliverable-admin", Roles.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/extensions/17",
            new CampaignExtensionInput(Today.AddDays(11), "Chờ ý kiến các sở"), Json.Options, Ct)).StatusCode);

        SetToday(8);
        var afterDeadline = await MatrixAsync(deliverable);
        var list = await NotSubmittedAsync(deliverable);
        await NominateAsync(campaign, "17");
        var withinExtension = (await MatrixAsync(deliverable))["17"];
        var settings = CampaignInput.From(await CampaignAsync(campaign)) with { NominationDeadline = Today.AddDays(-1) };
        using var adminLater = await App.SignInAsync("nominations-deliverable-admin", Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await adminLater.PutAsJsonAsync($"/api/v1/awards/campaigns/{campaign}", settings, Json.Options, Ct)).StatusCode);
        var deadlineMovedEarlier = (await MatrixAsync(deliverable))["15"];

        Assert.Equal((ComplianceStatus.OnTime, Deadline, false), (afterDeadline["15"].Status, afterDeadline["15"].DueDate, afterDeadline["15"].Extended));
        Assert.Equal((ComplianceStatus.NotDue, Today.AddDays(11), true), (afterDeadline["17"].Status, afterDeadline["17"].DueDate, afterDeadline["17"].Extended));
        Assert.Equal((ComplianceStatus.Missing, Deadline), (afterDeadline["19"].Status, afterDeadline["19"].DueDate));
        Assert.Equal(["19"], list.All.Select(u => u.Code));
        Assert.Equal(["17"], list.ExtensionRunning.Select(u => u.Code));
        Assert.Equal(ComplianceStatus.OnTime, withinExtension.Status);
        Assert.Equal((ComplianceStatus.Late, Today.AddDays(-1)), (deadlineMovedEarlier.Status, deadlineMovedEarlier.DueDate));
    }

    [Fact]
    public async Task The_nominations_deliverable_takes_no_file_submission_and_needs_a_campaign_issue_18()
    {
        var (_, deliverable) = await LetterAsync("20");
        using var focal = await App.SignInAsync("nominations-deliverable-fp-20", Roles.FocalPoint, "20");
        using var admin = await App.SignInAsync("nominations-deliverable-admin", Roles.Admin);
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", Today, "Tôn vinh", "Cục trưởng", RecipientScope.ChosenUnits, ["20"], true)));

        var submit = await focal.PostAsync($"{DirectivesData.Submission(deliverable, "20")}/submit", null, Ct);
        var noCampaign = await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.AwardNominations, "Đề xuất", Deadline, null, null));

        await ProblemAsync(submit, HttpStatusCode.Conflict, "OD-DELIVERABLE-BY-NOMINATIONS");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noCampaign.StatusCode);
        Assert.Contains("OD-DELIVERABLE-CAMPAIGN", await noCampaign.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_letter_3179_asks_for_the_demo_campaigns_nominations_issue_18()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();

        var deliverable = await db.Set<Deliverable>().SingleAsync(d => d.Directive!.Number == OpenDvc.Directives.Demo.DemoDirectives.Honouring2023, Ct);
        var campaign = await db.Set<AwardCampaign>().SingleAsync(c => c.Id == deliverable.CampaignId, Ct);

        Assert.Equal(DeliverableKind.AwardNominations, deliverable.Kind);
        Assert.Equal(OpenDvc.Directives.Demo.DemoDirectives.Honouring2023, campaign.Letter);
        Assert.Equal(campaign.NominationDeadline, deliverable.DueDate);
    }

    private static async Task ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(code, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<AwardCampaign> CampaignAsync(int id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<AwardCampaign>().AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    private async Task<bool> AuditedAsync(string unit)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<OpenDvc.Platform.Audit.AuditEntry>()
            .AnyAsync(a => a.EntityType == nameof(NoNominations) && a.UnitCode == unit, Ct);
    }

    private async Task<ReminderRun> RemindAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync(Ct);
    }

    private async Task<List<string>> RemindedAsync(int deliverable)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<ReminderLog>().Where(r => r.DeliverableId == deliverable)
            .Select(r => r.UnitCode).Distinct().OrderBy(u => u).ToListAsync(Ct);
    }
}

public sealed class NominationsDeliverableTestsOnSqlite(ClockedSqliteApp fixture) : NominationsDeliverableTests<ClockedSqliteApp>(fixture, f => f.Clock);

public sealed class NominationsDeliverableTestsOnPostgres(ClockedPostgresApp fixture) : NominationsDeliverableTests<ClockedPostgresApp>(fixture, f => f.Clock);
