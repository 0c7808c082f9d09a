using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Evidence;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Time;
using OpenDvc.Registry;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Awards.Nominations;

/// <summary>What a focal point sends to nominate one of its unit's services; <c>Draft</c> saves it unsubmitted.</summary>
public sealed record NominationInput(
    [Required, StringLength(16)] string UnitCode,
    [Required, StringLength(32)] string ProcedureCode,
    NominationCategory Category,
    [StringLength(8000)] string? Narrative,
    [StringLength(128)] string? ContactName,
    [StringLength(256)] string? ContactEmail,
    [StringLength(32)] string? ContactPhone,
    bool Draft = false);

/// <summary>What a unit may change in its draft: its account of the service and the contact (service and category stay).</summary>
public sealed record NominationDraftInput(
    [StringLength(8000)] string? Narrative,
    [StringLength(128)] string? ContactName,
    [StringLength(256)] string? ContactEmail,
    [StringLength(32)] string? ContactPhone);

/// <summary>The evidence and verdict of a service, live before submission or frozen after it.</summary>
public sealed record NominationCheck(ServiceEvidence Evidence, EligibilityVerdict Verdict, decimal DataScore);

/// <summary>A nomination just made or submitted (or saved as a draft), with the evidence and verdict it was judged on.</summary>
public sealed record Nominated(Nomination Nomination, NominationCheck Check);

/// <summary>A nomination as lists and exports show it, with its frozen evidence.</summary>
public sealed record NominationView(
    int Id, int CampaignId, string UnitCode, string ProcedureCode, string ProcedureName, NominationCategory Category, NominationStatus Status,
    string Narrative, string? ContactName, string? ContactEmail, string? ContactPhone, DateTimeOffset SubmittedAt,
    ServiceEvidence? Evidence, EligibilityVerdict? Verdict, decimal DataScore, bool Shortlisted, bool Selected);

