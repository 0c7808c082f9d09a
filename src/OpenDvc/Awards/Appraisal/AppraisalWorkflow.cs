using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Awards.Results;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry.Procedures;

namespace OpenDvc.Awards.Appraisal;

/// <summary>A review as its reviewer's to-do list shows it.</summary>
public sealed record ReviewView(int Id, int NominationId, int CampaignId, string UnitCode, string ProcedureCode, string ProcedureName,
    NominationCategory Category, IReadOnlyDictionary<string, int> Scores, string? Comment, DateTimeOffset? ScoredAt, decimal? Total);

/// <summary>
/// Appraisal: balanced assignment of nominations to reviewers, scoring on the rubric. A reviewer who belongs to a
/// unit (an expert from a ministry or province) is never assigned that unit's nominations and may not score them.
/// </summary>
public sealed class AppraisalWorkflow(OpenDvcDbContext db, UserManager<User> users, TimeProvider time)
{
    /// <summary>
    /// Gives every active nomination of the campaign up to the campaign's number of reviewers: each place goes to the
    /// reviewer with the fewest reviews in the campaign so far (ties by login name), never one of the nomination's unit.
    /// Existing assignments are kept, so running it again only fills gaps (e.g. after new reviewers are added).
    /// </summary>
    public async Task<Outcome<int>> AssignBalancedAsync(int campaignId, CancellationToken ct)
    {
        if (await db.Set<AwardCampaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct) is not { } campaign)
        {
            return Refusal.Of(AwardCodes.CampaignNotFound, campaignId);
        }

        if (campaign.PublishedAt is not null)
        {
            return Refusal.Of(AwardCodes.Published);
        }

