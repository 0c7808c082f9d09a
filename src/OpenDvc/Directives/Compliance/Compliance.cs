using Microsoft.EntityFrameworkCore;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Directives.Compliance;

/// <summary>Where a unit stood on a deliverable at the end of a given day (Vietnam time).</summary>
public enum ComplianceStatus
{
    /// <summary>Nothing submitted and the due date (with any extension) not yet passed.</summary>
    NotDue = 1,

    /// <summary>Nothing submitted and the due date passed.</summary>
    Missing = 2,

    /// <summary>The last version was returned and has not been submitted again: it does not count as submitted.</summary>
    Returned = 3,

    OnTime = 4,
    Late = 5,
}

/// <summary>One cell of the matrix: a unit on a deliverable on a day.</summary>
public sealed record ComplianceCell(string UnitCode, int DeliverableId, ComplianceStatus Status, DateOnly DueDate, bool Extended, DateTimeOffset? SubmittedAt, bool Accepted, bool BelowLetter = false)
{
    public bool HasSubmitted => Status is ComplianceStatus.OnTime or ComplianceStatus.Late;

    /// <summary>Listed as not submitted: not submitted, and no extension still running on the day.</summary>
    public bool IsListedOn(DateOnly day) => !HasSubmitted && !(Extended && DueDate >= day);
}

/// <summary>A recipient unit as the letters print it: ministries first, then provinces, in the registry's order.</summary>
public sealed record RecipientUnit(string Code, string Name, string ShortName, bool IsProvince, string? Email);

/// <summary>
/// The compliance rules, in one place for the matrix, the "not yet submitted" list, the reminders and the exports.
/// A version counts from the instant it was submitted; a return counts from the instant it was decided, so the
/// answer for any past day is what the agency could have seen at the end of that day.
/// </summary>
public static class ComplianceRules
{
    public static ComplianceCell Evaluate(Deliverable deliverable, string unitCode, DeadlineExtension? extension, IEnumerable<SubmissionVersion> versions, DateOnly day) =>
        Evaluate(deliverable.Id, unitCode, extension?.DueDate ?? deliverable.DueDate, extension is not null, versions, day);

    /// <summary>
    /// A deliverable answered outside Directives (<see cref="Deliverable.AnsweredIn"/>), submitted from the instant the unit
    /// answered there. A campaign sets the due date itself: its deadline or the unit's later extension there (letter 3179);
    /// a survey does not, so the deliverable's due date and the unit's extension here apply, as for any deliverable.
    /// </summary>
    public static ComplianceCell Evaluate(Deliverable deliverable, string unitCode, BoundAnswers? bound, DeadlineExtension? extension, DateOnly day)
    {
        var answered = bound is not null && bound.Received.TryGetValue(unitCode, out var at)
            ? [new SubmissionVersion { Number = 1, SubmittedAt = at, SubmittedBy = "" }]
            : Array.Empty<SubmissionVersion>();
        if (bound?.Deadline is not { } deadline)
        {
            return Evaluate(deliverable, unitCode, extension, answered, day);
        }

        var extended = bound.Extensions.TryGetValue(unitCode, out var until) && until > deadline;
        return Evaluate(deliverable.Id, unitCode, extended ? until : deadline, extended, answered, day);
    }

    private static ComplianceCell Evaluate(int deliverableId, string unitCode, DateOnly due, bool extended, IEnumerable<SubmissionVersion> versions, DateOnly day)
    {
        var endOfDay = VietnamTime.EndOfDay(day);
        var last = versions.Where(v => v.SubmittedAt <= endOfDay).MaxBy(v => v.Number);
        if (last is null)
        {
            return new(unitCode, deliverableId, day > due ? ComplianceStatus.Missing : ComplianceStatus.NotDue, due, extended, null, false);
        }

        var decided = last.ReviewedAt is { } at && at <= endOfDay;
        if (decided && last.Review == ReviewOutcome.Returned)
        {
            return new(unitCode, deliverableId, ComplianceStatus.Returned, due, extended, last.SubmittedAt, false);
        }

        var late = VietnamTime.DateOf(last.SubmittedAt) > due;
        return new(unitCode, deliverableId, late ? ComplianceStatus.Late : ComplianceStatus.OnTime, due, extended, last.SubmittedAt,
            decided && last.Review == ReviewOutcome.Accepted);
    }
}

