using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Accounts;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Web;
using OpenDvc.Registry;
using OpenDvc.Surveys.Questionnaire;

namespace OpenDvc.Surveys.Answers;

/// <summary>A unit's answers as its focal point sends them: question code → answer.</summary>
public sealed record AnswersInput(Dictionary<string, Answer>? Answers);

/// <summary>A member of the public's answers, with the token the survey link gave.</summary>
public sealed record PublicAnswersInput(string? Token, Dictionary<string, Answer>? Answers);

/// <summary>A public survey's questionnaire and a fresh token to answer it once.</summary>
public sealed record PublicQuestionnaire(SurveyView Survey, string Token);

/// <summary>
/// Answers. A unit's sheet is read by the unit's focal point and staff, and written only by the unit's own focal point
/// (a draft, then sent once); the public answers through the survey's link, one answer per token, rate-limited per address.
/// </summary>
public static class AnswersApi
{
    public static void MapAnswersApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/v1/surveys/{id:int}/units/{unit}/answers").WithTags("Surveys").RequireAuthorization(SurveysModule.ReadPolicy);
        unit.MapGet("", GetUnitAnswers).WithName(nameof(GetUnitAnswers)).WithSummary("A unit's answer sheet: draft or sent (own unit or staff).");
        var edit = unit.MapGroup("").RequireAuthorization(AccountsModule.EditPolicy);
        edit.MapPut("", SaveUnitAnswers).WithName(nameof(SaveUnitAnswers)).WithSummary("Save the unit's draft answers (the unit's focal point).");
        edit.MapPost("/submit", SubmitUnitAnswers).WithName(nameof(SubmitUnitAnswers)).WithSummary("Send the unit's answers, once; required questions answered (the unit's focal point).");

        app.MapGet("/api/v1/units/{unit}/surveys", ListUnitSurveys).WithTags("Surveys").RequireAuthorization()
            .WithName(nameof(ListUnitSurveys)).WithSummary("The surveys sent to a unit and where its answers stand: past answers too (own unit or staff).");

        var open = app.MapGroup("/api/v1/surveys/public/{key}").WithTags("Surveys").AllowAnonymous();
        open.MapGet("", GetPublicQuestionnaire).WithName(nameof(GetPublicQuestionnaire)).WithSummary("A public survey's questionnaire and a one-answer token (anyone with the link).");
        open.MapPost("/answers", AnswerPublicSurvey).WithName(nameof(AnswerPublicSurvey))
            .WithSummary("Answer a public survey with the token: once per token, a limited number per client address.");
    }

    public static async Task<Results<Ok<UnitSheet>, ProblemHttpResult>> GetUnitAnswers(int id, string unit, ClaimsPrincipal user, ResponseBook book, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        var (sheet, error) = await book.UnitSheetAsync(id, unit, ct);
        return sheet is not null ? TypedResults.Ok(sheet) : error!.ToProblem();
    }

    public static Task<Results<NoContent, ProblemHttpResult>> SaveUnitAnswers(int id, string unit, AnswersInput input, ClaimsPrincipal user, ResponseBook book, CancellationToken ct) =>
        SaveAsync(id, unit, input, submit: false, user, book, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> SubmitUnitAnswers(int id, string unit, AnswersInput input, ClaimsPrincipal user, ResponseBook book, CancellationToken ct) =>
        SaveAsync(id, unit, input, submit: true, user, book, ct);

    /// <summary>The unit's voice: its own focal point answers for it, not an admin nor another unit.</summary>
    public static bool MayAnswerFor(ClaimsPrincipal user, string unit) =>
        user.IsInRole(Roles.FocalPoint) && string.Equals(UnitAccess.UnitOf(user), unit, StringComparison.Ordinal);

    public static async Task<Results<Ok<IReadOnlyList<UnitSurveyView>>, ProblemHttpResult>> ListUnitSurveys(string unit, ClaimsPrincipal user, ResponseBook book, CancellationToken ct) =>
        UnitAccess.CanRead(user, unit) ? TypedResults.Ok(await book.ListForUnitAsync(unit, ct)) : Problems.Forbidden();

    public static async Task<Results<Ok<PublicQuestionnaire>, ProblemHttpResult>> GetPublicQuestionnaire(string key, SurveyBook surveys, PublicTokens tokens, CancellationToken ct) =>
        await surveys.FindPublicAsync(key, ct) is { State: not SurveyState.Draft } survey
            ? TypedResults.Ok(new PublicQuestionnaire(SurveyView.Of(survey, withPublicLink: false), tokens.Issue(survey.Id)))
            : SurveyRefusals.Unknown.ToProblem();

    public static async Task<Results<NoContent, ProblemHttpResult>> AnswerPublicSurvey(
        string key, PublicAnswersInput input, HttpContext http, SurveyBook surveys, PublicTokens tokens, PublicAnswerLimits limits, ResponseBook book, CancellationToken ct)
    {
        if (await surveys.FindPublicAsync(key, ct) is not { State: not SurveyState.Draft } survey)
        {
            return SurveyRefusals.Unknown.ToProblem();
        }

        var (error, violations) = await AnswerPublicAsync(survey, input.Token, input.Answers ?? [], http, tokens, limits, book, ct);
        return error is not null ? error : violations.Count > 0 ? SurveysProblems.Invalid(violations) : TypedResults.NoContent();
    }

    /// <summary>The public answer's checks in order, shared by the API and the page: the address's limit, the token, then the answers.</summary>
    public static async Task<(ProblemHttpResult? Error, IReadOnlyList<RuleViolation> Violations)> AnswerPublicAsync(
        Survey survey, string? token, IReadOnlyDictionary<string, Answer> answers, HttpContext http, PublicTokens tokens, PublicAnswerLimits limits, ResponseBook book, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(http);
        if (!limits.TryTake(http, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (SurveysProblems.TooManyAnswers(), []);
        }

        var (violations, error) = tokens.HashOf(survey.Id, token) is { } hash
            ? await book.AnswerPublicAsync(survey, hash, answers, ct)
            : ([], SurveyRefusals.TokenInvalid);
        if (error is not null || violations.Count > 0)
        {
            limits.GiveBack(http);
        }

        return (error is null ? null : error.ToProblem(), violations);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SaveAsync(int id, string unit, AnswersInput input, bool submit, ClaimsPrincipal user, ResponseBook book, CancellationToken ct)
    {
        if (!MayAnswerFor(user, unit))
        {
            return Problems.Forbidden();
        }

        var (violations, error) = await book.SaveUnitAsync(id, unit, input.Answers ?? [], submit, user.Identity?.Name ?? "?", ct);
        return error is not null ? error.ToProblem() : violations.Count > 0 ? SurveysProblems.Invalid(violations) : TypedResults.NoContent();
    }
}
