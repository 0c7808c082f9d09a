using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Registry;
using OpenDvc.Surveys.Answers;
using OpenDvc.Surveys.Questionnaire;

namespace OpenDvc.Surveys.Pages;

/// <summary>/surveys/{id}/units/{unit}: the unit's answer sheet. Its focal point saves a draft and sends it once; staff read it; other units get 403.</summary>
[Authorize(Policy = SurveysModule.ReadPolicy)]
public sealed class UnitAnswersPage(ResponseBook book, SurveyBook surveys) : PageModel
{
    public UnitSheet Sheet { get; private set; } = null!;

    public bool CanAnswer { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string unit, string? saved, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(User, unit))
        {
            return Forbid();
        }

        Saved = saved;
        return await LoadAsync(id, unit, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, string unit, string? send, CancellationToken ct)
    {
        if (!AnswersApi.MayAnswerFor(User, unit))
        {
            return Forbid();
        }

        if (await surveys.FindAsync(id, ct) is not { } survey)
        {
            return NotFound();
        }

        var submit = send is not null;
        var (violations, error) = await book.SaveUnitAsync(id, unit, AnswerSheet.FromForm(survey, Request.Form), submit, User.Identity?.Name ?? "?", ct);
        if (error is null && violations.Count == 0)
        {
            return Redirect($"/surveys/{id}/units/{Uri.EscapeDataString(unit)}?saved={(submit ? "sent" : "draft")}");
        }

        var vi = RegistryPages.IsVietnamese;
        Errors = error is not null ? [vi ? error.Vietnamese : error.English] : [.. violations.Select(v => vi ? v.Vietnamese : v.English)];
        await LoadAsync(id, unit, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, string unit, CancellationToken ct)
    {
        var (sheet, _) = await book.UnitSheetAsync(id, unit, ct);
        if (sheet is null)
        {
            return false;
        }

        Sheet = sheet;
        CanAnswer = AnswersApi.MayAnswerFor(User, unit) && sheet.TakesAnswers && !sheet.Submitted;
        return true;
    }
}
