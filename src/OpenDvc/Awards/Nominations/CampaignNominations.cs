using Microsoft.EntityFrameworkCore;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Directives.Compliance;
using OpenDvc.Platform.Database;

namespace OpenDvc.Awards.Nominations;

/// <summary>
/// Offers Directives the campaigns' answers, so a deliverable of kind "award nominations" counts a unit as submitted
/// from its first submitted nomination or its declaration of none (letter 3179 asks for the nominations by 31/8).
/// </summary>
internal sealed class CampaignNominations(OpenDvcDbContext db) : IBoundAnswers
{
    public AnswerSource Source => AnswerSource.AwardCampaign;

    public async Task<BoundAnswers?> AnswersAsync(int id, CancellationToken ct)
    {
        if (await db.Set<AwardCampaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
        {
            return null;
        }

        var extensions = await db.Set<CampaignExtension>().AsNoTracking().Where(e => e.CampaignId == id)
            .ToDictionaryAsync(e => e.UnitCode, e => e.Until, StringComparer.Ordinal, ct);
        // A withdrawn nomination no longer answers; the earliest of what remains says when the unit answered.
        var nominated = await db.Set<Nomination>().AsNoTracking().Where(n => n.CampaignId == id && n.Status == NominationStatus.Submitted)
            .Select(n => new { n.UnitCode, n.SubmittedAt }).ToListAsync(ct);
        var declared = await db.Set<NoNominations>().AsNoTracking().Where(n => n.CampaignId == id)
            .Select(n => new { n.UnitCode, SubmittedAt = n.DeclaredAt }).ToListAsync(ct);
        var received = nominated.Concat(declared).GroupBy(n => n.UnitCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(n => n.SubmittedAt), StringComparer.Ordinal);
        return new BoundAnswers(campaign.Id, campaign.Name, campaign.NominationDeadline, extensions, received);
    }

    /// <summary>The newest campaign opened by a letter (its number).</summary>
    public async Task<int?> FindAsync(string reference, CancellationToken ct) =>
        await db.Set<AwardCampaign>().Where(c => c.Letter == reference).OrderByDescending(c => c.NominationDeadline).ThenByDescending(c => c.Id)
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
}
