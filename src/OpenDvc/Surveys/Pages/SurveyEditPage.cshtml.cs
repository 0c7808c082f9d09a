using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Platform.Time;
using OpenDvc.Registry;
using OpenDvc.Surveys.Questionnaire;

namespace OpenDvc.Surveys.Pages;

/// <summary>
/// /surveys/edit/{id?}: the questionnaire builder. An admin writes a draft's round and questions; adding, removing and
/// moving questions are form buttons that redraw the page unsaved, so it works without JavaScript. Saving goes through
/// <see cref="SurveyBook.SaveAsync"/>, as the API's POST and PUT do. An opened survey shows read-only.
/// </summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class SurveyEditPage(SurveyBook book, TimeProvider time) : PageModel
{
    /// <summary>Blank option rows offered under each question; blank rows are dropped.</summary>
    public const int BlankOptionRows = 2;

    [BindProperty]
    public string? Series { get; set; }

    [BindProperty]
    public string? Quarter { get; set; }

    [BindProperty]
    public string? TitleVi { get; set; }

    [BindProperty]
    public string? TitleEn { get; set; }

    [BindProperty]
    public SurveyAudience Audience { get; set; } = SurveyAudience.Units;

    [BindProperty]
    public DateOnly? OpensOn { get; set; }

    [BindProperty]
    public DateOnly? ClosesOn { get; set; }

    [BindProperty]
    public List<QuestionForm> Questions { get; set; } = [];

    public int? Id { get; private set; }

    public SurveyState State { get; private set; } = SurveyState.Draft;

    public IReadOnlyList<RuleViolation> Violations { get; private set; } = [];

    public string? Saved { get; private set; }

    public bool IsDraft => State == SurveyState.Draft;

    public async Task<IActionResult> OnGetAsync(int? id, string? saved, CancellationToken ct)
    {
        (Id, Saved) = (id, saved);
        if (id is null)
        {
            var today = VietnamTime.DateOf(time.GetUtcNow());
            (Quarter, OpensOn, ClosesOn) = (Portal.Quarter.Of(today).ToString(), today, today.AddDays(30));
            Questions = [new()];
            return WithBlankRows();
        }

        if (await book.FindAsync(id.Value, ct) is not { } survey)
        {
            return NotFound();
        }

        var view = SurveyView.Of(survey, withPublicLink: true);
        (Series, Quarter, TitleVi, TitleEn, Audience, OpensOn, ClosesOn, State) =
            (view.Series, view.Quarter, view.TitleVi, view.TitleEn, view.Audience, view.OpensOn, view.ClosesOn, view.State);
        Questions = [.. view.Questions.Select(QuestionForm.Of)];
        return WithBlankRows();
    }

    /// <summary>
    /// One handler for every button: <paramref name="edit"/> names an unsaved change (<c>add</c>, <c>remove-2</c>,
    /// <c>up-2</c>, <c>down-2</c>, <c>options-2</c>); without it, the draft is saved.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(int? id, string? edit, CancellationToken ct)
    {
        Id = id;
        Questions.ForEach(q => q.Options.RemoveAll(o => o.IsBlank));
        if (edit is not null)
        {
            Rearrange(edit);
            ModelState.Clear(); // the fields are redrawn from the rearranged list, not from what was posted
            return WithBlankRows();
        }

        var (saved, violations, error) = await book.SaveAsync(id, ToInput(), ct);
        if (saved is { } savedId)
        {
            return Redirect($"/surveys/edit/{savedId}?saved=draft");
        }

        Violations = error is not null ? [new("survey", error.Code, error.Vietnamese, error.English)] : violations;
        if (error == SurveyRefusals.NotDraft && id is not null && await book.FindAsync(id.Value, ct) is { } survey)
        {
            State = survey.State;
        }

        ModelState.Clear();
        return WithBlankRows();
    }

    public static string Message(RuleViolation violation) => RegistryPages.IsVietnamese ? violation.Vietnamese : violation.English;

    /// <summary>The form as the API's body: blank codes take one from the position, so a first draft needs none typed.</summary>
    private SurveyInput ToInput() => new(
        Series?.Trim() ?? "", Quarter?.Trim() ?? "", TitleVi ?? "", TitleEn ?? "", Audience,
        OpensOn ?? default, ClosesOn ?? default,
        [.. Questions.Select((q, i) => new QuestionInput(
            Code(q.Code, $"q{i + 1}"), q.Kind, q.Required, q.TextVi ?? "", q.TextEn ?? "", q.PersonalDataPurpose,
            q.Options.Count == 0 ? null : [.. q.Options.Select((o, j) => new OptionInput(Code(o.Code, $"{j + 1}"), o.TextVi ?? "", o.TextEn ?? ""))]))]);

    private static string Code(string? typed, string fallback) => string.IsNullOrWhiteSpace(typed) ? fallback : typed.Trim();

    private void Rearrange(string edit)
    {
        if (edit == "add")
        {
            Questions.Add(new());
            return;
        }

        var dash = edit.LastIndexOf('-');
        if (dash < 0 || !int.TryParse(edit.AsSpan(dash + 1), out var i) || i < 0 || i >= Questions.Count)
        {
            return;
        }

        var other = edit[..dash] switch { "up" => i - 1, "down" => i + 1, _ => -1 };
        if (edit.StartsWith("remove-", StringComparison.Ordinal))
        {
            Questions.RemoveAt(i);
        }
        else if (other >= 0 && other < Questions.Count)
        {
            (Questions[i], Questions[other]) = (Questions[other], Questions[i]);
        }
    }

    private PageResult WithBlankRows()
    {
        if (IsDraft)
        {
            Questions.ForEach(q => q.Options.AddRange(Enumerable.Range(0, BlankOptionRows).Select(_ => new OptionForm())));
        }

        return Page();
    }
}

/// <summary>A question as the builder's form posts it (<c>Questions[i].…</c>).</summary>
public sealed class QuestionForm
{
    public string? Code { get; set; }

    public QuestionKind Kind { get; set; } = QuestionKind.SingleChoice;

    public bool Required { get; set; }

    public string? TextVi { get; set; }

    public string? TextEn { get; set; }

    public string? PersonalDataPurpose { get; set; }

    public List<OptionForm> Options { get; set; } = [];

    public static QuestionForm Of(QuestionInput q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new()
        {
            Code = q.Code, Kind = q.Kind, Required = q.Required, TextVi = q.TextVi, TextEn = q.TextEn, PersonalDataPurpose = q.PersonalDataPurpose,
            Options = [.. (q.Options ?? []).Select(o => new OptionForm { Code = o.Code, TextVi = o.TextVi, TextEn = o.TextEn })],
        };
    }
}

/// <summary>An option row (<c>Questions[i].Options[j].…</c>).</summary>
public sealed class OptionForm
{
    public string? Code { get; set; }

    public string? TextVi { get; set; }

    public string? TextEn { get; set; }

    /// <summary>A row left empty: one of the spare rows the form offers.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(TextVi) && string.IsNullOrWhiteSpace(TextEn);
}
