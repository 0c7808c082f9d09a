using System.Net;
using OpenDvc.Accounts.Users;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Submissions;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Directives;

/// <summary>
/// A monthly report from draft to acceptance through the API, on a clock the test moves: on time, returned (then
/// not counted), resubmitted late, versions kept, an extension taking a unit off the list, the ledger comparison.
/// </summary>
public abstract class SubmissionWorkflowTests<TFixture>(TFixture fixture, Func<TFixture, Microsoft.Extensions.Time.Testing.FakeTimeProvider> clock) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private readonly TFixture fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly MonthlyFigures Figures = new(1200, 700, 1100, "Tháng 2/2024: hệ thống một cửa ổn định.");

    [Fact]
    public async Task A_report_returned_then_resubmitted_after_the_due_date_is_late_and_keeps_both_versions()
    {
        var time = clock(fixture);
        time.SetUtcNow(new DateTimeOffset(2024, 3, 14, 3, 0, 0, TimeSpan.Zero));
        using var admin = await App.SignInAsync("workflow-admin", Roles.Admin);
        var hanoi = await App.SignInAsync("workflow-fp-01", Roles.FocalPoint, "01");
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2024, 3, 1), "Báo cáo tháng 2/2024", "Cục trưởng", RecipientScope.ChosenUnits, ["01", "79", "BTP"], true)));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.MonthlyReport, "Báo cáo tháng 2/2024", new DateOnly(2024, 3, 15), null, new DateOnly(2024, 2, 1))));
        var path = DirectivesData.Submission(deliverable.Id, "01");

        Assert.Equal(HttpStatusCode.NoContent, (await DirectivesData.PutJsonAsync(hanoi, path, new DraftInput(new SubmissionContent { Report = Figures }, "Bản đầu"))).StatusCode);
        var first = await TestApp.ReadAsync<SubmissionView>(await hanoi.PostAsync($"{path}/submit", null, Ct));
        var returned = await TestApp.ReadAsync<SubmissionView>(await DirectivesData.PostJsonAsync(admin, $"{path}/return", new ReviewInput("Số đúng hạn lớn hơn thực tế.")));
        var listAfterReturn = await ListAsync(admin, deliverable.Id, "2024-03-14");
        time.SetUtcNow(new DateTimeOffset(2024, 3, 16, 3, 0, 0, TimeSpan.Zero));

        // Two days on, yesterday's cookies have expired: sign in again.
        hanoi.Dispose();
        hanoi = await App.SignInAsync("workflow-fp-01", Roles.FocalPoint, "01");
        using var adminLater = await App.SignInAsync("workflow-admin", Roles.Admin);
        await DirectivesData.PutJsonAsync(hanoi, path, new DraftInput(new SubmissionContent { Report = Figures with { OnTime = 1000 } }, "Bản sửa"));
        var second = await TestApp.ReadAsync<SubmissionView>(await hanoi.PostAsync($"{path}/submit", null, Ct));
        var editWhileSubmitted = await DirectivesData.PutJsonAsync(hanoi, path, new DraftInput(new SubmissionContent { Report = Figures }, null));
        Assert.Equal(HttpStatusCode.NoContent, (await DirectivesData.PostJsonAsync(adminLater, $"/api/v1/deliverables/{deliverable.Id}/extensions",
            new DeliverableExtensionInput("79", new DateOnly(2024, 3, 20), "Thay đổi hệ thống một cửa"))).StatusCode);
        var listLater = await ListAsync(adminLater, deliverable.Id, "2024-03-16");
        var accepted = await TestApp.ReadAsync<SubmissionView>(await adminLater.PostAsync($"{path}/accept", null, Ct));
        hanoi.Dispose();

        Assert.Equal((SubmissionStatus.Submitted, ComplianceStatus.OnTime), (first.Status, first.Compliance));
        Assert.Equal((SubmissionStatus.Returned, ComplianceStatus.Returned, "Số đúng hạn lớn hơn thực tế."), (returned.Status, returned.Compliance, returned.ReviewComment));
        Assert.Equal(["BTP", "01", "79"], listAfterReturn.List.All.Select(u => u.Code));
        Assert.Equal((SubmissionStatus.Submitted, ComplianceStatus.Late), (second.Status, second.Compliance));
        Assert.Equal(HttpStatusCode.Conflict, editWhileSubmitted.StatusCode);
        Assert.Equal(["BTP"], listLater.List.All.Select(u => u.Code));
        Assert.Equal(["79"], listLater.List.ExtensionRunning.Select(u => u.Code));
        Assert.Equal(SubmissionStatus.Accepted, accepted.Status);
        Assert.Equal([2, 1], accepted.Versions.Select(v => v.Number));
        Assert.Equal([ReviewOutcome.Accepted, ReviewOutcome.Returned], accepted.Versions.Select(v => v.Review));
        Assert.Equal([true, false], accepted.Versions.Select(v => v.Late));
        Assert.Equal(1000, accepted.Content.Report!.OnTime);
    }

    [Fact]
    public async Task An_extension_without_a_date_is_refused_and_each_extension_has_its_own_api_description_issue_18()
    {
        using var admin = await App.SignInAsync("workflow-admin", Roles.Admin);
        var deliverable = await DirectivesData.DemoCatalogAsync(App);
        var withoutDate = new StringContent("""{"unit":"24","reason":"Chưa ghi ngày"}""", System.Text.Encoding.UTF8, "application/json");

        var refused = await admin.PostAsync($"/api/v1/deliverables/{deliverable}/extensions", withoutDate, Ct);
        var extended = await ExtensionsOfAsync(deliverable, "24");
        using var document = System.Text.Json.JsonDocument.Parse(await App.Anonymous().GetStringAsync("/openapi/v1.json", Ct));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("DueDate", await refused.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, extended);
        Assert.Equal(["dueDate", "reason", "unit"], RequestFields(document, "/api/v1/deliverables/{deliverable}/extensions", "post"));
        Assert.Equal(["reason", "until"], RequestFields(document, "/api/v1/awards/campaigns/{id}/extensions/{unit}", "put"));
    }

    /// <summary>The property names of an operation's JSON request body, as the OpenAPI document describes it.</summary>
    private static List<string> RequestFields(System.Text.Json.JsonDocument document, string path, string method)
    {
        var root = document.RootElement;
        var schema = root.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var name = schema.GetProperty("$ref").GetString()!.Split('/')[^1];
        return [.. root.GetProperty("components").GetProperty("schemas").GetProperty(name).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }

    private async Task<int> ExtensionsOfAsync(int deliverable, string unit)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvc.Platform.Database.OpenDvcDbContext>();
        return db.Set<DeadlineExtension>().Count(e => e.DeliverableId == deliverable && e.UnitCode == unit);
    }

    [Fact]
    public async Task Submitting_an_empty_or_inconsistent_report_is_refused_with_each_rule()
    {
        using var admin = await App.SignInAsync("workflow-admin", Roles.Admin);
        using var hcmc = await App.SignInAsync("workflow-fp-79", Roles.FocalPoint, "79");
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2024, 3, 1), "Báo cáo tháng", "Cục trưởng", RecipientScope.AllProvinces, null, true)));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.MonthlyReport, "Báo cáo tháng 2/2024", new DateOnly(2024, 3, 15), null, new DateOnly(2024, 2, 1))));
        var path = DirectivesData.Submission(deliverable.Id, "79");

        var empty = await hcmc.PostAsync($"{path}/submit", null, Ct);
        await DirectivesData.PutJsonAsync(hcmc, path, new DraftInput(new SubmissionContent { Report = new MonthlyFigures(10, 20, 30, null) }, null));
        var inconsistent = await hcmc.PostAsync($"{path}/submit", null, Ct);
        var ministry = await App.SignInAsync("workflow-fp-btp", Roles.FocalPoint, "BTP");
        var notAddressed = await ministry.GetAsync(DirectivesData.Submission(deliverable.Id, "BTP"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("OD-REPORT-EMPTY", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, inconsistent.StatusCode);
        Assert.Contains("OD-REPORT-EXCEEDS-RECEIVED", await inconsistent.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notAddressed.StatusCode);
    }

    [Fact]
    public async Task A_monthly_report_is_compared_with_what_the_ledger_holds_for_the_month()
    {
        using var admin = await App.SignInAsync("workflow-admin", Roles.Admin);
        using var hanoi = await App.SignInAsync("workflow-fp-01", Roles.FocalPoint, "01");
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2024, 3, 1), "Báo cáo tháng", "Cục trưởng", RecipientScope.ChosenUnits, ["01"], true)));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.MonthlyReport, "Báo cáo tháng 1/2024", new DateOnly(2024, 2, 10), null, new DateOnly(2024, 1, 1))));
        var path = DirectivesData.Submission(deliverable.Id, "01");
        var synced = await LedgerTotalsAsync("01", 202401);
        var reported = new MonthlyFigures(synced.Received * 2, synced.Online, 0, null);
        await DirectivesData.PutJsonAsync(hanoi, path, new DraftInput(new SubmissionContent { Report = reported }, null));

        var comparison = await TestApp.ReadAsync<MonthlyComparison>(await hanoi.GetAsync($"{path}/comparison", Ct));

        var received = comparison.Figures.Single(f => f.Figure == "received");
        Assert.Equal((reported.Received, synced.Received), (received.Reported, received.Synced));
        Assert.Equal(reported.Received == 0 ? null : Math.Round((decimal)synced.Received / reported.Received, 4), received.Coverage);
        Assert.Equal(synced.Received > 0, received.LargeDifference);
        var onTime = comparison.Figures.Single(f => f.Figure == "on_time");
        Assert.Null(onTime.Coverage);
    }

    [Fact]
    public async Task An_action_plans_targets_are_shown_against_the_ledger_and_the_registry()
    {
        using var admin = await App.SignInAsync("workflow-admin", Roles.Admin);
        using var hanoi = await App.SignInAsync("workflow-fp-01", Roles.FocalPoint, "01");
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2024, 1, 5), "Kế hoạch 2024", "Cục trưởng", RecipientScope.ChosenUnits, ["01"], true)));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.ActionPlan, "Kế hoạch hành động 2024", new DateOnly(2024, 1, 31), null, null)));
        var path = DirectivesData.Submission(deliverable.Id, "01");
        PlanTarget[] plan =
        [
            new(PlanIndicator.RemoteOnlineRate, null, "2024-01", 50, "Giám đốc Sở"),
            new(PlanIndicator.FullProcessCoverage, null, "2024-06", 100, "Giám đốc Sở"),
            new(PlanIndicator.RemoteOnlineRate, "UBND quận Ba Đình", "2024-01", 60, "Chủ tịch UBND quận"),
            new(PlanIndicator.HouseholdsWithVneid, null, "2024-12", 100, "Công an thành phố"),
        ];
        await DirectivesData.PutJsonAsync(hanoi, path, new DraftInput(new SubmissionContent { Plan = plan }, null));

        var progress = await TestApp.ReadAsync<List<TargetProgress>>(await hanoi.GetAsync($"{path}/progress", Ct));

        var (received, remote) = await LedgerRemoteAsync("01", 202401);
        var (eligible, fullProcess) = await RegistryCoverageAsync("01");
        Assert.Equal(received == 0 ? null : Math.Round(remote * 100m / received, 2), progress[0].ActualPercent);
        Assert.Equal(eligible == 0 ? null : Math.Round(fullProcess * 100m / eligible, 2), progress[1].ActualPercent);
        Assert.Null(progress[2].ActualPercent);
        Assert.Null(progress[3].ActualPercent);
        Assert.Equal(["ledger", "registry-today", "sub-unit", "none"], progress.Select(p => p.Source));
    }

    private async Task<(long Received, long Remote)> LedgerRemoteAsync(string unit, int month)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var rows = scope.ServiceProvider.GetRequiredService<OpenDvc.Platform.Database.OpenDvcDbContext>().Set<OpenDvc.Ledger.Rollups.DossierRollup>()
            .Where(r => r.UnitCode == unit && r.Month == month).ToList();
        return (rows.Sum(r => r.Received), rows.Where(r => r.Channel == OpenDvc.Ledger.DossierChannel.OnlineRemote).Sum(r => r.Received));
    }

    private async Task<(int Eligible, int FullProcess)> RegistryCoverageAsync(string unitCode)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvc.Platform.Database.OpenDvcDbContext>();
        var unit = db.Set<OpenDvc.Registry.Units.Unit>().Single(u => u.Code == unitCode);
        var eligible = db.Set<OpenDvc.Registry.Procedures.Procedure>().Where(p => p.EligibleForFullProcess).AsEnumerable().Where(p => p.IsCarriedOutBy(unit)).Select(p => p.Code).ToHashSet();
        var full = db.Set<OpenDvc.Registry.Services.OnlineService>().Where(s => s.UnitCode == unitCode && s.Level == OpenDvc.Registry.Services.ServiceLevel.FullProcess)
            .AsEnumerable().Count(s => eligible.Contains(s.ProcedureCode));
        return (eligible.Count, full);
    }

    private async Task<(long Received, long Online)> LedgerTotalsAsync(string unit, int month)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvc.Platform.Database.OpenDvcDbContext>();
        var rows = db.Set<OpenDvc.Ledger.Rollups.DossierRollup>().Where(r => r.UnitCode == unit && r.Month == month).ToList();
        return (rows.Sum(r => r.Received), rows.Where(r => r.Channel is OpenDvc.Ledger.DossierChannel.OnlineRemote or OpenDvc.Ledger.DossierChannel.OnlineAssisted).Sum(r => r.Received));
    }

    private static async Task<NotSubmittedAnswer> ListAsync(HttpClient staff, int deliverable, string day) =>
        await TestApp.ReadAsync<NotSubmittedAnswer>(await staff.GetAsync($"/api/v1/deliverables/{deliverable}/not-submitted?date={day}", Ct));
}

public sealed class SubmissionWorkflowTestsOnSqlite(ClockedSqliteApp fixture) : SubmissionWorkflowTests<ClockedSqliteApp>(fixture, f => f.Clock);

public sealed class SubmissionWorkflowTestsOnPostgres(ClockedPostgresApp fixture) : SubmissionWorkflowTests<ClockedPostgresApp>(fixture, f => f.Clock);
