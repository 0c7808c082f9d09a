using Microsoft.EntityFrameworkCore;
using OpenDvc.Awards.Appraisal;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Awards.Results;

/// <summary>The published results of a campaign: the winners with their frozen evidence, scores and the rules used.</summary>
public sealed record PublishedResults(int CampaignId, string Name, string? Letter, DateOnly AnnouncementDate, DateTimeOffset PublishedAt,
    string Rule, string DataRule, IReadOnlyList<RubricCriterion> Rubric, IReadOnlyList<PublishedWinner> Winners);

/// <param name="UnitName">The unit's full name ("Tỉnh Quảng Ninh"), as the public reads it; the code where the registry has none.</param>
/// <param name="Group">Ministries or provinces: the group the winner was ranked and honoured in, its rank within it.</param>
public sealed record PublishedWinner(int Rank, NominationCategory Category, string UnitCode, string UnitName, string ProcedureCode, string ProcedureName,
    decimal DataScore, decimal? PanelScore, decimal FinalScore, NominationView Nomination, UnitGroup Group = UnitGroup.Ministries);

/// <summary>Ranking, the admin's shortlist and selection, and publication (every decision audited through the entities).</summary>
public sealed class ResultsWorkflow(OpenDvcDbContext db, AppraisalWorkflow appraisal)
{
    public async Task<IReadOnlyList<RankedNomination>> RankAsync(AwardCampaign campaign, CancellationToken ct)
    {
        var entries = await (from n in db.Set<Nomination>().AsNoTracking()
                             join p in db.Set<Procedure>() on n.ProcedureCode equals p.Code
                             join u in db.Set<Unit>() on n.UnitCode equals u.Code
                             where n.CampaignId == campaign.Id && n.Status == NominationStatus.Submitted
                             select new RankingEntry(n.Id, n.Category, n.UnitCode, n.ProcedureCode, p.Name, n.DataScore, n.SubmittedAt, n.Shortlisted, n.Selected,
                                 u.Kind == UnitKind.Province || u.Kind == UnitKind.City ? UnitGroup.Provinces : UnitGroup.Ministries))
            .ToListAsync(ct);
        return Ranking.Rank(entries, await appraisal.TotalsAsync(campaign, ct), RankingRules.Of(campaign));
    }

