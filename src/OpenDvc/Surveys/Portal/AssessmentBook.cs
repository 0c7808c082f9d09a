using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;
using OpenDvc.Registry.Units;

namespace OpenDvc.Surveys.Portal;

/// <summary>Where a unit's assessment of a quarter stands.</summary>
public enum AssessmentState
{
    NotStarted = 0,
    Draft = 1,
    Submitted = 2,
}

/// <summary>
/// A unit's compliance with the checklist: met + 0.5 × partly over the applicable items (every item in force but those
/// the unit marks not applicable; an item not yet assessed counts as applicable and not met). Null with no applicable item.
/// </summary>
public sealed record Compliance(int Items, int Met, int Partly, int NotMet, int NotApplicable, int Unassessed, decimal? Score)
{
    public int Applicable => Items - NotApplicable;

    public static Compliance Of(IReadOnlyCollection<PortalCriterion> criteria, IEnumerable<PortalAssessmentItem> items)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var verdicts = items.Where(i => criteria.Any(c => c.Id == i.CriterionId)).ToDictionary(i => i.CriterionId, i => i.Verdict);
        int Count(PortalVerdict v) => verdicts.Values.Count(x => x == v);
        var (met, partly, notMet, na) = (Count(PortalVerdict.Met), Count(PortalVerdict.Partly), Count(PortalVerdict.NotMet), Count(PortalVerdict.NotApplicable));
        var applicable = criteria.Count - na;
        return new(criteria.Count, met, partly, notMet, na, applicable - met - partly - notMet,
            applicable == 0 ? null : Math.Round((met + (0.5m * partly)) / applicable, 4));
    }
}

/// <summary>One item of a unit's sheet: the criterion and the unit's answer.</summary>
public sealed record ItemView(CriterionView Criterion, PortalVerdict? Verdict, string? EvidenceUrl, string? Note);

/// <summary>
/// A unit's sheet for a quarter. When the unit has not started it, <see cref="Items"/> hold the answers of its latest
/// earlier quarter (<see cref="CopiedFrom"/>), which the first save stores as the quarter's draft.
/// </summary>
public sealed record AssessmentSheet(string UnitCode, string Quarter, AssessmentState State, string? CopiedFrom, bool Open,
    DateTimeOffset? UpdatedAt, string? UpdatedBy, DateTimeOffset? SubmittedAt, Compliance Compliance, IReadOnlyList<ItemView> Items);

/// <summary>The answers a focal point sends: each by the criterion's code; items left out keep their answer.</summary>
public sealed record AssessmentInput(List<ItemInput>? Items);

public sealed record ItemInput(string? Criterion, PortalVerdict? Verdict, string? EvidenceUrl, string? Note);

/// <summary>A quarter in a unit's history.</summary>
public sealed record AssessmentSummary(string Quarter, AssessmentState State, DateTimeOffset? SubmittedAt, Compliance Compliance);

/// <summary>Reads and writes units' self-assessments: copy forward, drafts, the one sending per quarter.</summary>
public sealed class AssessmentBook(OpenDvcDbContext db, PortalCriteria criteria, TimeProvider time)
{
    public const int MaxEvidenceUrl = 1000;
    public const int MaxNote = 2000;

    public async Task<(AssessmentSheet? Sheet, Refusal? Error)> SheetAsync(string unit, string quarterText, CancellationToken ct)
    {
        if (!Quarter.TryParse(quarterText, out var quarter))
        {
            return (null, PortalRefusals.QuarterInvalid);
        }

        if (!await db.Set<Unit>().AnyAsync(u => u.Code == unit, ct))
        {
            return (null, PortalRefusals.UnitUnknown);
        }

        var inForce = await criteria.InForceAsync(quarter.FirstDay, ct);
        var stored = await LoadAsync(unit, quarter, tracked: false, ct);
        var (items, copiedFrom) = stored is not null ? (stored.Items, stored.CopiedFrom) : await CopyForwardAsync(unit, quarter, inForce, ct);
        var byCriterion = items.ToDictionary(i => i.CriterionId);
        var state = stored is null ? AssessmentState.NotStarted : stored.Submitted ? AssessmentState.Submitted : AssessmentState.Draft;
        return (new AssessmentSheet(unit, quarter.ToString(), state, copiedFrom, IsOpen(quarter) && stored?.Submitted != true,
            stored?.UpdatedAt, stored?.UpdatedBy, stored?.SubmittedAt, Compliance.Of(inForce, items),
            [.. inForce.Select(c => byCriterion.GetValueOrDefault(c.Id) is { } i
                ? new ItemView(CriterionView.Of(c), i.Verdict, i.EvidenceUrl, i.Note)
                : new ItemView(CriterionView.Of(c), null, null, null))]), null);
    }