/// <summary>Reads what the compliance views need in a few queries: recipients, extensions, submitted versions.</summary>
public sealed class ComplianceQuery(OpenDvcDbContext db, RecurringDeliverables recurring, AnswerSources sources)
{
    /// <summary>Makes the started periods' deliverables of recurring ones, before a view picks its deliverables.</summary>
    public Task CreateStartedPeriodsAsync(CancellationToken ct) => recurring.CreateStartedPeriodsAsync(ct);

    /// <summary>Every unit a directive is addressed to (in force on its date, named as then), ministries then provinces, each in code order.</summary>
    public async Task<IReadOnlyList<RecipientUnit>> RecipientsAsync(Directive directive, CancellationToken ct)
    {
        var units = await db.Set<Unit>().AsNoTracking().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var timeline = await UnitTimeline.LoadAsync(db, ct);
        return InForce(units.Values.Where(directive.IsAddressedTo).Select(u => u.Code), directive.Date, units, timeline).ToList();
    }

    /// <summary>
    /// Who owes a deliverable: the letter's recipients, each replaced by the unit that carries on its work on the due
    /// date when it ended before then (10, the old Lào Cai, by 15 from 1/7/2025; a ministry by the one that absorbed it),
    /// so an ended unit is never asked, listed or reminded, and its successor's submission is the one that counts;
    /// then only those the deliverable concerns (<see cref="DeliverableScope"/>).
    /// </summary>
    internal static IEnumerable<RecipientUnit> Owing(Deliverable deliverable, OwingFacts facts)
    {
        var due = deliverable.DueDate;
        var chosen = (deliverable.ScopeUnits ?? []).Select(c => facts.Timeline.SuccessorOn(c, due)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return InForce(facts.Units.Values.Where(deliverable.Directive!.IsAddressedTo).Select(u => facts.Timeline.SuccessorOn(u.Code, due)).OfType<string>(),
                due, facts.Units, facts.Timeline)
            .Where(u => deliverable.Scope switch
            {
                DeliverableScope.Ministries => !u.IsProvince,
                DeliverableScope.Provinces => u.IsProvince,
                DeliverableScope.WithOnlineServices => facts.FirstOnline.TryGetValue(u.Code, out var first) && first <= due,
                DeliverableScope.ChosenUnits => chosen.Contains(u.Code),
                _ => true,
            });
    }

    /// <summary>The units of the codes as the version in force on the day names them: ministries first, then provinces, each in code order.</summary>
    private static IEnumerable<RecipientUnit> InForce(IEnumerable<string> codes, DateOnly day, Dictionary<string, Unit> units, UnitTimeline timeline) =>
        codes.Distinct(StringComparer.Ordinal)
            .Select(code => (Unit: units[code], Version: timeline.VersionOn(code, day)))
            .Select(x => (x.Unit, Kind: x.Version?.Kind ?? x.Unit.Kind, Name: x.Version?.Name ?? x.Unit.Name, ShortName: x.Version?.ShortName ?? x.Unit.ShortName))
            .OrderBy(x => x.Kind is UnitKind.Province or UnitKind.City).ThenBy(x => x.Kind).ThenBy(x => x.Unit.Code, StringComparer.Ordinal)
            .Select(x => new RecipientUnit(x.Unit.Code, x.Name, x.ShortName, x.Kind is UnitKind.Province or UnitKind.City, x.Unit.ContactEmail));

    /// <summary>How the matrix names a unit: a province by its short name, any other unit by its full name; the version's when given.</summary>
    public static string Named(UnitVersion? version, RecipientUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return version is null ? (unit.IsProvince ? unit.ShortName : unit.Name)
            : version.Kind is UnitKind.Province or UnitKind.City ? version.ShortName : version.Name;
    }

    /// <summary>The cells of the given deliverables (all when null) for their recipients on a day.</summary>
    public async Task<IReadOnlyList<(Deliverable Deliverable, IReadOnlyList<(RecipientUnit Unit, ComplianceCell Cell)> Cells)>> EvaluateAsync(
        IReadOnlyCollection<int>? deliverableIds, DateOnly day, CancellationToken ct)
    {
        var query = db.Set<Deliverable>().AsNoTracking().Include(d => d.Directive!).ThenInclude(d => d.ChosenUnits)
            .Include(d => d.Directive!).ThenInclude(d => d.Targets).AsSplitQuery().AsQueryable();
        if (deliverableIds is not null)
        {
            query = query.Where(d => deliverableIds.Contains(d.Id));
        }

        var deliverables = await query.OrderBy(d => d.DueDate).ThenBy(d => d.Id).ToListAsync(ct);
        var ids = deliverables.Select(d => d.Id).ToList();
        var extensions = (await db.Set<DeadlineExtension>().AsNoTracking().Where(e => ids.Contains(e.DeliverableId)).ToListAsync(ct))
            .ToDictionary(e => (e.DeliverableId, e.UnitCode));
        // Only what the rules read: a catalog's content is large and the matrix never shows it.
        var submissions = await db.Set<Submission>().AsNoTracking().Where(s => ids.Contains(s.DeliverableId))
            .Select(s => new
            {
                s.DeliverableId,
                s.UnitCode,
                Versions = s.Versions.Select(v => new SubmissionVersion
                {
                    Number = v.Number, SubmittedAt = v.SubmittedAt, SubmittedBy = v.SubmittedBy, Review = v.Review, ReviewedAt = v.ReviewedAt,
                }).ToList(),
            }).ToListAsync(ct);
        var versions = submissions.ToDictionary(s => (s.DeliverableId, s.UnitCode), s => (IReadOnlyList<SubmissionVersion>)s.Versions);
        var facts = await OwingFacts.LoadAsync(db, deliverables, ct);
        var answers = new Dictionary<(AnswerSource, int), BoundAnswers?>();
        foreach (var bound in deliverables.Select(d => d.AnsweredIn).OfType<(AnswerSource Source, int Id)>().Distinct())
        {
            answers[bound] = await sources.AnswersAsync(bound, ct);
        }

        // A plan is flagged when its latest submitted version falls short of its letter's targets (issue 18).
        var planIds = deliverables.Where(d => d.Kind == DeliverableKind.ActionPlan && d.Directive!.Targets.Count > 0).Select(d => d.Id).ToList();
        var plans = (await db.Set<Submission>().AsNoTracking().Where(s => planIds.Contains(s.DeliverableId))
                .Select(s => new { s.DeliverableId, s.UnitCode, Content = s.Versions.OrderByDescending(v => v.Number).Select(v => v.Content).FirstOrDefault() })
                .ToListAsync(ct))
            .ToDictionary(s => (s.DeliverableId, s.UnitCode), s => SubmissionContent.FromJson(s.Content));

        ComplianceCell Cell(Deliverable d, string unit)
        {
            var cell = d.IsAnsweredElsewhere
                ? ComplianceRules.Evaluate(d, unit, d.AnsweredIn is { } b ? answers[b] : null, extensions.GetValueOrDefault((d.Id, unit)), day)
                : ComplianceRules.Evaluate(d, unit, extensions.GetValueOrDefault((d.Id, unit)), versions.GetValueOrDefault((d.Id, unit)) ?? [], day);
            return cell.HasSubmitted && plans.TryGetValue((d.Id, unit), out var plan) && LetterTargets.ShortfallsOf(d.Directive!.Targets, plan.Plan).Count > 0
                ? cell with { BelowLetter = true }
                : cell;
        }

        return deliverables.Select(d => (d, (IReadOnlyList<(RecipientUnit, ComplianceCell)>)Owing(d, facts)
            .Select(u => (u, Cell(d, u.Code)))
            .ToList())).ToList();
    }

    /// <summary>One unit's cell of one deliverable on a day, by the same rules as the matrix; null when the unit does not owe it.</summary>
    public async Task<ComplianceCell?> CellAsync(int deliverableId, string unitCode, DateOnly day, CancellationToken ct)
    {
        var evaluated = await EvaluateAsync([deliverableId], day, ct);
        return evaluated.SelectMany(e => e.Cells).Where(c => c.Unit.Code == unitCode).Select(c => c.Cell).FirstOrDefault();
    }

    /// <summary>The units that had not submitted a deliverable by the end of a day, as the letters list them.</summary>
    public async Task<NotSubmittedList?> ListUnitsNotSubmittedAsync(int deliverableId, DateOnly day, CancellationToken ct)
    {
        var evaluated = await EvaluateAsync([deliverableId], day, ct);
        if (evaluated.Count == 0)
        {
            return null;
        }

        var (deliverable, cells) = evaluated[0];
        var listed = cells.Where(c => c.Cell.IsListedOn(day)).ToList();
        var extended = cells.Where(c => !c.Cell.HasSubmitted && !c.Cell.IsListedOn(day)).ToList();
        return new NotSubmittedList(
            deliverable.Id, deliverable.Title, deliverable.Directive!.Number, deliverable.DueDate, day, cells.Count,
            listed.Where(c => !c.Unit.IsProvince).Select(c => Line(c.Unit, c.Cell)).ToList(),
            listed.Where(c => c.Unit.IsProvince).Select(c => Line(c.Unit, c.Cell)).ToList(),
            extended.Select(c => Line(c.Unit, c.Cell)).ToList(), deliverable.Scope);
    }

    /// <summary>The deliverables addressed to one unit, newest due first, and where the unit stands on each.</summary>
    public async Task<IReadOnlyList<Submissions.UnitDeliverableView>> ForUnitAsync(string unitCode, DateOnly day, CancellationToken ct)
    {
        await CreateStartedPeriodsAsync(ct);
        var evaluated = await EvaluateAsync(null, day, ct);
        return evaluated.SelectMany(e => e.Cells.Where(c => c.Unit.Code == unitCode).Select(c => new Submissions.UnitDeliverableView(
                e.Deliverable.Id, e.Deliverable.Directive!.Number, e.Deliverable.Title, e.Deliverable.Kind, c.Cell.DueDate, c.Cell.Extended, c.Cell.Status, c.Cell.Accepted)))
            .OrderByDescending(v => v.DueDate).ToList();
    }

    private static NotSubmittedUnit Line(RecipientUnit unit, ComplianceCell cell) =>
        new(unit.Code, unit.Name, unit.ShortName, unit.IsProvince, cell.Status, cell.DueDate, cell.Extended);
}

/// <summary>What deciding who owes a deliverable reads: the units, their timeline, and when each first provided an online service.</summary>
internal sealed record OwingFacts(Dictionary<string, Unit> Units, UnitTimeline Timeline, IReadOnlyDictionary<string, DateOnly> FirstOnline)
{
    public static async Task<OwingFacts> LoadAsync(OpenDvcDbContext db, IEnumerable<Deliverable> deliverables, CancellationToken ct)
    {
        var units = await db.Set<Unit>().AsNoTracking().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var timeline = await UnitTimeline.LoadAsync(db, ct);
        // Read the services only when a deliverable's scope needs them.
        var firstOnline = deliverables.Any(d => d.Scope == DeliverableScope.WithOnlineServices)
            ? await db.Set<OnlineService>().GroupBy(s => s.UnitCode).Select(g => new { g.Key, First = g.Min(s => s.OnlineSince) })
                .ToDictionaryAsync(x => x.Key, x => x.First, StringComparer.Ordinal, ct)
            : [];
        return new OwingFacts(units, timeline, firstOnline);
    }
}

public sealed record NotSubmittedUnit(string Code, string Name, string ShortName, bool IsProvince, ComplianceStatus Status, DateOnly DueDate, bool Extended);

/// <summary>
/// The list that ends the agency's letters: units that had not delivered by a day, ministries and provinces apart
/// (units with an extension still running on that day are not listed, but shown beside it); only the units the
/// deliverable concerns, so <see cref="Recipients"/> counts those.
/// </summary>
public sealed record NotSubmittedList(
    int DeliverableId, string Deliverable, string DirectiveNumber, DateOnly DueDate, DateOnly Day, int Recipients,
    IReadOnlyList<NotSubmittedUnit> Ministries, IReadOnlyList<NotSubmittedUnit> Provinces, IReadOnlyList<NotSubmittedUnit> ExtensionRunning,
    DeliverableScope Scope)
{
    public IEnumerable<NotSubmittedUnit> All => Ministries.Concat(Provinces);

    /// <summary>The paragraph as a letter prints it, ready to copy: names of ministries, then short names of provinces.</summary>
    public string ToLetterText(bool vietnamese)
    {
        var lines = new List<string>();
        if (Ministries.Count > 0)
        {
            lines.Add((vietnamese ? $"- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ ({Ministries.Count}): " : $"- Ministries and agencies ({Ministries.Count}): ")
                + string.Join(", ", Ministries.Select(u => u.Name)) + ".");
        }

        if (Provinces.Count > 0)
        {
            lines.Add((vietnamese ? $"- Các tỉnh, thành phố trực thuộc Trung ương ({Provinces.Count}): " : $"- Provinces and centrally-run cities ({Provinces.Count}): ")
                + string.Join(", ", Provinces.Select(u => u.ShortName)) + ".");
        }

        return string.Join('\n', lines);
    }
}
