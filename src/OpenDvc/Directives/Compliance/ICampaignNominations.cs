namespace OpenDvc.Directives.Compliance;

/// <summary>
/// Where each unit stands in an award campaign, for a deliverable of kind
/// <see cref="Letters.DeliverableKind.AwardNominations"/>: the campaign's deadline, the units' extensions, and when each
/// unit first counted as having answered (its first submitted nomination, or its declaration that it has none).
/// </summary>
/// <param name="Received">Per unit, the instant it answered; a unit that has not is absent.</param>
public sealed record CampaignAnswers(int CampaignId, string Name, DateOnly Deadline, IReadOnlyDictionary<string, DateOnly> Extensions,
    IReadOnlyDictionary<string, DateTimeOffset> Received);

/// <summary>
/// The award campaigns as Directives sees them: Awards implements it, so Directives counts nominations as the
/// deliverable without naming Awards (docs/architecture.md).
/// </summary>
public interface ICampaignNominations
{
    /// <summary>The campaign's answers; null when there is no such campaign.</summary>
    Task<CampaignAnswers?> AnswersAsync(int campaignId, CancellationToken ct);

    /// <summary>The newest campaign opened by a letter (its number, e.g. 3179/BTTTT-CĐSQG), if any.</summary>
    Task<int?> CampaignOfLetterAsync(string letter, CancellationToken ct);
}
