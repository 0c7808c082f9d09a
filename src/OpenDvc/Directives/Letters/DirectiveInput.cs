using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Directives.Compliance;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;
using OpenDvc.Registry.Units;

namespace OpenDvc.Directives.Letters;

/// <summary>A directive as an admin writes it.</summary>
public sealed record DirectiveInput(
    [property: Required, StringLength(64)] string Number,
    DateOnly Date,
    [property: Required, StringLength(512)] string Subject,
    [property: Required, StringLength(128)] string Signer,
    RecipientScope Recipients,
    IReadOnlyList<string>? Units,
    bool Published);

/// <summary>A deliverable as an admin writes it.</summary>
/// <param name="Scope">The units it concerns among the letter's recipients; all by default.</param>
/// <param name="ScopeUnits">With scope ChosenUnits: the units' codes.</param>
/// <param name="Campaign">For kind AwardNominations: the award campaign whose nominations answer it (required then).</param>
/// <param name="Survey">For kind SurveyAnswers: the survey, sent to the units, whose answers answer it (required then).</param>
public sealed record DeliverableInput(
    DeliverableKind Kind,
    [property: Required, StringLength(512)] string Title,
    DateOnly DueDate,
    [property: StringLength(4000)] string? Instructions,
    DateOnly? ReportMonth,
    DeliverableScope Scope = DeliverableScope.AllRecipients,
    IReadOnlyList<string>? ScopeUnits = null,
    int? Campaign = null,
    int? Survey = null);

/// <summary>A later due date for one unit and one deliverable, as an admin grants it.</summary>
/// <param name="Unit">The unit's code.</param>
/// <param name="DueDate">The unit's new due date (Vietnam calendar day); required: a missing date is refused, never read as 0001-01-01.</param>
/// <param name="Reason">Why the unit gets more time.</param>
public sealed record DeliverableExtensionInput(
    [property: Required, StringLength(16)] string Unit,
    [property: Required] DateOnly? DueDate,
    [property: Required, StringLength(1000)] string Reason);

/// <summary>A directive as the API and pages show it.</summary>
public sealed record DirectiveView(int Id, string Number, DateOnly Date, string Subject, string Signer, RecipientScope Recipients,
    IReadOnlyList<string> Units, bool Published, bool HasLetter, IReadOnlyList<DeliverableView> Deliverables, IReadOnlyList<DeliverableSeriesView> Series)
{
    public static DirectiveView From(Directive d) => new(d.Id, d.Number, d.Date, d.Subject, d.Signer, d.Recipients,
        d.ChosenUnits.Select(u => u.UnitCode).Order(StringComparer.Ordinal).ToList(), d.Published, d.LetterFileId is not null,
        d.Deliverables.OrderBy(x => x.DueDate).ThenBy(x => x.Id).Select(DeliverableView.From).ToList(),
        d.Series.OrderBy(x => x.Id).Select(DeliverableSeriesView.From).ToList());
}

public sealed record DeliverableView(int Id, int DirectiveId, DeliverableKind Kind, string Title, DateOnly DueDate, string? Instructions, DateOnly? ReportMonth,
    DeliverableScope Scope, IReadOnlyList<string> ScopeUnits, int? CampaignId = null, int? SurveyId = null)
{
    public static DeliverableView From(Deliverable d) => new(d.Id, d.DirectiveId, d.Kind, d.Title, d.DueDate, d.Instructions, d.ReportMonth,
        d.Scope, d.ScopeUnits ?? [], d.CampaignId, d.SurveyId);
}

