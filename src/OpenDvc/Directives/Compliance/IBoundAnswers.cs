namespace OpenDvc.Directives.Compliance;

/// <summary>What another capability keeps that a deliverable can be answered by, instead of a file sent to Directives.</summary>
public enum AnswerSource
{
    /// <summary>An award campaign (Awards): a unit answers by nominating, or by declaring it has nothing to nominate.</summary>
    AwardCampaign = 1,

    /// <summary>A survey sent to the units (Surveys): a unit answers by sending its answers.</summary>
    Survey = 2,

    /// <summary>
    /// A quarter of the portal checklist (Surveys): a unit answers by submitting that quarter's self-assessment; the id
    /// is the year times ten plus the quarter (20233 for 2023-Q3).
    /// </summary>
    PortalQuarter = 3,
}

/// <summary>
/// Who answered a thing another capability keeps (an award campaign, a survey) and when, for a deliverable bound to it
/// (<see cref="Letters.Deliverable.AnsweredIn"/>).
/// </summary>
/// <param name="Deadline">
/// When the thing sets the due date itself (a campaign's deadline, with the units' extensions granted there), that day;
/// null when the deliverable's own due date and its extensions in Directives apply (a survey).
/// </param>
/// <param name="Received">Per unit, the instant it answered; a unit that has not is absent.</param>
public sealed record BoundAnswers(int Id, string Name, DateOnly? Deadline, IReadOnlyDictionary<string, DateOnly> Extensions,
    IReadOnlyDictionary<string, DateTimeOffset> Received);

/// <summary>
/// One source of answers as Directives sees it: the capability that keeps the thing implements it (Awards its campaigns,
/// Surveys its surveys), so Directives counts the answers as the deliverable without naming that capability
/// (docs/architecture.md).
/// </summary>
public interface IBoundAnswers
{
    AnswerSource Source { get; }

    /// <summary>The thing's answers; null when there is no such thing, or it is not one units answer.</summary>
    Task<BoundAnswers?> AnswersAsync(int id, CancellationToken ct);

    /// <summary>
    /// The thing a reference names, if any: for a campaign the letter that opened it (e.g. 3179/BTTTT-CĐSQG, the newest
    /// such campaign), for a survey its series and quarter (<c>obstacles/2023-Q4</c>), for the checklist a quarter (<c>2023-Q4</c>).
    /// </summary>
    Task<int?> FindAsync(string reference, CancellationToken ct);
}

/// <summary>Every source of answers, each found by what it answers.</summary>
public sealed class AnswerSources(IEnumerable<IBoundAnswers> sources)
{
    /// <summary>The source; null when its capability is not in the program.</summary>
    public IBoundAnswers? For(AnswerSource source) => sources.FirstOrDefault(s => s.Source == source);

    /// <summary>The answers of the thing a deliverable is bound to; null when it is bound to none or the thing is gone.</summary>
    public async Task<BoundAnswers?> AnswersAsync((AnswerSource Source, int Id)? bound, CancellationToken ct) =>
        bound is { } b && For(b.Source) is { } source ? await source.AnswersAsync(b.Id, ct) : null;
}