    /// <summary>
    /// The units' full names by code as on the campaign's units day (15 is Tỉnh Yên Bái in a 2022–2023 campaign, Tỉnh
    /// Lào Cai in one closing after 1/7/2025), for pages that show a unit to people; a code the registry lacks maps to itself.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> UnitNamesAsync(AwardCampaign campaign, IEnumerable<string> codes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var timeline = await UnitTimeline.LoadAsync(db, ct);
        return codes.Distinct(StringComparer.Ordinal)
            .ToDictionary(c => c, c => timeline.VersionAsOf(c, campaign.UnitsOn)?.Name ?? c, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<ReviewerSpread>> SpreadAsync(AwardCampaign campaign, CancellationToken ct) =>
        Ranking.Spread(await appraisal.TotalsAsync(campaign, ct));

    /// <summary>Shortlist and select (a selected nomination is on the shortlist too).</summary>
    public async Task<Refusal?> DecideAsync(int nominationId, bool shortlisted, bool selected, CancellationToken ct)
    {
        if (await db.Set<Nomination>().SingleOrDefaultAsync(n => n.Id == nominationId, ct) is not { } nomination)
        {
            return Refusal.Of(AwardCodes.NominationNotFound, nominationId);
        }

        if (await db.Set<AwardCampaign>().AnyAsync(c => c.Id == nomination.CampaignId && c.PublishedAt != null, ct))
        {
            return Refusal.Of(AwardCodes.Published);
        }

        if (nomination.Status != NominationStatus.Submitted)
        {
            return Refusal.Of(AwardCodes.Withdrawn);
        }

        var campaign = await db.Set<AwardCampaign>().AsNoTracking().SingleAsync(c => c.Id == nomination.CampaignId, ct);
        if (selected && !nomination.Selected)
        {
            var ranked = await RankAsync(campaign, ct);
            var group = ranked.Single(r => r.Entry.NominationId == nomination.Id).Entry.Group;
            var quota = campaign.AwardsOf(group);
            if (ranked.Count(r => r.Entry.Selected && r.Entry.Group == group && r.Entry.Category == nomination.Category) >= quota)
            {
                var full = Refusal.Of(AwardCodes.GroupQuota, quota);
                return group == UnitGroup.Provinces ? full.Saying("Provinces") : full;
            }
        }

        nomination.Shortlisted = shortlisted || selected;
        nomination.Selected = selected;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Selects, in each group and category, the nominations ranked within the campaign's quota for that group, and
    /// unselects the rest (shortlists stay): a ministry's service never takes a province's place, nor the reverse.
    /// </summary>
    public async Task<Outcome<int>> SelectWithinQuotasAsync(int campaignId, CancellationToken ct)
    {
        if (await db.Set<AwardCampaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct) is not { } campaign)
        {
            return Refusal.Of(AwardCodes.CampaignNotFound, campaignId);
        }

        if (campaign.PublishedAt is not null)
        {
            return Refusal.Of(AwardCodes.Published);
        }

        var chosen = Ranking.WithinQuotas(await RankAsync(campaign, ct), campaign).Select(r => r.Entry.NominationId).ToHashSet();
        foreach (var nomination in await db.Set<Nomination>().Where(n => n.CampaignId == campaignId && n.Status == NominationStatus.Submitted).ToListAsync(ct))
        {
            nomination.Selected = chosen.Contains(nomination.Id);
            nomination.Shortlisted |= nomination.Selected;
        }

        await db.SaveChangesAsync(ct);
        return chosen.Count;
    }

    public async Task<Refusal?> PublishAsync(int campaignId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Set<AwardCampaign>().SingleOrDefaultAsync(c => c.Id == campaignId, ct) is not { } campaign)
        {
            return Refusal.Of(AwardCodes.CampaignNotFound, campaignId);
        }

        if (campaign.PublishedAt is not null)
        {
            return Refusal.Of(AwardCodes.Published);
        }

        if (!await db.Set<Nomination>().AnyAsync(n => n.CampaignId == campaignId && n.Selected && n.Status == NominationStatus.Submitted, ct))
        {
            return Refusal.Of(AwardCodes.NothingSelected);
        }

        campaign.PublishedAt = now;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Published campaigns only, newest first; never a draft or a score in progress.</summary>
    public async Task<List<PublishedResults>> PublishedAsync(bool vietnamese, CancellationToken ct)
    {
        var campaigns = await db.Set<AwardCampaign>().AsNoTracking().Where(c => c.PublishedAt != null).ToListAsync(ct);
        var results = new List<PublishedResults>();
        foreach (var campaign in campaigns.OrderByDescending(c => c.AnnouncementDate))
        {
            var ranked = await RankAsync(campaign, ct);
            var winners = ranked.Where(r => r.Entry.Selected).ToList();
            var ids = winners.Select(w => w.Entry.NominationId).ToList();
            var views = (await db.Set<Nomination>().AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync(ct))
                .ToDictionary(n => n.Id);
            var units = await UnitNamesAsync(campaign, winners.Select(w => w.Entry.UnitCode), ct);
            results.Add(new PublishedResults(campaign.Id, campaign.Name, campaign.Letter, campaign.AnnouncementDate, campaign.PublishedAt!.Value,
                RankingRules.Of(campaign).Describe(vietnamese), vietnamese ? Evidence.DataScore.RuleVi : Evidence.DataScore.RuleEn, campaign.Criteria(),
                winners.Select(w => new PublishedWinner(w.Rank, w.Entry.Category, w.Entry.UnitCode, units[w.Entry.UnitCode], w.Entry.ProcedureCode, w.Entry.ProcedureName,
                    w.Entry.DataScore, w.PanelScore, w.FinalScore, PublicView(NominationWorkflow.View(views[w.Entry.NominationId], w.Entry.ProcedureName)), w.Entry.Group)).ToList()));
        }

        return results;
    }

    /// <summary>What the public sees of a winner: no contact details.</summary>
    private static NominationView PublicView(NominationView view) => view with { ContactName = null, ContactEmail = null, ContactPhone = null };
}
