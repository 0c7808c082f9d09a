using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Surveys;
using OpenDvc.Surveys.Answers;
using OpenDvc.Surveys.Demo;
using OpenDvc.Surveys.Questionnaire;
using OpenDvc.Surveys.Results;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Surveys;

/// <summary>The app with a low limit on public answers per address, so the limit can be reached in a test.</summary>
public sealed class SurveysSqliteApp : SqliteApp
{
    protected override string[]? Configuration => ["--Surveys:PublicAnswersPerClient=3"];
}

public sealed class SurveysPostgresApp(PostgresCluster cluster) : PostgresApp(cluster)
{
    protected override string[]? Configuration => ["--Surveys:PublicAnswersPerClient=3"];
}

/// <summary>
/// Surveys through HTTP (issue 16): answers aggregate as sent (multiple choice, skipped questions, drafts never count),
/// a focal point answers only for its own unit and once, a public token answers once, and public answers are
/// limited per client address.
/// </summary>
public abstract class SurveyAnswersTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly OptionInput[] Options = [new("a", "A", "A"), new("b", "B", "B"), new("c", "C", "C")];

    [Fact]
    public async Task Answers_aggregate_by_option_with_multiple_choice_and_skipped_questions()
    {
        var id = await OpenSurveyAsync(SurveyAudience.Units);
        await SendAsync(id, "01", new() { ["one"] = new(["a"]), ["many"] = new(["a", "b"]), ["scale"] = new(Number: 4), ["count"] = new(Number: 10), ["note"] = new(Text: "Thiếu kết nối dữ liệu") });
        await SendAsync(id, "79", new() { ["one"] = new(["b"]), ["many"] = new(["b", "c"]), ["scale"] = new(Number: 2) });
        await SendAsync(id, "BTP", new() { ["one"] = new(["a"]), ["many"] = new(["b"]), ["scale"] = new(Number: 5), ["count"] = new(Number: 30), ["note"] = new(Text: "Quy định còn yêu cầu giấy") });
        using (var draft = await FocalPointAsync("BCA"))
        {
            // A draft is not an answer: it must not count.
            Assert.Equal(HttpStatusCode.NoContent, (await draft.PutAsJsonAsync(Answers(id, "BCA"), new AnswersInput(new() { ["one"] = new(["c"]) }), Json.Options, Ct)).StatusCode);
        }

        using var staff = await App.SignInAsync("survey-viewer", Roles.Viewer);
        var results = await TestApp.ReadAsync<SurveyResultsView>(await staff.GetAsync($"/api/v1/surveys/{id}/results", Ct));

        Assert.Equal(3, results.Responses);
        var one = results.Questions.Single(q => q.Code == "one");
        Assert.Equal([2, 1, 0], one.Options.Select(o => o.Count));
        Assert.Equal(0.6667, one.Options[0].Share, 4);
        var many = results.Questions.Single(q => q.Code == "many");
        Assert.Equal([1, 3, 1], many.Options.Select(o => o.Count));
        Assert.Equal(3, many.Answered);
        Assert.True(many.Options.Sum(o => o.Share) > 1.6, "a multiple choice's shares add up to more than 100 %");
        var scale = results.Questions.Single(q => q.Code == "scale");
        Assert.Equal([0, 1, 0, 1, 1], scale.Options.Select(o => o.Count));
        Assert.Equal(3.67m, scale.Mean);
        var count = results.Questions.Single(q => q.Code == "count");
        Assert.Equal((2, 1, 20m, 10m, 30m), (count.Answered, count.Skipped, count.Mean!.Value, count.Min!.Value, count.Max!.Value));
        Assert.Equal((2, 1), (results.Questions.Single(q => q.Code == "note").Answered, results.Questions.Single(q => q.Code == "note").Skipped));
        Assert.Equal([$"{SurveyResults.Ministries}:1:1,0,0", $"{SurveyResults.Provinces}:2:1,1,0"],
            one.ByKind.Select(g => $"{g.Group}:{g.Answered}:{string.Join(',', g.Counts)}"));
        var texts = await TestApp.ReadAsync<List<TextAnswer>>(await staff.GetAsync($"/api/v1/surveys/{id}/texts?q=giấy", Ct));
        Assert.Equal(["BTP"], texts.Select(t => t.UnitCode));
        var notAnswered = await TestApp.ReadAsync<NonResponderList>(await staff.GetAsync($"/api/v1/surveys/{id}/not-answered", Ct));
        Assert.DoesNotContain(notAnswered.All, u => u.Code is "01" or "79" or "BTP");
        Assert.True(notAnswered.All.Single(u => u.Code == "BCA").Draft);
        Assert.Equal(notAnswered.Asked - 3, notAnswered.All.Count());
    }

    [Fact]
    public async Task A_focal_point_cannot_answer_for_another_unit_and_answers_its_own_once()
    {
        var id = await OpenSurveyAsync(SurveyAudience.Units);
        using var hanoi = await FocalPointAsync("01");
        var body = new AnswersInput(Complete());

        var forOther = await hanoi.PostAsJsonAsync($"{Answers(id, "79")}/submit", body, Json.Options, Ct);
        var draftForOther = await hanoi.PutAsJsonAsync(Answers(id, "79"), body, Json.Options, Ct);
        var readOther = await hanoi.GetAsync(Answers(id, "79"), Ct);
        var own = await hanoi.PostAsJsonAsync($"{Answers(id, "01")}/submit", body, Json.Options, Ct);
        var again = await hanoi.PostAsJsonAsync($"{Answers(id, "01")}/submit", body, Json.Options, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, draftForOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOther.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("OD-SURVEY-ALREADY-ANSWERED", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var hcmc = await FocalPointAsync("79");
        var sheet = await TestApp.ReadAsync<UnitSheet>(await hcmc.GetAsync(Answers(id, "79"), Ct));
        Assert.False(sheet.Submitted);
        var mine = await TestApp.ReadAsync<List<UnitSurveyView>>(await hanoi.GetAsync("/api/v1/units/01/surveys", Ct));
        Assert.True(mine.Single(s => s.SurveyId == id).Submitted);
    }

    [Fact]
    public async Task A_required_question_left_out_refuses_the_sending_but_not_the_draft()
    {
        var id = await OpenSurveyAsync(SurveyAudience.Units);
        // 48 (Đà Nẵng) is in force before and after the 2025 reorganisations, whatever day the tests run.
        using var client = await FocalPointAsync("48");
        var partial = new AnswersInput(new() { ["many"] = new(["a"]) });

        var draft = await client.PutAsJsonAsync(Answers(id, "48"), partial, Json.Options, Ct);
        var send = await client.PostAsJsonAsync($"{Answers(id, "48")}/submit", partial, Json.Options, Ct);
        var wrong = await client.PutAsJsonAsync(Answers(id, "48"), new AnswersInput(new() { ["one"] = new(["a", "b"]), ["scale"] = new(Number: 6) }), Json.Options, Ct);

        Assert.Equal(HttpStatusCode.NoContent, draft.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, send.StatusCode);
        Assert.Contains("OD-SURVEY-ANSWER-REQUIRED", await send.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal(3, (await wrong.Content.ReadAsStringAsync(Ct)).Split("OD-SURVEY-ANSWER-INVALID").Length);
    }

    [Fact]
    public async Task A_public_token_cannot_answer_twice()
    {
        var key = await PublicKeyAsync(await OpenSurveyAsync(SurveyAudience.Public));
        using var visitor = App.Anonymous("203.0.113.10");
        var questionnaire = await TestApp.ReadAsync<PublicQuestionnaire>(await visitor.GetAsync($"/api/v1/surveys/public/{key}", Ct));

        var first = await visitor.PostAsJsonAsync($"/api/v1/surveys/public/{key}/answers", new PublicAnswersInput(questionnaire.Token, Complete()), Json.Options, Ct);
        var second = await visitor.PostAsJsonAsync($"/api/v1/surveys/public/{key}/answers", new PublicAnswersInput(questionnaire.Token, Complete()), Json.Options, Ct);
        var forged = await visitor.PostAsJsonAsync($"/api/v1/surveys/public/{key}/answers", new PublicAnswersInput("made-up", Complete()), Json.Options, Ct);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("OD-SURVEY-TOKEN-USED", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(questionnaire.Survey.PublicLink);
    }

    [Fact]
    public async Task A_public_answer_keeps_no_client_address_and_only_a_hash_of_its_token()
    {
        var id = await OpenSurveyAsync(SurveyAudience.Public);
        var key = await PublicKeyAsync(id);
        using var visitor = App.Anonymous("203.0.113.77");
        var token = (await TestApp.ReadAsync<PublicQuestionnaire>(await visitor.GetAsync($"/api/v1/surveys/public/{key}", Ct))).Token;

        var answered = await visitor.PostAsJsonAsync($"/api/v1/surveys/public/{key}/answers", new PublicAnswersInput(token, Complete()), Json.Options, Ct);

        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var sheet = await db.Set<SurveyResponse>().AsNoTracking().SingleAsync(r => r.SurveyId == id, Ct);
        var audit = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.EntityType == nameof(SurveyResponse) && e.EntityKey == sheet.Id.ToString(CultureInfo.InvariantCulture)).ToListAsync(Ct);
        Assert.Equal((null, "public"), (sheet.UnitCode, sheet.UpdatedBy));
        Assert.Equal(64, sheet.TokenHash!.Length);
        Assert.DoesNotContain(token, sheet.TokenHash, StringComparison.Ordinal);
        var entry = Assert.Single(audit);
        Assert.Equal("anonymous", entry.Actor);
        Assert.DoesNotContain("203.0.113", entry.After ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(token, entry.After ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_form_answers_once_per_visit_with_its_cookie()
    {
        var id = await OpenSurveyAsync(SurveyAudience.Public);
        var key = await PublicKeyAsync(id);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = App.BaseAddress };
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.20");
        var path = $"/surveys/answer/{key}";
        Dictionary<string, string> Form() => new() { ["q.one"] = "b", ["q.scale"] = "3", ["q.many"] = "c" };

        var first = await TestApp.PostFormAsync(browser, path, Form());
        var second = await TestApp.PostFormAsync(browser, path, Form());

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        using var staff = await App.SignInAsync("survey-viewer", Roles.Viewer);
        var results = await TestApp.ReadAsync<SurveyResultsView>(await staff.GetAsync($"/api/v1/surveys/{id}/results", Ct));
        Assert.Equal(1, results.Responses);
        Assert.Equal([0, 1, 0], results.Questions.Single(q => q.Code == "one").Options.Select(o => o.Count));
    }

    [Fact]
    public async Task Public_answers_are_limited_per_client_address()
    {
        var key = await PublicKeyAsync(await OpenSurveyAsync(SurveyAudience.Public));

        async Task<HttpStatusCode> AnswerFromAsync(string address)
        {
            using var visitor = App.Anonymous(address);
            var token = (await TestApp.ReadAsync<PublicQuestionnaire>(await visitor.GetAsync($"/api/v1/surveys/public/{key}", Ct))).Token;
            var response = await visitor.PostAsJsonAsync($"/api/v1/surveys/public/{key}/answers", new PublicAnswersInput(token, Complete()), Json.Options, Ct);
            return response.StatusCode;
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await AnswerFromAsync("198.51.100.7"));
        }

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.NoContent, await AnswerFromAsync("198.51.100.8"));
    }

    [Fact]
    public async Task Only_admins_write_surveys_and_a_draft_is_not_answerable()
    {
        using var viewer = await App.SignInAsync("survey-viewer", Roles.Viewer);
        using var focal = await FocalPointAsync("01");
        using var admin = await App.SignInAsync("survey-admin", Roles.Admin);
        var input = Questionnaire(SurveyAudience.Units);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/surveys", input, Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PostAsJsonAsync("/api/v1/surveys", input, Json.Options, Ct)).StatusCode);
        var created = await TestApp.ReadAsync<SurveyView>(await admin.PostAsJsonAsync("/api/v1/surveys", input, Json.Options, Ct));
        var early = await focal.PutAsJsonAsync(Answers(created.Id, "01"), new AnswersInput(Complete()), Json.Options, Ct);

        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Equal(SurveyState.Draft, created.State);
    }

    [Fact]
    public async Task The_demo_obstacles_survey_has_results_from_most_units_and_a_previous_quarter()
    {
        using var staff = await App.SignInAsync("survey-viewer", Roles.Viewer);
        var surveys = await TestApp.ReadAsync<List<SurveySummary>>(await staff.GetAsync("/api/v1/surveys", Ct));
        var q4 = surveys.Single(s => s.Series == DemoSurveys.Series && s.Quarter == "2023-Q4");

        var results = await TestApp.ReadAsync<SurveyResultsView>(await staff.GetAsync($"/api/v1/surveys/{q4.Id}/results", Ct));
        var notAnswered = await TestApp.ReadAsync<NonResponderList>(await staff.GetAsync($"/api/v1/surveys/{q4.Id}/not-answered", Ct));
        var page = await staff.GetStringAsync($"/surveys/{q4.Id}/results", Ct);
        var export = await staff.GetAsync($"/api/v1/surveys/{q4.Id}/results/export?format=pdf", Ct);

        Assert.Equal(DemoSurveys.NotAnsweredQ4.Order(StringComparer.Ordinal), notAnswered.All.Select(u => u.Code).Order(StringComparer.Ordinal));
        Assert.Equal(DemoSurveys.DraftOnlyQ4.Order(StringComparer.Ordinal), notAnswered.All.Where(u => u.Draft).Select(u => u.Code).Order(StringComparer.Ordinal));
        Assert.Equal(notAnswered.Asked - DemoSurveys.NotAnsweredQ4.Length, results.Responses);
        Assert.Equal("2023-Q3", results.PreviousQuarter);
        Assert.All(results.Questions.Single(q => q.Code == "obstacles").Options, o => Assert.NotNull(o.PreviousShare));
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Equal("application/pdf", export.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_demo_results_export_as_excel_and_csv_and_the_public_link_prints_as_a_qr_code_for_staff_only()
    {
        using var staff = await App.SignInAsync("survey-viewer", Roles.Viewer);
        using var focal = await FocalPointAsync("01");
        var surveys = await TestApp.ReadAsync<List<SurveySummary>>(await staff.GetAsync("/api/v1/surveys", Ct));
        var units = surveys.Single(s => s.Series == DemoSurveys.Series && s.Quarter == "2023-Q4").Id;
        var citizens = surveys.Single(s => s.Series == DemoSurveys.PublicSeries && s.Quarter == "2023-Q4").Id;

        var excel = await staff.GetAsync($"/api/v1/surveys/{units}/results/export?format=xlsx&table=region", Ct);
        var notAnswered = await staff.GetStringAsync($"/api/v1/surveys/{units}/not-answered/export?format=csv", Ct);
        var texts = await TestApp.ReadAsync<List<TextAnswer>>(await staff.GetAsync($"/api/v1/surveys/{units}/texts", Ct));
        var textsCsv = await staff.GetStringAsync($"/api/v1/surveys/{units}/texts/export?format=csv", Ct);
        var qr = await staff.GetAsync($"/api/v1/surveys/{citizens}/qr.svg", Ct);
        var qrForFocal = await focal.GetAsync($"/api/v1/surveys/{citizens}/qr.svg", Ct);
        var qrWithoutLink = await staff.GetAsync($"/api/v1/surveys/{units}/qr.svg", Ct);

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await excel.Content.ReadAsByteArrayAsync(Ct))[..2]);
        var rows = notAnswered.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DemoSurveys.NotAnsweredQ4.Length + 1, rows.Length);
        Assert.Equal(DemoSurveys.DraftOnlyQ4.Length, rows.Count(r => r.Contains("Đã lưu nháp, chưa gửi", StringComparison.Ordinal)));
        Assert.NotEmpty(texts);
        Assert.Contains(texts[0].Text.Split('\n')[0], textsCsv, StringComparison.Ordinal);
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await qr.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, qrForFocal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, qrWithoutLink.StatusCode);
    }

    [Fact]
    public async Task A_focal_point_saves_a_draft_then_sends_through_the_form_and_the_form_is_then_read_only()
    {
        var id = await OpenSurveyAsync(SurveyAudience.Units);
        using var focal = await FocalPointAsync("01");
        var page = $"/surveys/{id}/units/01";

        var draft = await TestApp.PostFormAsync(focal, page, new() { ["q.many"] = "b", ["draft"] = "1" });
        var afterDraft = await TestApp.ReadAsync<UnitSheet>(await focal.GetAsync(Answers(id, "01"), Ct));
        var refused = await TestApp.PostFormAsync(focal, page, new() { ["q.many"] = "b", ["send"] = "1" });
        var sent = await TestApp.PostFormAsync(focal, page, new() { ["q.one"] = "c", ["q.scale"] = "5", ["send"] = "1" });
        var html = await focal.GetStringAsync(page, Ct);
        var list = await focal.GetStringAsync("/surveys", Ct);

        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.False(afterDraft.Submitted);
        Assert.Equal(["b"], afterDraft.Answers["many"].Choices);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("role=\"alert\"", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("<fieldset id=\"question-one\" disabled=\"disabled\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Gửi câu trả lời", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/surveys/{id}/units/01\"", list, StringComparison.Ordinal);
    }

    private static Dictionary<string, Answer> Complete() => new() { ["one"] = new(["a"]), ["scale"] = new(Number: 3) };

    private static string Answers(int survey, string unit) => $"/api/v1/surveys/{survey}/units/{unit}/answers";

    private static SurveyInput Questionnaire(SurveyAudience audience)
    {
        var today = VietnamTime.DateOf(DateTimeOffset.UtcNow);
        return new SurveyInput($"test-{Guid.NewGuid():N}", "2030-Q1", "Khảo sát thử", "Test survey", audience, today.AddDays(-1), today.AddDays(30),
        [
            new("one", QuestionKind.SingleChoice, true, "Một", "One", Options: Options),
            new("many", QuestionKind.MultipleChoice, false, "Nhiều", "Many", Options: Options),
            new("scale", QuestionKind.Scale, true, "Mức", "Scale"),
            new("count", QuestionKind.Number, false, "Số", "Number"),
            new("note", QuestionKind.Text, false, "Ý kiến", "Note"),
        ]);
    }

    private async Task<int> OpenSurveyAsync(SurveyAudience audience)
    {
        using var admin = await App.SignInAsync("survey-admin", Roles.Admin);
        var created = await TestApp.ReadAsync<SurveyView>(await admin.PostAsJsonAsync("/api/v1/surveys", Questionnaire(audience), Json.Options, Ct));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/surveys/{created.Id}/open", null, Ct)).StatusCode);
        return created.Id;
    }

    private async Task<string> PublicKeyAsync(int id)
    {
        using var admin = await App.SignInAsync("survey-admin", Roles.Admin);
        var view = await TestApp.ReadAsync<SurveyView>(await admin.GetAsync($"/api/v1/surveys/{id}", Ct));
        return view.PublicLink!.Split('/')[^1];
    }

    private Task<HttpClient> FocalPointAsync(string unit) => App.SignInAsync($"survey-focal-{unit}", Roles.FocalPoint, unit);

    private async Task SendAsync(int id, string unit, Dictionary<string, Answer> answers)
    {
        using var client = await FocalPointAsync(unit);
        var response = await client.PostAsJsonAsync($"{Answers(id, unit)}/submit", new AnswersInput(answers), Json.Options, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class SurveyAnswersTestsOnSqlite(SurveysSqliteApp fixture) : SurveyAnswersTests<SurveysSqliteApp>(fixture);

public sealed class SurveyAnswersTestsOnPostgres(SurveysPostgresApp fixture) : SurveyAnswersTests<SurveysPostgresApp>(fixture);
