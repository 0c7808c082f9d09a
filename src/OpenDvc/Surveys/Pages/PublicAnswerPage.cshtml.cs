using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Registry;
using OpenDvc.Surveys.Answers;
using OpenDvc.Surveys.Questionnaire;

namespace OpenDvc.Surveys.Pages;

/// <summary>
/// /surveys/answer/{key}: the public answers here, without signing in. The first visit leaves a one-answer token in
/// a cookie for this link only; answering uses it up. Nothing about the visitor is stored but the token's hash.
/// </summary>
public sealed class PublicAnswerPage(SurveyBook surveys, PublicTokens tokens, PublicAnswerLimits limits, ResponseBook book, TimeProvider time) : PageModel
{
    public SurveyView Survey { get; private set; } = null!;

    public bool TakesAnswers { get; private set; }

    public bool Thanks { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IReadOnlyDictionary<string, Answer> Answers { get; private set; } = new Dictionary<string, Answer>();

    public async Task<IActionResult> OnGetAsync(string key, bool? thanks, CancellationToken ct)
    {
        if (await FindAsync(key, ct) is not { } survey)
        {
            return NotFound();
        }

        Thanks = thanks == true;
        if (!Request.Cookies.ContainsKey(CookieName(key)) && TakesAnswers)
        {
            Response.Cookies.Append(CookieName(key), tokens.Issue(survey.Id), new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, Path = $"/surveys/answer/{key}", MaxAge = TimeSpan.FromDays(30),
            });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        if (await FindAsync(key, ct) is not { } survey)
        {
            return NotFound();
        }

        var answers = AnswerSheet.FromForm(survey, Request.Form);
        var (error, violations) = await AnswersApi.AnswerPublicAsync(survey, Request.Cookies[CookieName(key)], answers, HttpContext, tokens, limits, book, ct);
        if (error is null && violations.Count == 0)
        {
            return Redirect($"/surveys/answer/{key}?thanks=true");
        }

        var vi = RegistryPages.IsVietnamese;
        Errors = error is not null ? [(vi ? error.ProblemDetails.Extensions["message_vi"] : error.ProblemDetails.Extensions["message_en"])?.ToString() ?? ""] : [.. violations.Select(v => vi ? v.Vietnamese : v.English)];
        Answers = answers;
        Response.StatusCode = error?.StatusCode ?? StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static string CookieName(string key) => PublicTokens.CookiePrefix + key[..Math.Min(key.Length, 8)];

    private async Task<Survey?> FindAsync(string key, CancellationToken ct)
    {
        if (await surveys.FindPublicAsync(key, ct) is not { State: not SurveyState.Draft } survey)
        {
            return null;
        }

        Survey = SurveyView.Of(survey, withPublicLink: false);
        TakesAnswers = survey.TakesAnswersOn(Platform.Time.VietnamTime.DateOf(time.GetUtcNow()));
        return survey;
    }
}