/// <summary>Reading and writing directives and deliverables: one code path for the API, the pages and the demo data.</summary>
public static class DirectiveBook
{
    /// <summary>Directives newest first; drafts only for staff.</summary>
    public static async Task<IReadOnlyList<DirectiveView>> ListAsync(OpenDvcDbContext db, bool includeDrafts, CancellationToken ct)
    {
        var list = await Query(db).Where(d => includeDrafts || d.Published).OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).ToListAsync(ct);
        return list.Select(DirectiveView.From).ToList();
    }

    /// <summary>One directive; a draft is "not found" for those who may not see drafts.</summary>
    public static async Task<DirectiveView?> GetAsync(OpenDvcDbContext db, int id, bool includeDrafts, CancellationToken ct)
    {
        var directive = await Query(db).SingleOrDefaultAsync(d => d.Id == id && (includeDrafts || d.Published), ct);
        return directive is null ? null : DirectiveView.From(directive);
    }

    private static IQueryable<Directive> Query(OpenDvcDbContext db) =>
        db.Set<Directive>().AsNoTracking().Include(d => d.ChosenUnits).Include(d => d.Deliverables).Include(d => d.Series).AsSplitQuery();

    /// <summary>Creates (id null) or updates a directive; returns its id, or the rules it breaks.</summary>
    public static async Task<(int? Id, IReadOnlyList<RuleViolation> Violations)> SaveAsync(OpenDvcDbContext db, int? id, DirectiveInput input, CancellationToken ct)
    {
        var violations = new List<RuleViolation>();
        var units = (input.Units ?? []).Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Set<Unit>().Where(u => units.Contains(u.Code)).ToListAsync(ct);
        foreach (var unknown in units.Except(known.Select(u => u.Code), StringComparer.Ordinal))
        {
            violations.Add(new RuleViolation("units", Refusal.Of(PlatformCodes.UnitUnknown, unknown)));
        }

        // A letter goes to the units in force on its date: not to one that has ended (its successor instead) or not yet begun.
        foreach (var unit in known.Where(u => !u.IsValidOn(input.Date)))
        {
            var ended = Refusal.Of(RegistryCodes.UnitNotInForce, unit.Code, input.Date, unit.SuccessorCode);
            violations.Add(new RuleViolation("units", ended.Saying(unit.SuccessorCode is null ? "Letter" : "LetterSuccessor")));
        }

        if (input.Recipients == RecipientScope.ChosenUnits && units.Count == 0)
        {
            violations.Add(new RuleViolation("units", Refusal.Of(DirectiveCodes.DirectiveNoRecipients)));
        }

        if (!Enum.IsDefined(input.Recipients))
        {
            violations.Add(new RuleViolation("recipients", Refusal.Of(DirectiveCodes.DirectiveRecipients)));
        }

        var number = input.Number.Trim();
        if (await db.Set<Directive>().AnyAsync(d => d.Number == number && d.Id != (id ?? 0), ct))
        {
            violations.Add(new RuleViolation("number", Refusal.Of(DirectiveCodes.DirectiveNumberTaken, number)));
        }

        Directive? directive = null;
        if (id is not null)
        {
            directive = await db.Set<Directive>().Include(d => d.ChosenUnits).SingleOrDefaultAsync(d => d.Id == id, ct);
            if (directive is null)
            {
                return (null, [new RuleViolation("id", Refusal.Of(DirectiveCodes.DirectiveUnknown, id))]);
            }
        }

        if (violations.Count > 0)
        {
            return (null, violations);
        }

        directive ??= db.Set<Directive>().Add(new Directive { Number = number, Subject = input.Subject, Signer = input.Signer }).Entity;
        directive.Number = number;
        directive.Date = input.Date;
        directive.Subject = input.Subject.Trim();
        directive.Signer = input.Signer.Trim();
        directive.Recipients = input.Recipients;
        directive.Published = input.Published;
        var chosen = input.Recipients == RecipientScope.ChosenUnits ? units : [];
        directive.ChosenUnits.RemoveAll(r => !chosen.Contains(r.UnitCode));
        directive.ChosenUnits.AddRange(chosen.Where(c => directive.ChosenUnits.All(r => r.UnitCode != c)).Select(c => new DirectiveRecipient { UnitCode = c }));
        await db.SaveChangesAsync(ct);
        return (directive.Id, []);
    }

    /// <summary>Adds (id null) or changes a deliverable of a directive.</summary>
    public static async Task<(int? Id, IReadOnlyList<RuleViolation> Violations)> SaveDeliverableAsync(OpenDvcDbContext db, AnswerSources sources, int directiveId, int? id, DeliverableInput input,
        CancellationToken ct)
    {
        if (!Enum.IsDefined(input.Kind))
        {
            return (null, [new RuleViolation("kind", Refusal.Of(DirectiveCodes.DeliverableKind))]);
        }

        // Answers kept elsewhere are counted from there, so the thing must exist; a campaign's deadline is the due date, a survey keeps the deliverable's.
        var bound = new Deliverable { Kind = input.Kind, Title = "", CampaignId = input.Campaign, SurveyId = input.Survey, ReportMonth = input.ReportMonth }.AnsweredIn;
        var answers = await sources.AnswersAsync(bound, ct);
        if (input.Kind == DeliverableKind.AwardNominations && answers is null)
        {
            return (null, [new RuleViolation("campaign", Refusal.Of(DirectiveCodes.DeliverableCampaign))]);
        }

        if (input.Kind == DeliverableKind.SurveyAnswers && answers is null)
        {
            return (null, [new RuleViolation("survey", Refusal.Of(DirectiveCodes.DeliverableSurvey))]);
        }

        if (input.Kind == DeliverableKind.PortalSelfAssessment && answers is null)
        {
            return (null, [new RuleViolation("reportMonth", Refusal.Of(DirectiveCodes.DeliverableQuarter))]);
        }

        if (!await db.Set<Directive>().AnyAsync(d => d.Id == directiveId, ct))
        {
            return (null, [new RuleViolation("directiveId", Refusal.Of(DirectiveCodes.DirectiveUnknown, directiveId))]);
        }

        var scopeUnits = input.Scope == DeliverableScope.ChosenUnits ? CleanCodes(input.ScopeUnits) : null;
        if (await CheckScopeAsync(db, input.Scope, scopeUnits, ct) is { Count: > 0 } scopeViolations)
        {
            return (null, scopeViolations);
        }

        var deliverable = id is null ? null : await db.Set<Deliverable>().SingleOrDefaultAsync(d => d.Id == id && d.DirectiveId == directiveId, ct);
        if (id is not null && deliverable is null)
        {
            return (null, [new RuleViolation("id", Refusal.Of(DirectiveCodes.DeliverableUnknown, id))]);
        }

        deliverable ??= db.Set<Deliverable>().Add(new Deliverable { DirectiveId = directiveId, Title = input.Title }).Entity;
        deliverable.Kind = input.Kind;
        deliverable.Title = input.Title.Trim();
        deliverable.DueDate = answers?.Deadline ?? input.DueDate;
        deliverable.Instructions = string.IsNullOrWhiteSpace(input.Instructions) ? null : input.Instructions.Trim();
        deliverable.ReportMonth = input.ReportMonth is { } m
            ? new DateOnly(m.Year, input.Kind == DeliverableKind.PortalSelfAssessment ? (3 * ((m.Month - 1) / 3)) + 1 : m.Month, 1)
            : null;
        deliverable.Scope = input.Scope;
        deliverable.ScopeUnits = scopeUnits;
        deliverable.CampaignId = input.Kind == DeliverableKind.AwardNominations ? answers?.Id : null;
        deliverable.SurveyId = input.Kind == DeliverableKind.SurveyAnswers ? answers?.Id : null;
        await db.SaveChangesAsync(ct);
        return (deliverable.Id, []);
    }

    internal static List<string> CleanCodes(IReadOnlyList<string>? codes) =>
        (codes ?? []).Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>A scope is one of the known ones; a chosen list names at least one unit, each in the registry.</summary>
    internal static async Task<IReadOnlyList<RuleViolation>> CheckScopeAsync(OpenDvcDbContext db, DeliverableScope scope, IReadOnlyList<string>? units, CancellationToken ct)
    {
        if (!Enum.IsDefined(scope))
        {
            return [new RuleViolation("scope", Refusal.Of(DirectiveCodes.DeliverableScope))];
        }

        if (scope != DeliverableScope.ChosenUnits)
        {
            return [];
        }

        if (units is not { Count: > 0 })
        {
            return [new RuleViolation("scopeUnits", Refusal.Of(DirectiveCodes.DeliverableScopeEmpty))];
        }

        var known = await db.Set<Unit>().Where(u => units.Contains(u.Code)).Select(u => u.Code).ToListAsync(ct);
        return units.Except(known, StringComparer.Ordinal)
            .Select(u => new RuleViolation("scopeUnits", Refusal.Of(PlatformCodes.UnitUnknown, u))).ToList();
    }
}
