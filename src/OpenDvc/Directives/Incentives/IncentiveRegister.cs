using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Time;
using OpenDvc.Registry;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Directives.Incentives;

/// <summary>A policy as a unit's focal point or an admin writes it.</summary>
public sealed record IncentivePolicyInput(
    [property: Required, StringLength(16)] string Unit,
    [property: Required] IncentiveKind? Kind,
    [property: Range(1, 100)] int? Percent,
    [property: StringLength(1000)] string? Description,
    [property: Required] DateOnly? Since,
    DateOnly? Until,
    [property: Required, StringLength(64)] string DocumentNumber,
    [property: Required] DateOnly? DocumentDate,
    [property: Required, StringLength(256)] string DocumentIssuer,
    IncentiveIssuer? IssuedBy = null,
    [property: StringLength(512)] string? Link = null,
    [property: StringLength(1000)] string? Note = null);

/// <summary>Ending a policy: its last day in force.</summary>
public sealed record EndIncentivePolicyInput([property: Required] DateOnly? Until);

/// <summary>The filters of the register: a unit, a kind, and a day the policies are in force on.</summary>
public sealed record IncentiveFilter(string? Unit, IncentiveKind? Kind, DateOnly? On);

/// <summary>A policy as the register shows it; the unit named as on the day asked (or on the policy's first day).</summary>
public sealed record IncentivePolicyView(
    int Id, string Unit, string UnitName, bool Province, IncentiveKind Kind, int? Percent, string? Description, DateOnly Since, DateOnly? Until,
    string DocumentNumber, DateOnly DocumentDate, string DocumentIssuer, IncentiveIssuer IssuedBy, string? Link, string? Note);

/// <summary>
/// The letter's line: "N tỉnh, thành phố và M đơn vị khác có chính sách khuyến khích". A province counts among the N
/// when it issued a policy itself; an agency of a province (Đà Nẵng's Department of Science and Technology), a ministry
/// or another agency counts among the M, each issuer once.
/// </summary>
public sealed record IncentiveSummary(DateOnly? On, int Provinces, int OtherUnits);

public sealed record IncentivePolicyList(IncentiveSummary Summary, IReadOnlyList<IncentivePolicyView> Items);

/// <summary>The register of incentive policies: who sees which, the rules a policy keeps, and the one writer of its rows.</summary>
public sealed class IncentiveRegister(OpenDvcDbContext db, ICurrentActor actor, TimeProvider time)
{
    public DateOnly Today => VietnamTime.DateOf(time.GetUtcNow());

    /// <summary>
    /// The register is public as the agency's letters quote it: the public sees the policies in force on a day (today
    /// unless asked). Staff see every policy, ended ones too, unless they ask for a day; a focal point sees its own
    /// unit's ended policies besides those in force.
    /// </summary>
    public IncentiveFilter ScopeFor(ClaimsPrincipal user, IncentiveFilter asked) =>
        asked.On is not null || UnitAccess.IsStaff(user) ? asked : asked with { On = Today };

