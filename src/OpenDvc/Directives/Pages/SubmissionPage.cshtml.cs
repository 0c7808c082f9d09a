using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Directives.Catalog;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;

namespace OpenDvc.Directives.Pages;

/// <summary>
/// /submissions/{deliverable}/{unit}: one unit's submission. Its focal point (or an admin) edits the draft (the
/// form of the deliverable's kind, or the catalog as an Excel/CSV upload) and submits; an admin accepts or returns
/// it with a comment and grants extensions; staff read it. Everyone else, including other units, gets 403.
/// </summary>
[Authorize]
public sealed class SubmissionPage(SubmissionWorkflow workflow, ProcedureCatalogSubmission catalog, MonthlyReportComparison comparison, PlanProgress progress) : PageModel
{
    public SubmissionView Submission { get; private set; } = null!;

    public bool CanEdit { get; private set; }

    public bool IsAdmin { get; private set; }

    public IReadOnlyDictionary<string, string> ProcedureNames { get; private set; } = new Dictionary<string, string>();

    public MonthlyComparison? Comparison { get; private set; }

    public IReadOnlyList<TargetProgress> Progress { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Saved { get; private set; }

    [BindProperty]
    public List<CatalogEntry> Catalog { get; set; } = [];

    [BindProperty]
    public List<PlanRow> Plan { get; set; } = [];

    /// <summary>Why the plan's targets fall short of the letter's (issue 18), when they do.</summary>
    [BindProperty]
    public string? PlanShortfallReason { get; set; }

    [BindProperty]
    public MonthlyFigures? Report { get; set; }

    [BindProperty]
    public IncentiveForm Incentive { get; set; } = new();

    [BindProperty]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(int deliverable, string unit, string? saved, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(User, unit))
        {
            return Forbid();
        }

        Saved = saved;
        return await LoadAsync(deliverable, unit, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostSaveAsync(int deliverable, string unit, CancellationToken ct) =>
        EditAsync(deliverable, unit, async () =>
        {
            var view = await workflow.ViewAsync(deliverable, unit, ct);
            if (view is null)
            {
                return SubmissionRefusals.NotAddressed;
            }

            var content = view.Kind switch
            {
                Letters.DeliverableKind.ProcedureCatalog => view.Content with { Catalog = Catalog },
                Letters.DeliverableKind.ActionPlan => view.Content with
                {
                    Plan = Plan.Where(p => !string.IsNullOrWhiteSpace(p.Month)).Select(p => p.ToTarget()).ToList(),
                    PlanShortfallReason = string.IsNullOrWhiteSpace(PlanShortfallReason) ? null : PlanShortfallReason.Trim(),
                },
                Letters.DeliverableKind.MonthlyReport => view.Content with { Report = Report },
                Letters.DeliverableKind.IncentivePolicy => view.Content with { Incentive = Incentive.ToTerms() },
                _ => view.Content,
            };
            return await workflow.SaveDraftAsync(deliverable, unit, content, Note, null, ct);
        }, "draft", ct);

    public Task<IActionResult> OnPostCatalogAsync(int deliverable, string unit, IFormFile? file, CancellationToken ct) =>
        EditAsync(deliverable, unit, async () =>
        {
            if (file is null)
            {
                return SubmissionRefusals.FileType;
            }

            var (report, error) = await workflow.UploadCatalogAsync(deliverable, unit, file, false, ct);
            if (report is { Succeeded: false })
            {
                Errors = report.Errors.Select(e => string.Create(CultureInfo.CurrentCulture, $"{L("Row")} {e.Row}, {e.Column}: {RegistryPages.Message(e)} ({e.Code})")).ToList();
            }

            return error;
        }, "catalog", ct);

    public Task<IActionResult> OnPostFileAsync(int deliverable, string unit, IFormFile? file, CancellationToken ct) =>
        EditAsync(deliverable, unit, async () => file is null ? SubmissionRefusals.FileType : await workflow.AttachFileAsync(deliverable, unit, file, ct), "file", ct);

    public Task<IActionResult> OnPostSubmitAsync(int deliverable, string unit, CancellationToken ct) =>
        EditAsync(deliverable, unit, async () =>
        {
            var (error, violations) = await workflow.SubmitAsync(deliverable, unit, ct);
            Errors = violations.Select(v => $"{RegistryPages.Message(v)} ({v.Code}{(v.Field.Contains('[', StringComparison.Ordinal) ? ", " + v.Field : "")})").ToList();
            return error;
        }, "submitted", ct);

    public async Task<IActionResult> OnPostReviewAsync(int deliverable, string unit, bool accept, string? comment, CancellationToken ct)
    {
        if (!User.IsInRole(Accounts.Users.Roles.Admin))
        {
            return Forbid();
        }

        return await Outcome(deliverable, unit, await workflow.ReviewAsync(deliverable, unit, accept, comment, ct), accept ? "accepted" : "returned", ct);
    }

    public async Task<IActionResult> OnPostExtensionAsync(int deliverable, string unit, DateOnly? dueDate, string? reason, CancellationToken ct)
    {
        if (!User.IsInRole(Accounts.Users.Roles.Admin))
        {
            return Forbid();
        }

        var error = dueDate is null || string.IsNullOrWhiteSpace(reason)
            ? Refusal.Of(DirectiveCodes.ExtensionRequired)
            : await workflow.GrantExtensionAsync(deliverable, unit, dueDate.Value, reason, ct);
        return await Outcome(deliverable, unit, error, "extended", ct);
    }

    private async Task<IActionResult> EditAsync(int deliverable, string unit, Func<Task<Refusal?>> change, string done, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(User, unit))
        {
            return Forbid();
        }

        return await Outcome(deliverable, unit, await change(), done, ct);
    }

    private async Task<IActionResult> Outcome(int deliverable, string unit, Refusal? error, string done, CancellationToken ct)
    {
        if (error is null && Errors.Count == 0)
        {
            return Redirect($"/submissions/{deliverable}/{Uri.EscapeDataString(unit)}?saved={done}");
        }

        if (error is not null)
        {
            Errors = [.. Errors, $"{(RegistryPages.IsVietnamese ? error.Vietnamese : error.English)} ({error.Code})"];
        }

        return await LoadAsync(deliverable, unit, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int deliverable, string unit, CancellationToken ct)
    {
        var view = await workflow.ViewAsync(deliverable, unit, ct);
        if (view is null)
        {
            return false;
        }

        Submission = view;
        IsAdmin = User.IsInRole(Accounts.Users.Roles.Admin);
        CanEdit = UnitAccess.CanEdit(User, unit) && view.Status is SubmissionStatus.Draft or SubmissionStatus.Returned;
        if (view.Kind == Letters.DeliverableKind.ProcedureCatalog && await catalog.RulesForAsync(unit, ct) is { } rules)
        {
            ProcedureNames = rules.UnitProcedures.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
            Catalog = [.. view.Content.Catalog ?? ProcedureCatalogSubmission.Template(rules)];
        }

        if (view.Kind == Letters.DeliverableKind.MonthlyReport)
        {
            Comparison = await comparison.CompareAsync(deliverable, unit, ct);
        }

        if (view.Kind == Letters.DeliverableKind.ActionPlan)
        {
            Progress = await progress.MeasureAsync(unit, view.Content.Plan ?? [], ct);
        }

        Plan = [.. (view.Content.Plan ?? []).Select(PlanRow.From), new PlanRow(), new PlanRow(), new PlanRow()];
        PlanShortfallReason = view.Content.PlanShortfallReason;
        Report = view.Content.Report;
        Incentive = IncentiveForm.From(view.Content.Incentive);
        Note = view.Note;
        return true;
    }

    private static string L(string key) => key == "Row" ? (RegistryPages.IsVietnamese ? "Dòng" : "Row") : key;

    /// <summary>One editable row of an action plan (blank rows are ignored).</summary>
    public sealed class PlanRow
    {
        public PlanIndicator Indicator { get; set; } = PlanIndicator.FullProcessCoverage;

        public string? SubUnit { get; set; }

        public string? Month { get; set; }

        public decimal TargetPercent { get; set; }

        public string? Responsible { get; set; }

        public PlanTarget ToTarget() => new(Indicator, string.IsNullOrWhiteSpace(SubUnit) ? null : SubUnit.Trim(), Month!.Trim(), TargetPercent, Responsible?.Trim() ?? "");

        public static PlanRow From(PlanTarget t) => new() { Indicator = t.Indicator, SubUnit = t.SubUnit, Month = t.Month, TargetPercent = t.TargetPercent, Responsible = t.Responsible };
    }

    /// <summary>The incentive policy form; services as codes separated by commas.</summary>
    public sealed class IncentiveForm
    {
        public string? LegalDocument { get; set; }

        public DateOnly? EffectiveFrom { get; set; }

        public DateOnly? EffectiveTo { get; set; }

        public decimal FeeReductionPercent { get; set; }

        public int FasterByDays { get; set; }

        public string? Services { get; set; }

        public IncentivePolicyTerms? ToTerms() => string.IsNullOrWhiteSpace(LegalDocument) && EffectiveFrom is null
            ? null
            : new(LegalDocument ?? "", EffectiveFrom ?? default, EffectiveTo, FeeReductionPercent, FasterByDays,
                (Services ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        public static IncentiveForm From(IncentivePolicyTerms? t) => t is null ? new() : new()
        {
            LegalDocument = t.LegalDocument, EffectiveFrom = t.EffectiveFrom, EffectiveTo = t.EffectiveTo,
            FeeReductionPercent = t.FeeReductionPercent, FasterByDays = t.FasterByDays, Services = string.Join(", ", t.Services),
        };
    }
}
