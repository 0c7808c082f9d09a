using System.Net;
using OpenDvc.Accounts.Users;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Time;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Directives;

/// <summary>
/// Issue 18, "plans are checked against the letter": the targets a letter requires are data on it (set by an admin),
/// an action plan falling short of them is submitted only with a stated reason, and the compliance matrix flags it.
/// </summary>
public abstract class PlanTargetsTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly LetterTargetInput[] Programme =
    [
        new(PlanIndicator.FullProcessCoverage, 100, new DateOnly(2024, 12, 31)),
        new(PlanIndicator.RemoteOnlineRate, 50, new DateOnly(2024, 12, 31)),
    ];

    /// <summary>A letter to Hà Nội with the programme's targets and an action plan deliverable; its path for Hà Nội.</summary>
    private async Task<(int Directive, int Deliverable, string Path)> LetterAsync()
    {
        using var admin = await App.SignInAsync("plan-targets-admin", Roles.Admin);
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2024, 1, 5), "Kế hoạch hành động 2024", "Cục trưởng", RecipientScope.ChosenUnits, ["01"], true)));
        var targets = await DirectivesData.PutJsonAsync(admin, $"/api/v1/directives/{directive.Id}/targets", Programme);
        Assert.Equal(HttpStatusCode.OK, targets.StatusCode);
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.ActionPlan, "Kế hoạch hành động 2024", new DateOnly(2030, 1, 31), null, null)));
        return (directive.Id, deliverable.Id, DirectivesData.Submission(deliverable.Id, "01"));
    }

    private static PlanTarget[] Plan(decimal remote) =>
    [
        new(PlanIndicator.FullProcessCoverage, null, "2024-06", 100, "Giám đốc Sở"),
        new(PlanIndicator.RemoteOnlineRate, null, "2024-12", remote, "Giám đốc Sở"),
        new(PlanIndicator.RemoteOnlineRate, "UBND quận Ba Đình", "2024-12", 70, "Chủ tịch UBND quận"),
    ];

    private async Task<ComplianceCell> CellAsync(int deliverable)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var day = VietnamTime.DateOf(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
        return (await scope.ServiceProvider.GetRequiredService<ComplianceQuery>().CellAsync(deliverable, "01", day, Ct))!;
    }

    [Fact]
    public async Task A_plan_below_the_letters_targets_is_refused_without_a_reason_and_accepted_and_flagged_with_one_issue_18()
    {
        var (directive, deliverable, path) = await LetterAsync();
        using var hanoi = await App.SignInAsync("plan-targets-fp-01", Roles.FocalPoint, "01");
        using var admin = await App.SignInAsync("plan-targets-admin", Roles.Admin);
        await DirectivesData.PutJsonAsync(hanoi, path, new DraftInput(new SubmissionContent { Plan = Plan(remote: 40) }, null));

        var refused = await hanoi.PostAsync($"{path}/submit", null, Ct);
        await DirectivesData.PutJsonAsync(hanoi, path, new DraftInput(new SubmissionContent { Plan = Plan(remote: 40), PlanShortfallReason = "Nhiều thủ tục cần bản gốc." }, null));
        var submitted = await hanoi.PostAsync($"{path}/submit", null, Ct);
        var cell = await CellAsync(deliverable);
        var page = await admin.GetStringAsync($"/compliance?directive={directive}", Ct);
        var targets = await TestApp.ReadAsync<List<LetterTargetInput>>(await hanoi.GetAsync($"/api/v1/directives/{directive}/targets", Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("OD-PLAN-BELOW-LETTER", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.True(cell.HasSubmitted);
        Assert.True(cell.BelowLetter);
        Assert.Contains("Dưới chỉ tiêu văn bản", page, StringComparison.Ordinal);
        Assert.Equal(Programme, targets);
    }

    [Fact]
    public async Task A_plan_meeting_the_letters_targets_is_accepted_unflagged_issue_18()
    {
        var (directive, deliverable, path) = await LetterAsync();
        using var hanoi = await App.SignInAsync("plan-targets-fp-01", Roles.FocalPoint, "01");
        using var admin = await App.SignInAsync("plan-targets-admin", Roles.Admin);
        await DirectivesData.PutJsonAsync(hanoi, path, new DraftInput(new SubmissionContent { Plan = Plan(remote: 50) }, null));

        var submitted = await hanoi.PostAsync($"{path}/submit", null, Ct);
        var cell = await CellAsync(deliverable);
        var page = await admin.GetStringAsync($"/compliance?directive={directive}", Ct);

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.True(cell.HasSubmitted);
        Assert.False(cell.BelowLetter);
        Assert.DoesNotContain("Dưới chỉ tiêu văn bản", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_sets_a_letters_targets_and_each_indicator_once_issue_18()
    {
        var (directive, _, _) = await LetterAsync();
        using var hanoi = await App.SignInAsync("plan-targets-fp-01", Roles.FocalPoint, "01");
        using var admin = await App.SignInAsync("plan-targets-admin", Roles.Admin);

        var byFocalPoint = await DirectivesData.PutJsonAsync(hanoi, $"/api/v1/directives/{directive}/targets", Programme);
        var twice = await DirectivesData.PutJsonAsync(admin, $"/api/v1/directives/{directive}/targets", new[] { Programme[0], Programme[0] });

        Assert.Equal(HttpStatusCode.Forbidden, byFocalPoint.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("OD-LETTER-TARGET-DUPLICATE", await twice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class PlanTargetsTestsOnSqlite(SqliteApp fixture) : PlanTargetsTests<SqliteApp>(fixture);

public sealed class PlanTargetsTestsOnPostgres(PostgresApp fixture) : PlanTargetsTests<PostgresApp>(fixture);
