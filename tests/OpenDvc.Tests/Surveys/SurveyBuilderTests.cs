using System.Net;
using System.Net.Http.Json;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Time;
using OpenDvc.Surveys;
using OpenDvc.Surveys.Questionnaire;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Surveys;

/// <summary>
/// The questionnaire builder pages (issue 16): an admin writes a draft through plain forms, rearranges questions
/// without saving, and opens and closes it after confirming; the pages refuse what the API refuses, with the same
/// codes, and only admins reach them.
/// </summary>
public abstract class SurveyBuilderTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_builds_a_questionnaire_through_the_form_and_the_api_reads_it_back()
    {
        using var admin = await App.SignInAsync("builder-admin", Roles.Admin);
        var series = Series();

        var created = await TestApp.PostFormAsync(admin, "/surveys/edit", Form(series));
        var page = TestApp.PathOf(created.Headers.Location)!;
        var survey = await SurveyAsync(admin, page);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Matches("^/surveys/edit/[0-9]+$", page);
        Assert.Equal((series, "2030-Q2", "Khảo sát qua trình lập", "Built in the builder", SurveyAudience.Units, SurveyState.Draft),
            (survey.Series, survey.Quarter, survey.TitleVi, survey.TitleEn, survey.Audience, survey.State));
        Assert.Equal(["q1", "level", "email"], survey.Questions.Select(q => q.Code));
        Assert.Equal([QuestionKind.MultipleChoice, QuestionKind.Scale, QuestionKind.Text], survey.Questions.Select(q => q.Kind));
        Assert.Equal([true, false, false], survey.Questions.Select(q => q.Required));
        Assert.Equal(["1", "giay"], survey.Questions[0].Options!.Select(o => o.Code));
        Assert.Equal(["Thiếu kết nối", "Quy định giấy tờ"], survey.Questions[0].Options!.Select(o => o.TextVi));
        Assert.Null(survey.Questions[1].Options);
        Assert.Equal("Để trả lời khi cần làm rõ ý kiến.", survey.Questions[2].PersonalDataPurpose);
    }

    [Fact]
    public async Task Adding_removing_and_moving_questions_redraw_the_form_and_only_saving_changes_the_draft()
    {
        using var admin = await App.SignInAsync("builder-admin", Roles.Admin);
        var page = TestApp.PathOf((await TestApp.PostFormAsync(admin, "/surveys/edit", Form(Series()))).Headers.Location)!;

        var added = await TestApp.PostFormAsync(admin, page, Edit(Form(Series()), "add"));
        var moved = await TestApp.PostFormAsync(admin, page, Edit(Form(Series()), "down-0"));
        var unsaved = await SurveyAsync(admin, page);
        var fields = Form(Series());
        foreach (var third in fields.Keys.Where(k => k.StartsWith("Questions[2]", StringComparison.Ordinal)).ToList())
        {
            fields.Remove(third);
        }

        (fields["Questions[0].Kind"], fields["Questions[1].Kind"]) = ("Scale", "MultipleChoice");
        (fields["Questions[0].Code"], fields["Questions[1].Code"]) = ("level", "why");
        foreach (var option in fields.Keys.Where(k => k.StartsWith("Questions[0].Options", StringComparison.Ordinal)).ToList())
        {
            fields[option.Replace("Questions[0]", "Questions[1]", StringComparison.Ordinal)] = fields[option];
            fields.Remove(option);
        }

        (fields["Questions[0].TextVi"], fields["Questions[1].TextVi"]) = ("Mức độ thuận tiện", "Vướng mắc");
        var saved = await TestApp.PostFormAsync(admin, page, fields);
        var after = await SurveyAsync(admin, page);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var addedHtml = await added.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"question-4\"", addedHtml, StringComparison.Ordinal);
        var movedHtml = await moved.Content.ReadAsStringAsync(Ct);
        Assert.True(movedHtml.IndexOf("value=\"level\"", StringComparison.Ordinal) < movedHtml.IndexOf("Thiếu kết nối", StringComparison.Ordinal),
            "the scale question is drawn first once moved");
        Assert.Equal(["q1", "level", "email"], unsaved.Questions.Select(q => q.Code));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["level", "why"], after.Questions.Select(q => q.Code));
        Assert.Equal(["Mức độ thuận tiện", "Vướng mắc"], after.Questions.Select(q => q.TextVi));
        Assert.Equal(["1", "giay"], after.Questions[1].Options!.Select(o => o.Code));
    }

    [Fact]
    public async Task An_invalid_questionnaire_is_refused_with_the_apis_codes_and_nothing_is_saved()
    {
        using var admin = await App.SignInAsync("builder-admin", Roles.Admin);
        var series = Series();
        var untitled = Form(series);
        untitled["TitleEn"] = "";
        var wrong = Form(series);
        wrong.Remove("Questions[0].Options[1].TextVi");
        wrong.Remove("Questions[0].Options[1].TextEn");
        wrong.Remove("Questions[0].Options[1].Code");
        wrong["Questions[2].Code"] = "level";
        (wrong["OpensOn"], wrong["ClosesOn"]) = ("2030-04-30", "2030-04-01");

        var refusedTitle = await TestApp.PostFormAsync(admin, "/surveys/edit", untitled);
        var refusedRules = await TestApp.PostFormAsync(admin, "/surveys/edit?culture=en-GB", wrong, "/surveys/edit");
        var withoutPeriod = await admin.PostAsJsonAsync("/api/v1/surveys", new { series, quarter = "2030-Q2", titleVi = "Không có thời gian", titleEn = "No period", audience = 1 }, Json.Options, Ct);
        var list = await TestApp.ReadAsync<List<SurveySummary>>(await admin.GetAsync("/api/v1/surveys", Ct));

        Assert.Equal(HttpStatusCode.OK, refusedTitle.StatusCode);
        var titleHtml = await refusedTitle.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<code>OD-SURVEY-FIELD</code> Tiêu đề tiếng Anh: thiếu, quá dài hoặc sai dạng.", titleHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Khảo sát qua trình lập\"", titleHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refusedRules.StatusCode);
        var rulesHtml = await refusedRules.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<code>OD-SURVEY-PERIOD</code> The last day must not come before the first.", rulesHtml, StringComparison.Ordinal);
        Assert.Contains("<code>OD-SURVEY-DUPLICATE-CODE</code> Question code &#x27;level&#x27; is used twice.", rulesHtml, StringComparison.Ordinal);
        Assert.Contains("<code>OD-SURVEY-OPTIONS</code> Question &#x27;q1&#x27; needs at least two options", rulesHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutPeriod.StatusCode);
        Assert.Contains("OD-SURVEY-PERIOD", await withoutPeriod.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(list, s => s.Series == series);
    }

    [Fact]
    public async Task An_admin_opens_and_closes_a_survey_after_confirming_and_its_questionnaire_is_then_fixed()
    {
        using var admin = await App.SignInAsync("builder-admin", Roles.Admin);
        var page = TestApp.PathOf((await TestApp.PostFormAsync(admin, "/surveys/edit", Form(Series()))).Headers.Location)!;
        var id = page.Split('/')[^1];
        var empty = Form(Series());
        foreach (var question in empty.Keys.Where(k => k.StartsWith("Questions", StringComparison.Ordinal)).ToList())
        {
            empty.Remove(question);
        }

        var emptyPage = TestApp.PathOf((await TestApp.PostFormAsync(admin, "/surveys/edit", empty)).Headers.Location)!;

        var confirmation = await admin.GetStringAsync($"/surveys/{id}/open", Ct);
        var stillDraft = await SurveyAsync(admin, page);
        var opened = await TestApp.PostFormAsync(admin, $"/surveys/{id}/open", []);
        var openedState = (await SurveyAsync(admin, page)).State;
        var fixedPage = await admin.GetStringAsync(page, Ct);
        var edited = await TestApp.PostFormAsync(admin, page, Form(Series()), $"/surveys/{id}/open");
        var closed = await TestApp.PostFormAsync(admin, $"/surveys/{id}/close", []);
        var closedState = (await SurveyAsync(admin, page)).State;
        var openEmpty = await TestApp.PostFormAsync(admin, $"/surveys/{emptyPage.Split('/')[^1]}/open", []);

        Assert.Contains("Mở «Khảo sát qua trình lập» để nhận trả lời từ 01/04/2030 đến 30/04/2030?", confirmation, StringComparison.Ordinal);
        Assert.Equal(SurveyState.Draft, stillDraft.State);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/surveys/edit/{id}?saved=Open", opened.Headers.Location?.OriginalString);
        Assert.Equal(SurveyState.Open, openedState);
        Assert.Contains("bảng hỏi không sửa được nữa", fixedPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/surveys/{id}/close\"", fixedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Contains("OD-SURVEY-NOT-DRAFT", await edited.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(SurveyState.Closed, closedState);
        Assert.Equal(HttpStatusCode.OK, openEmpty.StatusCode);
        Assert.Contains("<code>OD-SURVEY-NO-QUESTIONS</code>", await openEmpty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_reach_the_builder_and_the_list_links_to_it_for_them()
    {
        using var admin = await App.SignInAsync("builder-admin", Roles.Admin);
        using var viewer = await App.SignInAsync("builder-viewer", Roles.Viewer);
        using var focal = await App.SignInAsync("builder-focal-01", Roles.FocalPoint, "01");
        var page = TestApp.PathOf((await TestApp.PostFormAsync(admin, "/surveys/edit", Form(Series()))).Headers.Location)!;
        var id = page.Split('/')[^1];

        var adminList = await admin.GetStringAsync("/surveys", Ct);
        var viewerList = await viewer.GetStringAsync("/surveys", Ct);
        var refused = new List<HttpResponseMessage>();
        foreach (var client in new[] { viewer, focal })
        {
            refused.Add(await client.GetAsync("/surveys/edit", Ct));
            refused.Add(await client.GetAsync(page, Ct));
            refused.Add(await client.GetAsync($"/surveys/{id}/open", Ct));
            refused.Add(await client.PostAsync($"/surveys/{id}/open", new FormUrlEncodedContent([]), Ct));
        }

        Assert.Contains("href=\"/surveys/edit\"", adminList, StringComparison.Ordinal);
        Assert.Contains($"href=\"/surveys/{id}/open\"", adminList, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/surveys/edit", viewerList, StringComparison.Ordinal);
        Assert.All(refused, r => Assert.True(UnitScopeAssertions.IsForbidden(r), $"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri}: {(int)r.StatusCode}"));
        Assert.Equal(SurveyState.Draft, (await SurveyAsync(admin, page)).State);
    }

    private static string Series() => $"builder-{Guid.NewGuid():N}"[..24];

    /// <summary>The form as a browser posts it: a multiple choice with its code left blank and a spare option row, a scale, a text asking for an e-mail.</summary>
    private static Dictionary<string, string> Form(string series) => new()
    {
        ["Series"] = series, ["Quarter"] = "2030-Q2", ["TitleVi"] = "Khảo sát qua trình lập", ["TitleEn"] = "Built in the builder",
        ["Audience"] = "Units", ["OpensOn"] = "2030-04-01", ["ClosesOn"] = "2030-04-30",
        ["Questions[0].Code"] = "", ["Questions[0].Kind"] = "MultipleChoice", ["Questions[0].Required"] = "true",
        ["Questions[0].TextVi"] = "Vướng mắc chính?", ["Questions[0].TextEn"] = "Main obstacles?",
        ["Questions[0].Options[0].Code"] = "", ["Questions[0].Options[0].TextVi"] = "Thiếu kết nối", ["Questions[0].Options[0].TextEn"] = "No data links",
        ["Questions[0].Options[1].Code"] = "giay", ["Questions[0].Options[1].TextVi"] = "Quy định giấy tờ", ["Questions[0].Options[1].TextEn"] = "Paper rules",
        ["Questions[0].Options[2].Code"] = "", ["Questions[0].Options[2].TextVi"] = "", ["Questions[0].Options[2].TextEn"] = "",
        ["Questions[1].Code"] = "level", ["Questions[1].Kind"] = "Scale", ["Questions[1].TextVi"] = "Mức độ", ["Questions[1].TextEn"] = "Level",
        ["Questions[1].Options[0].Code"] = "", ["Questions[1].Options[0].TextVi"] = "", ["Questions[1].Options[0].TextEn"] = "",
        ["Questions[2].Code"] = "email", ["Questions[2].Kind"] = "Text", ["Questions[2].TextVi"] = "Thư điện tử", ["Questions[2].TextEn"] = "E-mail",
        ["Questions[2].PersonalDataPurpose"] = "Để trả lời khi cần làm rõ ý kiến.",
    };

    private static Dictionary<string, string> Edit(Dictionary<string, string> fields, string edit)
    {
        fields["edit"] = edit;
        return fields;
    }

    private static async Task<SurveyView> SurveyAsync(HttpClient admin, string page) =>
        await TestApp.ReadAsync<SurveyView>(await admin.GetAsync($"/api/v1/surveys/{page.Split('/')[^1].Split('?')[0]}", Ct));
}

public sealed class SurveyBuilderTestsOnSqlite(SqliteApp fixture) : SurveyBuilderTests<SqliteApp>(fixture);

public sealed class SurveyBuilderTestsOnPostgres(PostgresApp fixture) : SurveyBuilderTests<PostgresApp>(fixture);
