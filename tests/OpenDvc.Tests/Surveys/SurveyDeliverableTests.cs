using System.Net;
using System.Net.Http.Json;
using OpenDvc.Accounts.Users;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Time;
using OpenDvc.Surveys;
using OpenDvc.Surveys.Answers;
using OpenDvc.Surveys.Portal;
using OpenDvc.Surveys.Questionnaire;
using OpenDvc.Tests.Directives;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Surveys;

/// <summary>
/// Issue 16, "a survey round can be a deliverable of a letter": a deliverable of kind SurveyAnswers counts a unit as
/// submitted once it has sent its answers to the survey (a saved draft does not count), late by the deliverable's own
/// due date and the unit's extension there; the matrix, the not-submitted list and the unit's submission page read it.
/// A deliverable of kind PortalSelfAssessment does the same with the portal checklist's self-assessment of a quarter.
/// The units are in force before and after the 2025 reorganisations, whatever day the tests run.
/// </summary>
public abstract class SurveyDeliverableTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => VietnamTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>An open survey of the units, and a letter to the given units whose one deliverable is its answers, due on the given day.</summary>
    private async Task<(int Survey, int Deliverable)> LetterAsync(DateOnly due, params string[] units)
    {
        using var admin = await App.SignInAsync("survey-deliverable-admin", Roles.Admin);
        var survey = await TestApp.ReadAsync<SurveyView>(await admin.PostAsJsonAsync("/api/v1/surveys", new SurveyInput(
            $"test-{Guid.NewGuid():N}", "2030-Q1", "Khảo sát vướng mắc", "Obstacles survey", SurveyAudience.Units, Today.AddDays(-1), Today.AddDays(30),
            [new("readiness", QuestionKind.Scale, true, "Mức sẵn sàng", "Readiness")]), Json.Options, Ct));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/surveys/{survey.Id}/open", null, Ct)).StatusCode);
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", Today.AddDays(-10), "Khảo sát vướng mắc quý", "Cục trưởng", RecipientScope.ChosenUnits, units, true)));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.SurveyAnswers, "Trả lời khảo sát vướng mắc", due, null, null, Survey: survey.Id)));
        Assert.Equal((survey.Id, due), (deliverable.SurveyId!.Value, deliverable.DueDate));
        return (survey.Id, deliverable.Id);
    }

    private static string Answers(int survey, string unit) => $"/api/v1/surveys/{survey}/units/{unit}/answers";

    private async Task SendAsync(int survey, string unit)
    {
        using var focal = await App.SignInAsync($"survey-deliverable-fp-{unit}", Roles.FocalPoint, unit);
        var response = await focal.PostAsJsonAsync($"{Answers(survey, unit)}/submit", new AnswersInput(new() { ["readiness"] = new(Number: 4) }), Json.Options, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task SaveDraftAsync(int survey, string unit)
    {
        using var focal = await App.SignInAsync($"survey-deliverable-fp-{unit}", Roles.FocalPoint, unit);
        var response = await focal.PutAsJsonAsync(Answers(survey, unit), new AnswersInput(new() { ["readiness"] = new(Number: 2) }), Json.Options, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private async Task<NotSubmittedList> NotSubmittedAsync(int deliverable, DateOnly day)
    {
        using var admin = await App.SignInAsync("survey-deliverable-admin", Roles.Admin);
        return (await TestApp.ReadAsync<NotSubmittedAnswer>(await admin.GetAsync($"/api/v1/deliverables/{deliverable}/not-submitted?date={day:yyyy-MM-dd}", Ct))).List;
    }

    private async Task<Dictionary<string, ComplianceCell>> MatrixAsync(int deliverable, DateOnly day)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var evaluated = await scope.ServiceProvider.GetRequiredService<ComplianceQuery>().EvaluateAsync([deliverable], day, Ct);
        return evaluated.Single().Cells.ToDictionary(c => c.Unit.Code, c => c.Cell);
    }

    [Fact]
    public async Task A_unit_that_sent_its_answers_shows_submitted_and_leaves_the_not_submitted_list_a_draft_does_not_issue_16()
    {
        var due = Today.AddDays(5);
        var (survey, deliverable) = await LetterAsync(due, "01", "48", "79");

        await SendAsync(survey, "01");
        await SaveDraftAsync(survey, "48");
        var cells = await MatrixAsync(deliverable, Today);
        var list = await NotSubmittedAsync(deliverable, due.AddDays(1));
        using var focal = await App.SignInAsync("survey-deliverable-fp-01", Roles.FocalPoint, "01");
        var view = await TestApp.ReadAsync<SubmissionView>(await focal.GetAsync(DirectivesData.Submission(deliverable, "01"), Ct));
        var mine = await TestApp.ReadAsync<List<UnitDeliverableView>>(await focal.GetAsync("/api/v1/units/01/deliverables", Ct));

        Assert.Equal(ComplianceStatus.OnTime, cells["01"].Status);
        Assert.Equal(ComplianceStatus.NotDue, cells["48"].Status);
        Assert.Equal(["48", "79"], list.All.Select(u => u.Code).Order(StringComparer.Ordinal));
        Assert.Equal(ComplianceStatus.Missing, list.All.Single(u => u.Code == "48").Status);
        Assert.Equal(3, list.Recipients);
        Assert.Equal((ComplianceStatus.OnTime, SubmissionStatus.Submitted, survey), (view.Compliance, view.Status, view.SurveyId!.Value));
        Assert.NotNull(view.AnsweredAt);
        Assert.Equal(ComplianceStatus.OnTime, mine.Single(d => d.DeliverableId == deliverable).Compliance);
    }

    [Fact]
    public async Task Lateness_follows_the_deliverables_due_date_and_the_units_extension_there_issue_16()
    {
        var due = Today.AddDays(-2);
        var (survey, deliverable) = await LetterAsync(due, "01", "79", "BTP");
        using var admin = await App.SignInAsync("survey-deliverable-admin", Roles.Admin);
        Assert.True((await DirectivesData.PostJsonAsync(admin, $"/api/v1/deliverables/{deliverable}/extensions",
            new DeliverableExtensionInput("79", Today.AddDays(3), "Chờ tổng hợp ý kiến các sở"))).IsSuccessStatusCode);

        await SendAsync(survey, "01");
        await SendAsync(survey, "79");
        var cells = await MatrixAsync(deliverable, Today);
        var list = await NotSubmittedAsync(deliverable, Today);

        Assert.Equal((ComplianceStatus.Late, due), (cells["01"].Status, cells["01"].DueDate));
        Assert.Equal((ComplianceStatus.OnTime, Today.AddDays(3), true), (cells["79"].Status, cells["79"].DueDate, cells["79"].Extended));
        Assert.Equal(ComplianceStatus.Missing, cells["BTP"].Status);
        Assert.Equal(["BTP"], list.All.Select(u => u.Code));
    }

    [Fact]
    public async Task A_unit_that_submitted_the_quarters_portal_assessment_leaves_the_not_submitted_list_a_draft_does_not_issue_16()
    {
        using var admin = await App.SignInAsync("survey-deliverable-admin", Roles.Admin);
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2023, 4, 3), "Tự đánh giá cổng DVC quý 2", "Cục trưởng", RecipientScope.ChosenUnits, ["01", "48", "79"], true)));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.PortalSelfAssessment, "Tự đánh giá cổng DVC quý 2/2023", Today.AddDays(5), null, new DateOnly(2023, 5, 20))));
        var items = PortalCriteria.Seed().Select(c => new ItemInput(c.Code, PortalVerdict.Met, null, null)).ToList();
        using (var hanoi = await App.SignInAsync("survey-deliverable-fp-01", Roles.FocalPoint, "01"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await hanoi.PostAsJsonAsync($"{PortalApi.Root}/units/01/quarters/2023-Q2/submit", new AssessmentInput(items), Json.Options, Ct)).StatusCode);
        }

        using (var daNang = await App.SignInAsync("survey-deliverable-fp-48", Roles.FocalPoint, "48"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await daNang.PutAsJsonAsync($"{PortalApi.Root}/units/48/quarters/2023-Q2", new AssessmentInput(items), Json.Options, Ct)).StatusCode);
        }

        var cells = await MatrixAsync(deliverable.Id, Today);
        var list = await NotSubmittedAsync(deliverable.Id, Today.AddDays(6));

        Assert.Equal(new DateOnly(2023, 4, 1), deliverable.ReportMonth);
        Assert.Equal(ComplianceStatus.OnTime, cells["01"].Status);
        Assert.Equal(ComplianceStatus.NotDue, cells["48"].Status);
        Assert.Equal(["48", "79"], list.All.Select(u => u.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_survey_deliverable_takes_no_file_submission_and_needs_a_units_survey_issue_16()
    {
        var (_, deliverable) = await LetterAsync(Today.AddDays(5), "48");
        using var focal = await App.SignInAsync("survey-deliverable-fp-48", Roles.FocalPoint, "48");
        using var admin = await App.SignInAsync("survey-deliverable-admin", Roles.Admin);
        var directive = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", Today, "Khảo sát", "Cục trưởng", RecipientScope.ChosenUnits, ["48"], true)));
        var publicSurvey = await TestApp.ReadAsync<SurveyView>(await admin.PostAsJsonAsync("/api/v1/surveys", new SurveyInput(
            $"test-{Guid.NewGuid():N}", "2030-Q1", "Khảo sát người dân", "Public survey", SurveyAudience.Public, Today, Today.AddDays(30),
            [new("ease", QuestionKind.Scale, true, "Dễ dùng", "Ease")]), Json.Options, Ct));

        var submit = await focal.PostAsync($"{DirectivesData.Submission(deliverable, "48")}/submit", null, Ct);
        var noSurvey = await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.SurveyAnswers, "Trả lời khảo sát", Today, null, null));
        var toThePublic = await DirectivesData.PostJsonAsync(admin, $"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.SurveyAnswers, "Trả lời khảo sát", Today, null, null, Survey: publicSurvey.Id));

        Assert.Equal(HttpStatusCode.Conflict, submit.StatusCode);
        Assert.Contains("OD-DELIVERABLE-BY-SURVEY", await submit.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSurvey.StatusCode);
        Assert.Contains("OD-DELIVERABLE-SURVEY", await noSurvey.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, toThePublic.StatusCode);
    }
}

public sealed class SurveyDeliverableTestsOnSqlite(SqliteApp fixture) : SurveyDeliverableTests<SqliteApp>(fixture);

public sealed class SurveyDeliverableTestsOnPostgres(PostgresApp fixture) : SurveyDeliverableTests<PostgresApp>(fixture);