/// <summary>
/// Nominating a service (NominateService), withdrawing it, and the admin's deadline extensions. Quotas, the deadline
/// and eligibility are enforced here for the API and the pages alike.
/// </summary>
public sealed class NominationWorkflow(OpenDvcDbContext db, ServiceEvidenceQuery evidence, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public Task<AwardCampaign?> CampaignAsync(int id, CancellationToken ct) =>
        db.Set<AwardCampaign>().SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>The live evidence and verdict for a service, before it is nominated.</summary>
    public async Task<Outcome<NominationCheck>> CheckAsync(ClaimsPrincipal user, int campaignId, string unitCode, string procedureCode, CancellationToken ct)
    {
        if (await CampaignAsync(campaignId, ct) is not { } campaign)
        {
            return Refusal.Of(AwardCodes.CampaignNotFound, campaignId);
        }

        if (!UnitAccess.CanRead(user, unitCode))
        {
            return Refusal.Of(PlatformCodes.Forbidden);
        }

        return await CheckAsync(campaign, unitCode, procedureCode, ct);
    }

    private async Task<Outcome<NominationCheck>> CheckAsync(AwardCampaign campaign, string unitCode, string procedureCode, CancellationToken ct)
    {
        if (!await db.Set<OnlineService>().AnyAsync(s => s.UnitCode == unitCode && s.ProcedureCode == procedureCode, ct)
            || await evidence.ForServiceAsync(campaign, unitCode, procedureCode, ct) is not { } found)
        {
            return Refusal.Of(AwardCodes.NotAService, unitCode, procedureCode);
        }

        return new NominationCheck(found, Eligibility.Judge(campaign, found), DataScore.Of(found, campaign.MinRatings));
    }

    /// <summary>Vietnam's calendar day now, and the last day this unit may submit in the campaign.</summary>
    public async Task<(DateOnly Today, DateOnly LastDay)> DeadlineAsync(AwardCampaign campaign, string unitCode, CancellationToken ct)
    {
        var extension = await db.Set<CampaignExtension>().AsNoTracking().SingleOrDefaultAsync(e => e.CampaignId == campaign.Id && e.UnitCode == unitCode, ct);
        var last = extension is not null && extension.Until > campaign.NominationDeadline ? extension.Until : campaign.NominationDeadline;
        return (VietnamTime.DateOf(time.GetUtcNow()), last);
    }

    /// <summary>
    /// Nominates a service: submitted at once (quota, eligibility, the evidence frozen), or saved as a draft
    /// (<see cref="NominationInput.Draft"/>) that the unit completes, attaches files to and submits later
    /// (<see cref="SubmitDraftAsync"/>); a draft holds no quota place and freezes nothing.
    /// </summary>
    public async Task<Outcome<Nominated>> NominateServiceAsync(ClaimsPrincipal user, int campaignId, NominationInput input, CancellationToken ct)
    {
        if (await CampaignAsync(campaignId, ct) is not { } campaign)
        {
            return Refusal.Of(AwardCodes.CampaignNotFound, campaignId);
        }

        if (!UnitAccess.CanEdit(user, input.UnitCode))
        {
            return Refusal.Of(PlatformCodes.Forbidden);
        }

        if (await OpenForAsync(campaign, input.UnitCode, ct) is { } closed)
        {
            return closed;
        }

        var procedure = await db.Set<Procedure>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == input.ProcedureCode, ct);
        if (procedure is not null && !Fits(input.Category, procedure.Audience))
        {
            return Refusal.Of(AwardCodes.CategoryAudience);
        }

        var nomination = new Nomination
        {
            CampaignId = campaignId,
            UnitCode = input.UnitCode,
            ProcedureCode = input.ProcedureCode,
            Category = input.Category,
            Status = NominationStatus.Draft,
            SubmittedAt = time.GetUtcNow(),
        };
        Describe(nomination, new NominationDraftInput(input.Narrative, input.ContactName, input.ContactEmail, input.ContactPhone));
        if (!input.Draft)
        {
            return await SubmitAsync(campaign, nomination, ct);
        }

        var (check, refusal) = await CheckAsync(campaign, input.UnitCode, input.ProcedureCode, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await DuplicatedAsync(nomination, ct))
        {
            return Refusal.Of(AwardCodes.Duplicate);
        }

        db.Add(nomination);
        await db.SaveChangesAsync(ct);
        return new Nominated(nomination, check!);
    }

    /// <summary>Changes a unit's draft (narrative and contact) while the campaign is open for the unit.</summary>
    public async Task<Outcome<Nomination>> EditDraftAsync(ClaimsPrincipal user, int nominationId, NominationDraftInput input, CancellationToken ct)
    {
        var (draft, refusal) = await DraftAsync(user, nominationId, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        Describe(draft!.Nomination, input);
        draft.Nomination.SubmittedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return draft.Nomination;
    }

    /// <summary>Submits a unit's draft: the same quota, deadline and eligibility as a direct nomination; the evidence is frozen now.</summary>
    public async Task<Outcome<Nominated>> SubmitDraftAsync(ClaimsPrincipal user, int nominationId, CancellationToken ct)
    {
        var (draft, refusal) = await DraftAsync(user, nominationId, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        draft!.Nomination.SubmittedAt = time.GetUtcNow();
        return await SubmitAsync(draft.Campaign, draft.Nomination, ct);
    }

    /// <summary>The tracked draft and its campaign when the caller may change it now (its unit, before the deadline); otherwise why not.</summary>
    private async Task<Outcome<OpenDraft>> DraftAsync(ClaimsPrincipal user, int nominationId, CancellationToken ct)
    {
        if (await db.Set<Nomination>().SingleOrDefaultAsync(n => n.Id == nominationId, ct) is not { } nomination)
        {
            return Refusal.Of(AwardCodes.NominationNotFound, nominationId);
        }

        if (!UnitAccess.CanEdit(user, nomination.UnitCode))
        {
            return Refusal.Of(PlatformCodes.Forbidden);
        }

        if (nomination.Status != NominationStatus.Draft)
        {
            return Refusal.Of(AwardCodes.NotADraft);
        }

        var campaign = (await CampaignAsync(nomination.CampaignId, ct))!;
        return await OpenForAsync(campaign, nomination.UnitCode, ct) is { } closed ? closed : new OpenDraft(nomination, campaign);
    }

    /// <summary>A tracked draft the caller may change now, and its campaign.</summary>
    private sealed record OpenDraft(Nomination Nomination, AwardCampaign Campaign);

    /// <summary>Null while the unit may still nominate in the campaign; otherwise why not.</summary>
    private async Task<Refusal?> OpenForAsync(AwardCampaign campaign, string unitCode, CancellationToken ct)
    {
        if (campaign.PublishedAt is not null)
        {
            return Refusal.Of(AwardCodes.Published);
        }

        if (await NotInForceAsync(campaign, unitCode, ct) is { } ended)
        {
            return ended;
        }

        var (today, lastDay) = await DeadlineAsync(campaign, unitCode, ct);
        return today > lastDay
            ? Refusal.Of(AwardCodes.DeadlinePassed, lastDay)
            : null;
    }

    /// <summary>
    /// A campaign's eligible units are those in force on its last day: its nomination deadline, or the end of its last
    /// covered year when that comes first. A unit that ended before (10, the old Lào Cai, in a 2024–2025 campaign
    /// closing 31/8/2025) nominates no more, its successor does; nor does one not yet begun.
    /// </summary>
    private async Task<Refusal?> NotInForceAsync(AwardCampaign campaign, string unitCode, CancellationToken ct)
    {
        var timeline = await UnitTimeline.LoadAsync(db, ct);
        var day = campaign.UnitsOn;
        if (!timeline.Knows(unitCode) || timeline.VersionOn(unitCode, day) is not null)
        {
            return null;
        }

        var successor = timeline.SuccessorOn(unitCode, day);
        var refusal = Refusal.Of(AwardCodes.UnitNotInForce, unitCode, day, successor);
        return successor is null ? refusal : refusal.Saying("Successor");
    }

    /// <summary>
    /// Another nomination of the unit for the same service and category: a submitted one always; a draft too when this
    /// one is new (the unit submits that draft instead), not when this one is that draft being submitted.
    /// </summary>
    private Task<bool> DuplicatedAsync(Nomination nomination, CancellationToken ct)
    {
        var draftsToo = nomination.Id == 0;
        return db.Set<Nomination>().AnyAsync(n => n.CampaignId == nomination.CampaignId && n.UnitCode == nomination.UnitCode && n.Id != nomination.Id
            && n.ProcedureCode == nomination.ProcedureCode && n.Category == nomination.Category
            && (n.Status == NominationStatus.Submitted || (draftsToo && n.Status == NominationStatus.Draft)), ct);
    }

    /// <summary>The unit's account of the service and its contact, as a nomination or a draft's edit gives them.</summary>
    private static void Describe(Nomination nomination, NominationDraftInput input)
    {
        nomination.Narrative = input.Narrative?.Trim() ?? "";
        nomination.ContactName = input.ContactName?.Trim();
        nomination.ContactEmail = input.ContactEmail?.Trim();
        nomination.ContactPhone = input.ContactPhone?.Trim();
    }

    /// <summary>
    /// Submits a new nomination or a tracked draft: quota, eligibility, then the evidence frozen, in one transaction
    /// serialised per campaign, unit and category, so two simultaneous submissions cannot both see 4 of 5 places used.
    /// A file import runs every row in its own transaction (NominationImport); the lock then lasts until that ends.
    /// </summary>
    private async Task<Outcome<Nominated>> SubmitAsync(AwardCampaign campaign, Nomination nomination, CancellationToken ct)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await LockQuotaAsync(campaign.Id, nomination.UnitCode, nomination.Category, ct);
        if (await DuplicatedAsync(nomination, ct))
        {
            return Refusal.Of(AwardCodes.Duplicate);
        }

        var quota = campaign.QuotaOf(nomination.Category);
        var used = await db.Set<Nomination>().CountAsync(n => n.CampaignId == campaign.Id && n.UnitCode == nomination.UnitCode && n.Id != nomination.Id
            && n.Category == nomination.Category && n.Status == NominationStatus.Submitted, ct);
        if (used >= quota)
        {
            return Refusal.Of(AwardCodes.Quota, quota);
        }

        var (check, refusal) = await CheckAsync(campaign, nomination.UnitCode, nomination.ProcedureCode, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!check!.Verdict.Eligible)
        {
            // The verdict goes with the refusal: the API's problem shows it, the page reads it to show why.
            return Refusal.Of(AwardCodes.NotEligible).With("detail", check.Verdict);
        }

        nomination.Status = NominationStatus.Submitted;
        nomination.Evidence = JsonSerializer.Serialize(check.Evidence, Json);
        nomination.Verdict = JsonSerializer.Serialize(check.Verdict, Json);
        nomination.DataScore = check.DataScore;
        if (nomination.Id == 0)
        {
            db.Add(nomination);
        }

        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return new Nominated(nomination, check);
    }

    /// <summary>
    /// Serialises the quota check of one campaign, unit and category until the transaction ends: a transaction-scoped
    /// advisory lock on PostgreSQL (other units and categories are not held up); on SQLite, a first write that takes
    /// the database's single writer lock, so the count that follows cannot be raced.
    /// </summary>
    private async Task LockQuotaAsync(int campaignId, string unitCode, NominationCategory category, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({campaignId}, {StableKey($"award-quota/{unitCode}/{(int)category}")})", ct);
            return;
        }

        await db.Database.ExecuteSqlAsync($"UPDATE award_campaigns SET \"Id\" = \"Id\" WHERE \"Id\" = {campaignId}", ct);
    }

    /// <summary>FNV-1a: the same key in every process (string.GetHashCode is randomised per process).</summary>
    private static int StableKey(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return unchecked((int)hash);
    }

    /// <summary>A focal point withdraws its unit's nomination before the deadline (which frees its quota place).</summary>
    public async Task<Refusal?> WithdrawAsync(ClaimsPrincipal user, int nominationId, CancellationToken ct)
    {
        if (await db.Set<Nomination>().SingleOrDefaultAsync(n => n.Id == nominationId, ct) is not { } nomination)
        {
            return Refusal.Of(AwardCodes.NominationNotFound, nominationId);
        }

        if (!UnitAccess.CanEdit(user, nomination.UnitCode))
        {
            return Refusal.Of(PlatformCodes.Forbidden);
        }

        var campaign = await CampaignAsync(nomination.CampaignId, ct);
        var (today, lastDay) = await DeadlineAsync(campaign!, nomination.UnitCode, ct);
        if (campaign!.PublishedAt is not null || today > lastDay)
        {
            return Refusal.Of(AwardCodes.DeadlinePassed, lastDay).Saying("Withdraw");
        }

        nomination.Status = NominationStatus.Withdrawn;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// A focal point declares its unit nominates nothing in the campaign (or, <paramref name="none"/> false, takes the
    /// declaration back), while the campaign is open for the unit; refused while the unit has a submitted nomination.
    /// </summary>
    public async Task<Refusal?> DeclareNoNominationsAsync(ClaimsPrincipal user, int campaignId, string unitCode, bool none, CancellationToken ct)
    {
        if (await CampaignAsync(campaignId, ct) is not { } campaign)
        {
            return Refusal.Of(AwardCodes.CampaignNotFound, campaignId);
        }

        if (!UnitAccess.CanEdit(user, unitCode))
        {
            return Refusal.Of(PlatformCodes.Forbidden);
        }

        if (await OpenForAsync(campaign, unitCode, ct) is { } closed)
        {
            return closed;
        }

        var declaration = await db.Set<NoNominations>().SingleOrDefaultAsync(n => n.CampaignId == campaignId && n.UnitCode == unitCode, ct);
        if (!none)
        {
            if (declaration is not null)
            {
                db.Remove(declaration);
                await db.SaveChangesAsync(ct);
            }

            return null;
        }

        if (await db.Set<Nomination>().AnyAsync(n => n.CampaignId == campaignId && n.UnitCode == unitCode && n.Status == NominationStatus.Submitted, ct))
        {
            return Refusal.Of(AwardCodes.HasNominations);
        }

        if (declaration is null)
        {
            db.Add(new NoNominations { CampaignId = campaignId, UnitCode = unitCode, DeclaredAt = time.GetUtcNow(), DeclaredBy = user.Identity?.Name ?? "" });
            await db.SaveChangesAsync(ct);
        }

        return null;
    }

    /// <summary>Whether the unit has declared it nominates nothing in the campaign.</summary>
    public Task<bool> DeclaredNoNominationsAsync(int campaignId, string unitCode, CancellationToken ct) =>
        db.Set<NoNominations>().AnyAsync(n => n.CampaignId == campaignId && n.UnitCode == unitCode, ct);

    /// <summary>An admin lets a unit submit until a later day; the change is audited (CampaignExtension).</summary>
    public async Task<Refusal?> GrantExtensionAsync(int campaignId, string unitCode, DateOnly until, string? reason, CancellationToken ct)
    {
        if (await CampaignAsync(campaignId, ct) is not { } campaign)
        {
            return Refusal.Of(AwardCodes.CampaignNotFound, campaignId);
        }

        if (!await db.Set<Registry.Units.Unit>().AnyAsync(u => u.Code == unitCode, ct))
        {
            return Refusal.Of(PlatformCodes.UnitUnknown, unitCode) with { Status = StatusCodes.Status422UnprocessableEntity };
        }

        if (await NotInForceAsync(campaign, unitCode, ct) is { } ended)
        {
            return ended;
        }

        var extension = await db.Set<CampaignExtension>().SingleOrDefaultAsync(e => e.CampaignId == campaignId && e.UnitCode == unitCode, ct);
        if (extension is null)
        {
            db.Add(new CampaignExtension { CampaignId = campaignId, UnitCode = unitCode, Until = until, Reason = reason });
        }
        else
        {
            extension.Until = until;
            extension.Reason = reason;
        }

        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Nominations of a campaign the caller may see: staff every unit, a focal point its own.</summary>
    public IQueryable<Nomination> Visible(ClaimsPrincipal user, int campaignId, string? unitCode)
    {
        var query = db.Set<Nomination>().AsNoTracking().Where(n => n.CampaignId == campaignId);
        if (!UnitAccess.IsStaff(user))
        {
            var own = UnitAccess.UnitOf(user);
            query = query.Where(n => n.UnitCode == own);
        }

        return unitCode is null ? query : query.Where(n => n.UnitCode == unitCode);
    }

    public async Task<List<NominationView>> ViewsAsync(IQueryable<Nomination> query, CancellationToken ct)
    {
        var rows = await (from n in query
                          join p in db.Set<Procedure>() on n.ProcedureCode equals p.Code
                          orderby n.Category, n.UnitCode, n.Id
                          select new { n, p.Name }).ToListAsync(ct);
        return rows.Select(r => View(r.n, r.Name)).ToList();
    }

    public static NominationView View(Nomination n, string procedureName) => new(
        n.Id, n.CampaignId, n.UnitCode, n.ProcedureCode, procedureName, n.Category, n.Status, n.Narrative, n.ContactName, n.ContactEmail, n.ContactPhone,
        n.SubmittedAt,
        n.Status == NominationStatus.Draft ? null : JsonSerializer.Deserialize<ServiceEvidence>(n.Evidence, Json),
        n.Status == NominationStatus.Draft ? null : JsonSerializer.Deserialize<EligibilityVerdict>(n.Verdict, Json),
        n.DataScore, n.Shortlisted, n.Selected);

    public static bool Fits(NominationCategory category, Audience audience) => category switch
    {
        NominationCategory.CitizenServices => audience is Audience.Citizens or Audience.Both,
        NominationCategory.BusinessServices => audience is Audience.Businesses or Audience.Both,
        _ => true,
    };
}