    public async Task<IncentivePolicyList> ListAsync(ClaimsPrincipal user, IncentiveFilter asked, CancellationToken ct)
    {
        var filter = ScopeFor(user, asked);
        var own = asked.On is null && !UnitAccess.IsStaff(user) ? UnitAccess.UnitOf(user) : null;
        var query = db.Set<IncentivePolicy>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Unit))
        {
            query = query.Where(p => p.UnitCode == filter.Unit);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(p => p.Kind == kind);
        }

        if (filter.On is { } day)
        {
            query = query.Where(p => p.UnitCode == own || (p.Since <= day && (p.Until == null || p.Until >= day)));
        }

        var policies = await query.OrderBy(p => p.UnitCode).ThenBy(p => p.Since).ThenBy(p => p.Id).ToListAsync(ct);
        var timeline = await UnitTimeline.LoadAsync(db, ct);

        // In force on a day also means its unit was: a province merged in 2025 no longer gives what it gave.
        var items = policies
            .Where(p => filter.On is not { } d || p.UnitCode == own || timeline.VersionOn(p.UnitCode, d) is not null)
            .Select(p => View(p, timeline.VersionAsOf(p.UnitCode, filter.On ?? p.Since)))
            .OrderByDescending(v => v.Province).ThenBy(v => v.Unit, StringComparer.Ordinal).ThenBy(v => v.Since)
            .ToList();
        var counted = filter.On is { } on ? items.Where(i => i.Since <= on && (i.Until is null || on <= i.Until)).ToList() : items;
        return new IncentivePolicyList(Summarise(filter.On, counted), items);
    }

    public static IncentiveSummary Summarise(DateOnly? on, IReadOnlyList<IncentivePolicyView> items)
    {
        var provinces = items.Where(i => i.Province && i.IssuedBy == IncentiveIssuer.TheUnit).Select(i => i.Unit).Distinct(StringComparer.Ordinal).Count();
        var others = items.Where(i => !(i.Province && i.IssuedBy == IncentiveIssuer.TheUnit))
            .Select(i => i.IssuedBy == IncentiveIssuer.TheUnit ? i.Unit : $"{i.Unit}|{i.DocumentIssuer.Trim()}").Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return new IncentiveSummary(on, provinces, others);
    }

    public async Task<IncentivePolicy?> FindAsync(int id, CancellationToken ct) =>
        await db.Set<IncentivePolicy>().SingleOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>Adds (id null) or changes a policy; the caller has checked the caller may edit its unit (and the new one).</summary>
    public async Task<(IncentivePolicy? Saved, IReadOnlyList<RuleViolation> Violations)> SaveAsync(IncentivePolicy? existing, IncentivePolicyInput input, CancellationToken ct)
    {
        var violations = Check(input).ToList();
        if (!string.IsNullOrWhiteSpace(input.Unit) && !await db.Set<Unit>().AnyAsync(u => u.Code == input.Unit, ct))
        {
            violations.Add(new RuleViolation("unit", Refusal.Of(PlatformCodes.UnitUnknown, input.Unit)));
        }

        if (violations.Count > 0)
        {
            return (null, violations);
        }

        var policy = existing ?? db.Set<IncentivePolicy>().Add(new IncentivePolicy { UnitCode = input.Unit, DocumentNumber = "", DocumentIssuer = "", UpdatedBy = "" }).Entity;
        policy.UnitCode = input.Unit.Trim();
        policy.Kind = input.Kind!.Value;
        policy.Percent = input.Percent;
        policy.Description = Blank(input.Description);
        policy.Since = input.Since!.Value;
        policy.Until = input.Until;
        policy.DocumentNumber = input.DocumentNumber.Trim();
        policy.DocumentDate = input.DocumentDate!.Value;
        policy.DocumentIssuer = input.DocumentIssuer.Trim();
        policy.IssuedBy = input.IssuedBy ?? IncentiveIssuer.TheUnit;
        policy.Link = Blank(input.Link);
        policy.Note = Blank(input.Note);
        policy.UpdatedBy = actor.Name;
        policy.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (policy, []);
    }

    /// <summary>Ends a policy on a day (its last day in force), not before its first.</summary>
    public async Task<IReadOnlyList<RuleViolation>> EndAsync(IncentivePolicy policy, DateOnly until, CancellationToken ct)
    {
        if (until < policy.Since)
        {
            return [BeforeSince];
        }

        policy.Until = until;
        policy.UpdatedBy = actor.Name;
        policy.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<IncentivePolicyView> ViewAsync(IncentivePolicy policy, CancellationToken ct) =>
        View(policy, (await UnitTimeline.LoadAsync(db, ct)).VersionAsOf(policy.UnitCode, policy.Since));

    private static IncentivePolicyView View(IncentivePolicy p, UnitVersion? unit) =>
        new(p.Id, p.UnitCode, unit?.Name ?? p.UnitCode, unit is { Kind: UnitKind.Province or UnitKind.City }, p.Kind, p.Percent, p.Description, p.Since, p.Until,
            p.DocumentNumber, p.DocumentDate, p.DocumentIssuer, p.IssuedBy, p.Link, p.Note);

    private static readonly RuleViolation BeforeSince = new("until", Refusal.Of(DirectiveCodes.IncentiveDates));

    private static IEnumerable<RuleViolation> Check(IncentivePolicyInput input)
    {
        if (input.Since is { } since && input.Until is { } until && until < since)
        {
            yield return BeforeSince;
        }

        if (input.Percent is null && string.IsNullOrWhiteSpace(input.Description))
        {
            yield return new RuleViolation("percent", Refusal.Of(DirectiveCodes.IncentiveBenefitEmpty));
        }

        if (Blank(input.Link) is { } link && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new RuleViolation("link", Refusal.Of(DirectiveCodes.IncentiveLink));
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
