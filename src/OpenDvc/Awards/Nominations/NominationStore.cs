using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Evidence;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
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

/// <summary>A nomination as lists and exports show it, with its frozen evidence.</summary>
public sealed record NominationView(
    int Id, int CampaignId, string UnitCode, string ProcedureCode, string ProcedureName, NominationCategory Category, NominationStatus Status,
    string Narrative, string? ContactName, string? ContactEmail, string? ContactPhone, DateTimeOffset SubmittedAt,
    ServiceEvidence? Evidence, EligibilityVerdict? Verdict, decimal DataScore, bool Shortlisted, bool Selected);

/// <summary>
/// Nominating a service (NominateService), withdrawing it, and the admin's deadline extensions. Quotas, the deadline
/// and eligibility are enforced here for the API and the pages alike.
/// </summary>
public sealed class NominationStore(OpenDvcDbContext db, ServiceEvidenceQuery evidence, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public Task<AwardCampaign?> CampaignAsync(int id, CancellationToken ct) =>
        db.Set<AwardCampaign>().SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>The live evidence and verdict for a service, before it is nominated.</summary>
    public async Task<(NominationCheck? Check, AwardError? Error)> CheckAsync(ClaimsPrincipal user, int campaignId, string unitCode, string procedureCode, CancellationToken ct)
    {
        if (await CampaignAsync(campaignId, ct) is not { } campaign)
        {
            return (null, AwardError.CampaignNotFound(campaignId));
        }

        if (!UnitAccess.CanRead(user, unitCode))
        {
            return (null, AwardError.Forbidden);
        }

        return await CheckAsync(campaign, unitCode, procedureCode, ct);
    }

    private async Task<(NominationCheck? Check, AwardError? Error)> CheckAsync(AwardCampaign campaign, string unitCode, string procedureCode, CancellationToken ct)
    {
        if (!await db.Set<OnlineService>().AnyAsync(s => s.UnitCode == unitCode && s.ProcedureCode == procedureCode, ct)
            || await evidence.ForServiceAsync(campaign, unitCode, procedureCode, ct) is not { } found)
        {
            return (null, new AwardError(422, "OD-AWARD-NOT-A-SERVICE", $"Đơn vị {unitCode} không cung cấp trực tuyến thủ tục {procedureCode}.", $"Unit {unitCode} does not provide procedure {procedureCode} online."));
        }

        return (new NominationCheck(found, Eligibility.Judge(campaign, found), DataScore.Of(found, campaign.MinRatings)), null);
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
    public async Task<(Nomination? Nomination, NominationCheck? Check, AwardError? Error)> NominateServiceAsync(ClaimsPrincipal user, int campaignId, NominationInput input, CancellationToken ct)
    {
        if (await CampaignAsync(campaignId, ct) is not { } campaign)
        {
            return (null, null, AwardError.CampaignNotFound(campaignId));
        }

        if (!UnitAccess.CanEdit(user, input.UnitCode))
        {
            return (null, null, AwardError.Forbidden);
        }

        if (await OpenForAsync(campaign, input.UnitCode, ct) is { } closed)
        {
            return (null, null, closed);
        }

        var procedure = await db.Set<Procedure>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == input.ProcedureCode, ct);
        if (procedure is not null && !Fits(input.Category, procedure.Audience))
        {
            return (null, null, new AwardError(422, "OD-AWARD-CATEGORY-AUDIENCE",
                "Đối tượng của thủ tục không phù hợp với nhóm đề xuất.", "The procedure's audience does not fit the category."));
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

        var (check, error) = await CheckAsync(campaign, input.UnitCode, input.ProcedureCode, ct);
        if (error is not null)
        {
            return (null, null, error);
        }

        if (await DuplicatedAsync(nomination, ct))
        {
            return (null, null, Duplicate);
        }

        db.Add(nomination);
        await db.SaveChangesAsync(ct);
        return (nomination, check, null);
    }

    /// <summary>Changes a unit's draft (narrative and contact) while the campaign is open for the unit.</summary>
    public async Task<(Nomination? Nomination, AwardError? Error)> EditDraftAsync(ClaimsPrincipal user, int nominationId, NominationDraftInput input, CancellationToken ct)
    {
        var (nomination, _, error) = await DraftAsync(user, nominationId, ct);
        if (error is not null)
        {
            return (null, error);
        }

        Describe(nomination!, input);
        nomination!.SubmittedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (nomination, null);
    }

    /// <summary>Submits a unit's draft: the same quota, deadline and eligibility as a direct nomination; the evidence is frozen now.</summary>
    public async Task<(Nomination? Nomination, NominationCheck? Check, AwardError? Error)> SubmitDraftAsync(ClaimsPrincipal user, int nominationId, CancellationToken ct)
    {
        var (nomination, campaign, error) = await DraftAsync(user, nominationId, ct);
        if (error is not null)
        {
            return (null, null, error);
        }

        nomination!.SubmittedAt = time.GetUtcNow();
        return await SubmitAsync(campaign!, nomination, ct);
    }

    /// <summary>The tracked draft and its campaign when the caller may change it now (its unit, before the deadline); otherwise why not.</summary>
    private async Task<(Nomination? Nomination, AwardCampaign? Campaign, AwardError? Error)> DraftAsync(ClaimsPrincipal user, int nominationId, CancellationToken ct)
    {
        if (await db.Set<Nomination>().SingleOrDefaultAsync(n => n.Id == nominationId, ct) is not { } nomination)
        {
            return (null, null, AwardError.NominationNotFound(nominationId));
        }

        if (!UnitAccess.CanEdit(user, nomination.UnitCode))
        {
            return (null, null, AwardError.Forbidden);
        }

        if (nomination.Status != NominationStatus.Draft)
        {
            return (null, null, new AwardError(409, "OD-AWARD-NOT-A-DRAFT", "Đề xuất này không còn là bản nháp.", "This nomination is not a draft any more."));
        }

        var campaign = (await CampaignAsync(nomination.CampaignId, ct))!;
        return await OpenForAsync(campaign, nomination.UnitCode, ct) is { } closed ? (null, null, closed) : (nomination, campaign, null);
    }

    /// <summary>Null while the unit may still nominate in the campaign; otherwise why not.</summary>
    private async Task<AwardError?> OpenForAsync(AwardCampaign campaign, string unitCode, CancellationToken ct)
    {
        if (campaign.PublishedAt is not null)
        {
            return AwardError.Published;
        }

        if (await NotInForceAsync(campaign, unitCode, ct) is { } ended)
        {
            return ended;
        }

        var (today, lastDay) = await DeadlineAsync(campaign, unitCode, ct);
        return today > lastDay
            ? new AwardError(409, "OD-AWARD-DEADLINE-PASSED", $"Đã quá hạn đề xuất ({lastDay:dd/MM/yyyy}).", $"The nomination deadline ({lastDay:dd/MM/yyyy}) has passed.")
            : null;
    }

    /// <summary>
    /// A campaign's eligible units are those in force on its last day: its nomination deadline, or the end of its last
    /// covered year when that comes first. A unit that ended before (10, the old Lào Cai, in a 2024–2025 campaign
    /// closing 31/8/2025) nominates no more, its successor does; nor does one not yet begun.
    /// </summary>
    private async Task<AwardError?> NotInForceAsync(AwardCampaign campaign, string unitCode, CancellationToken ct)
    {
        var timeline = await UnitTimeline.LoadAsync(db, ct);
        var day = campaign.UnitsOn;
        if (!timeline.Knows(unitCode) || timeline.VersionOn(unitCode, day) is not null)
        {
            return null;
        }

        var successor = timeline.SuccessorOn(unitCode, day);
        return new AwardError(422, "OD-AWARD-UNIT-NOT-IN-FORCE",
            $"Đơn vị {unitCode} không hoạt động vào ngày cuối của đợt tôn vinh ({day:dd/MM/yyyy}){(successor is null ? "" : $"; đơn vị kế thừa {successor} đề xuất thay")}.",
            $"Unit {unitCode} is not in force on the campaign's last day ({day:dd/MM/yyyy}){(successor is null ? "" : $"; its successor {successor} nominates instead")}.");
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

    private static AwardError Duplicate => new(409, "OD-AWARD-DUPLICATE", "Dịch vụ này đã được đề xuất trong nhóm này.", "This service is already nominated in this category.");

    /// <summary>
    /// Submits a new nomination or a tracked draft: quota, eligibility, then the evidence frozen, in one transaction
    /// serialised per campaign, unit and category, so two simultaneous submissions cannot both see 4 of 5 places used.
    /// A file import runs every row in its own transaction (NominationImport); the lock then lasts until that ends.
    /// </summary>
    private async Task<(Nomination? Nomination, NominationCheck? Check, AwardError? Error)> SubmitAsync(AwardCampaign campaign, Nomination nomination, CancellationToken ct)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await LockQuotaAsync(campaign.Id, nomination.UnitCode, nomination.Category, ct);
        if (await DuplicatedAsync(nomination, ct))
        {
            return (null, null, Duplicate);
        }

        var quota = campaign.QuotaOf(nomination.Category);
        var used = await db.Set<Nomination>().CountAsync(n => n.CampaignId == campaign.Id && n.UnitCode == nomination.UnitCode && n.Id != nomination.Id
            && n.Category == nomination.Category && n.Status == NominationStatus.Submitted, ct);
        if (used >= quota)
        {
            return (null, null, new AwardError(409, "OD-AWARD-QUOTA",
                $"Đơn vị đã đề xuất đủ {quota} dịch vụ trong nhóm này.", $"The unit has already nominated {quota} service(s) in this category."));
        }

        var (check, error) = await CheckAsync(campaign, nomination.UnitCode, nomination.ProcedureCode, ct);
        if (error is not null)
        {
            return (null, null, error);
        }

        if (!check!.Verdict.Eligible)
        {
            return (null, check, new AwardError(422, "OD-AWARD-NOT-ELIGIBLE",
                "Dịch vụ chưa đủ điều kiện theo Công văn 3179/BTTTT-CĐSQG.", "The service does not meet the criteria of letter 3179/BTTTT-CĐSQG.", check.Verdict));
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

        return (nomination, check, null);
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
    public async Task<AwardError?> WithdrawAsync(ClaimsPrincipal user, int nominationId, CancellationToken ct)
    {
        if (await db.Set<Nomination>().SingleOrDefaultAsync(n => n.Id == nominationId, ct) is not { } nomination)
        {
            return AwardError.NominationNotFound(nominationId);
        }

        if (!UnitAccess.CanEdit(user, nomination.UnitCode))
        {
            return AwardError.Forbidden;
        }

        var campaign = await CampaignAsync(nomination.CampaignId, ct);
        var (today, lastDay) = await DeadlineAsync(campaign!, nomination.UnitCode, ct);
        if (campaign!.PublishedAt is not null || today > lastDay)
        {
            return new AwardError(409, "OD-AWARD-DEADLINE-PASSED", $"Đã quá hạn ({lastDay:dd/MM/yyyy}).", $"The deadline ({lastDay:dd/MM/yyyy}) has passed.");
        }

        nomination.Status = NominationStatus.Withdrawn;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// A focal point declares its unit nominates nothing in the campaign (or, <paramref name="none"/> false, takes the
    /// declaration back), while the campaign is open for the unit; refused while the unit has a submitted nomination.
    /// </summary>
    public async Task<AwardError?> DeclareNoNominationsAsync(ClaimsPrincipal user, int campaignId, string unitCode, bool none, CancellationToken ct)
    {
        if (await CampaignAsync(campaignId, ct) is not { } campaign)
        {
            return AwardError.CampaignNotFound(campaignId);
        }

        if (!UnitAccess.CanEdit(user, unitCode))
        {
            return AwardError.Forbidden;
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
            return new AwardError(409, "OD-AWARD-HAS-NOMINATIONS", "Đơn vị đã gửi đề xuất trong đợt này; không khai báo \"không có đề xuất\" được.",
                "The unit has submitted nominations in this campaign; it cannot declare it has none.");
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
    public async Task<AwardError?> GrantExtensionAsync(int campaignId, string unitCode, DateOnly until, string? reason, CancellationToken ct)
    {
        if (await CampaignAsync(campaignId, ct) is not { } campaign)
        {
            return AwardError.CampaignNotFound(campaignId);
        }

        if (!await db.Set<Registry.Units.Unit>().AnyAsync(u => u.Code == unitCode, ct))
        {
            return new AwardError(422, "OD-UNIT-UNKNOWN", $"Không có đơn vị mã '{unitCode}'.", $"No unit with code '{unitCode}'.");
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