    /// <summary>Saves the unit's draft of the quarter, or sends it (<paramref name="submit"/>: every item assessed).</summary>
    public async Task<(IReadOnlyList<RuleViolation> Violations, Refusal? Error)> SaveAsync(
        string unit, string quarterText, IReadOnlyList<ItemInput> input, bool submit, string userName, CancellationToken ct)
    {
        if (!Quarter.TryParse(quarterText, out var quarter))
        {
            return ([], PortalRefusals.QuarterInvalid);
        }

        if (!await db.Set<Unit>().AnyAsync(u => u.Code == unit, ct))
        {
            return ([], PortalRefusals.UnitUnknown);
        }

        if (!IsOpen(quarter))
        {
            return ([], PortalRefusals.QuarterFuture);
        }

        var inForce = await criteria.InForceAsync(quarter.FirstDay, ct);
        if (inForce.Count == 0)
        {
            return ([], PortalRefusals.NoCriteria);
        }

        var violations = Check(input, inForce);
        if (violations.Count > 0)
        {
            return (violations, null);
        }

        var assessment = await LoadAsync(unit, quarter, tracked: true, ct);
        if (assessment?.Submitted == true)
        {
            return ([], PortalRefusals.AlreadySubmitted);
        }

        if (assessment is null)
        {
            var (copied, from) = await CopyForwardAsync(unit, quarter, inForce, ct);
            assessment = new PortalAssessment { UnitCode = unit, Quarter = quarter.ToString(), CopiedFrom = from, UpdatedBy = userName, Items = [.. copied] };
            db.Add(assessment);
        }

        foreach (var answer in input)
        {
            var id = inForce.Single(c => c.Code == answer.Criterion).Id;
            var item = assessment.Items.SingleOrDefault(i => i.CriterionId == id);
            if (item is null)
            {
                item = new PortalAssessmentItem { CriterionId = id };
                assessment.Items.Add(item);
            }

            (item.Verdict, item.EvidenceUrl, item.Note) = (answer.Verdict, Blank(answer.EvidenceUrl), Blank(answer.Note));
        }

        if (submit)
        {
            var missing = inForce.Where(c => assessment.Items.SingleOrDefault(i => i.CriterionId == c.Id)?.Verdict is null)
                .Select(c => new RuleViolation(c.Code, Refusal.Of(SurveyCodes.PortalVerdictRequired, c.Code))).ToList();
            if (missing.Count > 0)
            {
                return (missing, null);
            }
        }

        var now = time.GetUtcNow();
        (assessment.UpdatedBy, assessment.UpdatedAt) = (userName, now);
        if (submit)
        {
            (assessment.Submitted, assessment.SubmittedAt) = (true, now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another tab or server stored the quarter's first draft at the same moment: the unique index kept one.
            return ([], PortalRefusals.AlreadySubmitted);
        }

        return ([], null);
    }

    /// <summary>Every quarter the unit has assessed, newest first, with its compliance against that quarter's items.</summary>
    public async Task<IReadOnlyList<AssessmentSummary>> HistoryAsync(string unit, CancellationToken ct)
    {
        var all = await db.Set<PortalCriterion>().AsNoTracking().ToListAsync(ct);
        var assessments = await db.Set<PortalAssessment>().AsNoTracking().Include(a => a.Items).Where(a => a.UnitCode == unit)
            .OrderByDescending(a => a.Quarter).ToListAsync(ct);
        return [.. assessments.Select(a => new AssessmentSummary(a.Quarter, a.Submitted ? AssessmentState.Submitted : AssessmentState.Draft, a.SubmittedAt,
            Compliance.Of(all.Where(c => c.InForceOn(Quarter.Parse(a.Quarter).FirstDay)).ToList(), a.Items)))];
    }

    /// <summary>A quarter can be assessed from its first day on (Vietnam time).</summary>
    public bool IsOpen(Quarter quarter) => quarter <= Quarter.Of(time.GetUtcNow());

    private static List<RuleViolation> Check(IReadOnlyList<ItemInput> input, IReadOnlyList<PortalCriterion> inForce)
    {
        var violations = new List<RuleViolation>();
        foreach (var group in input.GroupBy(i => i.Criterion ?? ""))
        {
            var code = group.Key;
            if (inForce.All(c => c.Code != code))
            {
                violations.Add(new(code, Refusal.Of(SurveyCodes.PortalUnknownCriterion, code)));
            }
            else if (group.Count() > 1)
            {
                violations.Add(new(code, Refusal.Of(SurveyCodes.PortalDuplicateCriterion, code)));
            }

            foreach (var item in group)
            {
                if (item.Verdict is { } v && !Enum.IsDefined(v))
                {
                    violations.Add(new(code, Refusal.Of(SurveyCodes.PortalVerdictInvalid)));
                }

                if (Blank(item.EvidenceUrl) is { } url && (url.Length > MaxEvidenceUrl || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
                {
                    violations.Add(new(code, Refusal.Of(SurveyCodes.PortalEvidenceUrl, MaxEvidenceUrl)));
                }

                if (item.Note?.Length > MaxNote)
                {
                    violations.Add(new(code, Refusal.Of(SurveyCodes.PortalNoteTooLong, MaxNote)));
                }
            }
        }

        return violations;
    }

    private Task<PortalAssessment?> LoadAsync(string unit, Quarter quarter, bool tracked, CancellationToken ct)
    {
        var set = tracked ? db.Set<PortalAssessment>() : db.Set<PortalAssessment>().AsNoTracking();
        var text = quarter.ToString();
        return set.Include(a => a.Items).SingleOrDefaultAsync(a => a.UnitCode == unit && a.Quarter == text, ct);
    }

    /// <summary>The answers of the unit's latest earlier quarter on the items still in force (same version), as new rows.</summary>
    private async Task<(List<PortalAssessmentItem> Items, string? From)> CopyForwardAsync(string unit, Quarter quarter, IReadOnlyList<PortalCriterion> inForce, CancellationToken ct)
    {
        var text = quarter.ToString();
        var previous = await db.Set<PortalAssessment>().AsNoTracking().Include(a => a.Items)
            .Where(a => a.UnitCode == unit && string.Compare(a.Quarter, text) < 0).OrderByDescending(a => a.Quarter).FirstOrDefaultAsync(ct);
        if (previous is null)
        {
            return ([], null);
        }

        var ids = inForce.Select(c => c.Id).ToHashSet();
        return ([.. previous.Items.Where(i => ids.Contains(i.CriterionId))
            .Select(i => new PortalAssessmentItem { CriterionId = i.CriterionId, Verdict = i.Verdict, EvidenceUrl = i.EvidenceUrl, Note = i.Note })], previous.Quarter);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
