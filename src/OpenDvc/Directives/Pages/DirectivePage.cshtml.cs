using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Accounts;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Files;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;

namespace OpenDvc.Directives.Pages;

/// <summary>
/// /directives/{id}: a directive and its deliverables (public once published). A focal point finds its own
/// submission here, staff the compliance lists; admins add deliverables and attach the signed letter.
/// </summary>
public sealed class DirectivePage(OpenDvcDbContext db, FileStore files, IOptions<DirectivesOptions> options, RecurringDeliverables recurring, Compliance.AnswerSources sources) : PageModel
{
    public DirectiveView Directive { get; private set; } = null!;

    public string? OwnUnit { get; private set; }

    public bool IsStaff { get; private set; }

    public bool IsAdmin { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    [BindProperty]
    public DeliverableForm NewDeliverable { get; set; } = new();

    [BindProperty]
    public SeriesForm NewSeries { get; set; } = new();

    /// <summary>The targets the letter requires of the units' plans (issue 18).</summary>
    public IReadOnlyList<LetterTargetInput> Targets { get; private set; } = [];

    /// <summary>The admin's form: one row per indicator; a row without a percentage is not required.</summary>
    [BindProperty]
    public List<TargetRow> TargetRows { get; set; } = [];

    public async Task<IActionResult> OnPostTargetsAsync(int id, CancellationToken ct)
    {
        if (!User.IsInRole(Accounts.Users.Roles.Admin))
        {
            return Forbid();
        }

        var rows = TargetRows.Where(r => r.TargetPercent is not null).ToList();
        var violations = rows.Any(r => r.ByDate is null)
            ? [new RuleViolation("targets", Refusal.Of(DirectiveCodes.LetterTargetDate))]
            : await LetterTargets.SaveAsync(db, id, rows.Select(r => new LetterTargetInput(r.Indicator, r.TargetPercent!.Value, r.ByDate!.Value)).ToList(), ct) ?? [];
        if (violations.Count == 0)
        {
            return Redirect($"/directives/{id}");
        }

        Errors = violations.Select(RegistryPages.Message).ToList();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public sealed class TargetRow
    {
        public PlanIndicator Indicator { get; set; }

        public decimal? TargetPercent { get; set; }

        public DateOnly? ByDate { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDeliverableAsync(int id, CancellationToken ct)
    {
        if (!User.IsInRole(Accounts.Users.Roles.Admin))
        {
            return Forbid();
        }

        var input = new DeliverableInput(NewDeliverable.Kind, NewDeliverable.Title ?? "", NewDeliverable.DueDate ?? default, NewDeliverable.Instructions, NewDeliverable.ReportMonth,
            NewDeliverable.Scope, Codes(NewDeliverable.ScopeUnits), NewDeliverable.Campaign, NewDeliverable.Survey);
        var violations = NewDeliverable.DueDate is null || string.IsNullOrWhiteSpace(NewDeliverable.Title)
            ? [new RuleViolation("title", Refusal.Of(DirectiveCodes.DeliverableRequired))]
            : (await DirectiveBook.SaveDeliverableAsync(db, sources, id, null, input, ct)).Violations;
        if (violations.Count == 0)
        {
            return Redirect($"/directives/{id}");
        }

        Errors = violations.Select(RegistryPages.Message).ToList();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSeriesAsync(int id, CancellationToken ct)
    {
        if (!User.IsInRole(Accounts.Users.Roles.Admin))
        {
            return Forbid();
        }

        var input = new DeliverableSeriesInput(NewSeries.Kind, NewSeries.Title ?? "", NewSeries.Frequency, NewSeries.DueDay, NewSeries.FirstPeriod ?? default, NewSeries.LastPeriod,
            null, NewSeries.Scope, Codes(NewSeries.ScopeUnits));
        var violations = NewSeries.FirstPeriod is null || string.IsNullOrWhiteSpace(NewSeries.Title)
            ? [new RuleViolation("title", Refusal.Of(DirectiveCodes.DeliverableRequired).Saying("Page"))]
            : (await recurring.AddAsync(id, input, ct)).Violations;
        if (violations.Count == 0)
        {
            return Redirect($"/directives/{id}");
        }

        Errors = violations.Select(RegistryPages.Message).ToList();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private static string[] Codes(string? text) => (text ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async Task<IActionResult> OnPostLetterAsync(int id, IFormFile? letter, CancellationToken ct)
    {
        if (!User.IsInRole(Accounts.Users.Roles.Admin))
        {
            return Forbid();
        }

        var directive = await db.Set<Directive>().FindAsync([id], ct);
        if (directive is null)
        {
            return NotFound();
        }

        var (stored, rejection) = letter is null ? Refusal.Of(PlatformCodes.FileNotPdf) : await files.AddAsync(letter, options.Value.MaxFileBytes, pdfOnly: true, ct);
        var error = rejection is null ? null : rejection;
        if (error is null)
        {
            await db.SaveChangesAsync(ct);
            directive.LetterFileId = stored!.Id;
            await db.SaveChangesAsync(ct);
            return Redirect($"/directives/{id}");
        }

        Errors = [RegistryPages.IsVietnamese ? error.Vietnamese : error.English];
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        IsStaff = UnitAccess.IsStaff(User);
        IsAdmin = User.IsInRole(Accounts.Users.Roles.Admin);
        OwnUnit = UnitAccess.UnitOf(User);
        await recurring.CreateStartedPeriodsAsync(ct);
        var directive = await DirectiveBook.GetAsync(db, id, IsStaff, ct);
        Targets = (await db.Set<LetterTarget>().AsNoTracking().Where(t => t.DirectiveId == id).OrderBy(t => t.Indicator).ToListAsync(ct)).Select(LetterTargetInput.From).ToList();
        if (directive is null)
        {
            return false;
        }

        Directive = directive;
        return true;
    }

    public sealed class DeliverableForm
    {
        public DeliverableKind Kind { get; set; } = DeliverableKind.Document;

        public string? Title { get; set; }

        public DateOnly? DueDate { get; set; }

        public string? Instructions { get; set; }

        public DateOnly? ReportMonth { get; set; }

        public DeliverableScope Scope { get; set; }

        public string? ScopeUnits { get; set; }

        /// <summary>For kind AwardNominations: the award campaign's number.</summary>
        public int? Campaign { get; set; }

        /// <summary>For kind SurveyAnswers: the survey's number.</summary>
        public int? Survey { get; set; }
    }

    public sealed class SeriesForm
    {
        public DeliverableKind Kind { get; set; } = DeliverableKind.MonthlyReport;

        public string? Title { get; set; }

        public SeriesFrequency Frequency { get; set; } = SeriesFrequency.Monthly;

        public int DueDay { get; set; } = 5;

        public DateOnly? FirstPeriod { get; set; }

        public DateOnly? LastPeriod { get; set; }

        public DeliverableScope Scope { get; set; }

        public string? ScopeUnits { get; set; }
    }
}