        var reviewers = (await users.GetUsersInRoleAsync(Roles.Reviewer)).OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
        var nominations = await db.Set<Nomination>().AsNoTracking()
            .Where(n => n.CampaignId == campaignId && n.Status == NominationStatus.Submitted)
            .OrderBy(n => n.Id).Select(n => new { n.Id, n.UnitCode }).ToListAsync(ct);
        var ids = nominations.Select(n => n.Id).ToList();
        var existing = await db.Set<Review>().AsNoTracking().Where(r => ids.Contains(r.NominationId)).Select(r => new { r.NominationId, r.ReviewerUserName }).ToListAsync(ct);
        var load = reviewers.ToDictionary(r => r.UserName!, r => existing.Count(e => e.ReviewerUserName == r.UserName), StringComparer.Ordinal);
        var added = 0;
        foreach (var nomination in nominations)
        {
            var assigned = existing.Where(e => e.NominationId == nomination.Id).Select(e => e.ReviewerUserName).ToHashSet(StringComparer.Ordinal);
            var candidates = reviewers
                .Where(r => r.UnitCode != nomination.UnitCode && !assigned.Contains(r.UserName!))
                .OrderBy(r => load[r.UserName!]).ThenBy(r => r.UserName, StringComparer.Ordinal)
                .Take(Math.Max(0, campaign.ReviewersPerNomination - assigned.Count));
            foreach (var reviewer in candidates)
            {
                db.Add(new Review { NominationId = nomination.Id, ReviewerUserName = reviewer.UserName! });
                load[reviewer.UserName!]++;
                added++;
            }
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>A reviewer scores an assigned nomination on every criterion of the rubric (0..scale), with a comment.</summary>
    public async Task<Refusal?> ScoreAsync(ClaimsPrincipal user, int nominationId, IReadOnlyDictionary<string, int> scores, string? comment, CancellationToken ct)
    {
        if (await db.Set<Nomination>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == nominationId, ct) is not { } nomination)
        {
            return Refusal.Of(AwardCodes.NominationNotFound, nominationId);
        }

        var campaign = await db.Set<AwardCampaign>().AsNoTracking().SingleAsync(c => c.Id == nomination.CampaignId, ct);
        if (campaign.PublishedAt is not null)
        {
            return Refusal.Of(AwardCodes.Published);
        }

        var reviewer = await users.GetUserAsync(user);
        if (reviewer is null)
        {
            return Refusal.Of(PlatformCodes.Forbidden);
        }

        // Checked against the stored user, not the cookie: a unit given to an expert after sign-in still counts.
        if (reviewer.UnitCode is not null && reviewer.UnitCode == nomination.UnitCode)
        {
            return Refusal.Of(AwardCodes.ConflictOfInterest);
        }

        var review = await db.Set<Review>().SingleOrDefaultAsync(r => r.NominationId == nominationId && r.ReviewerUserName == reviewer.UserName, ct);
        if (review is null)
        {
            return Refusal.Of(AwardCodes.NotAssigned);
        }

        var criteria = campaign.Criteria();
        var wrong = criteria.Where(c => !scores.TryGetValue(c.Code, out var s) || s < 0 || s > campaign.ScaleMax).Select(c => c.Code)
            .Concat(scores.Keys.Where(k => criteria.All(c => c.Code != k))).ToList();
        if (wrong.Count > 0)
        {
            return Refusal.Of(AwardCodes.ScoreInvalid, campaign.ScaleMax, string.Join(", ", wrong)).With("detail", wrong);
        }

        review.Scores = JsonSerializer.Serialize(criteria.ToDictionary(c => c.Code, c => scores[c.Code]));
        review.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        review.ScoredAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>A reviewer's assignments: to do (not scored), done, or all.</summary>
    public async Task<List<ReviewView>> ReviewsOfAsync(string userName, bool? done, CancellationToken ct) =>
        (await ReviewsAsync(userName, null, done, ct)).Select(r => r.Review).ToList();

    /// <summary>Reviews with their reviewer, filtered by reviewer, campaign and to do/done.</summary>
    public async Task<List<ScoreRow>> ReviewsAsync(string? userName, int? campaignId, bool? done, CancellationToken ct)
    {
        var rows = await (from r in db.Set<Review>().AsNoTracking()
                          join n in db.Set<Nomination>() on r.NominationId equals n.Id
                          join p in db.Set<Procedure>() on n.ProcedureCode equals p.Code
                          join c in db.Set<AwardCampaign>() on n.CampaignId equals c.Id
                          where (userName == null || r.ReviewerUserName == userName) && (campaignId == null || n.CampaignId == campaignId)
                              && n.Status == NominationStatus.Submitted
                              && (done == null || (done == true ? r.ScoredAt != null : r.ScoredAt == null))
                          orderby r.Id
                          select new { r, n.CampaignId, n.UnitCode, n.ProcedureCode, p.Name, n.Category, c.Rubric, c.ScaleMax }).ToListAsync(ct);
        return rows.Select(x =>
        {
            var criteria = new AwardCampaign { Name = "", Rubric = x.Rubric }.Criteria();
            var scores = x.r.ScoreMap();
            return new ScoreRow(x.r.ReviewerUserName, new ReviewView(x.r.Id, x.r.NominationId, x.CampaignId, x.UnitCode, x.ProcedureCode, x.Name, x.Category, scores, x.r.Comment, x.r.ScoredAt,
                x.r.ScoredAt is null ? null : Math.Round(Ranking.TotalOf(criteria, x.ScaleMax, scores), 2)));
        }).ToList();
    }

    /// <summary>Every scored review's total in the campaign (active nominations only).</summary>
    public async Task<List<ReviewTotal>> TotalsAsync(AwardCampaign campaign, CancellationToken ct)
    {
        var criteria = campaign.Criteria();
        var rows = await (from r in db.Set<Review>().AsNoTracking()
                          join n in db.Set<Nomination>() on r.NominationId equals n.Id
                          where n.CampaignId == campaign.Id && n.Status == NominationStatus.Submitted && r.ScoredAt != null
                          orderby r.Id
                          select r).ToListAsync(ct);
        return rows.Select(r => new ReviewTotal(r.NominationId, r.ReviewerUserName, Ranking.TotalOf(criteria, campaign.ScaleMax, r.ScoreMap()))).ToList();
    }
}
