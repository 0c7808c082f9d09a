using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;
using OpenDvc.Surveys.Questionnaire;

namespace OpenDvc.Surveys.Pages;

/// <summary>
/// /surveys/{id}/open and /surveys/{id}/close: the admin confirms before a survey opens (its questionnaire is then
/// fixed) or closes (no more answers). The change goes through <see cref="SurveyBook.SetStateAsync"/>, as the API's does.
/// </summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class SurveyStatePage(SurveyBook book) : PageModel
{
    public Survey Survey { get; private set; } = null!;

    /// <summary><c>open</c> or <c>close</c>, as in the address.</summary>
    public string Change { get; private set; } = "";

    public RuleViolation? Refusal { get; private set; }

    public SurveyState Target => Change == "open" ? SurveyState.Open : SurveyState.Closed;

    public async Task<IActionResult> OnGetAsync(int id, string change, CancellationToken ct) =>
        await LoadAsync(id, change, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, string change, CancellationToken ct)
    {
        if (!await LoadAsync(id, change, ct))
        {
            return NotFound();
        }

        if (await book.SetStateAsync(id, Target, ct) is { } error)
        {
            Refusal = new("state", error.Code, error.Vietnamese, error.English);
            return Page();
        }

        return Redirect($"/surveys/edit/{id}?saved={Target}");
    }

    private async Task<bool> LoadAsync(int id, string change, CancellationToken ct)
    {
        Change = change;
        Survey = (await book.FindAsync(id, ct))!;
        return Survey is not null;
    }
}
