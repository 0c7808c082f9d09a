using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Web;
using OpenDvc.Registry;
using OpenDvc.Registry.Units;
using OpenDvc.Surveys.Answers;

namespace OpenDvc.Surveys.Portal;

/// <summary>A unit's portal address and whether the probe measures it.</summary>
public sealed record PortalInput(string? Url, bool Probe);

/// <summary>A unit's portal address as stored; null fields when the unit has not given one.</summary>
public sealed record PortalView(string UnitCode, string? Url, bool Probe, DateTimeOffset? UpdatedAt);

/// <summary>A unit's page of the checklist: its portal, its quarters, and the probe's figures for one quarter with the latest results.</summary>
public sealed record UnitPortalOverview(PortalView Portal, IReadOnlyList<AssessmentSummary> Quarters, ProbeStats? Probe, IReadOnlyList<ProbeResultView> Latest);

public sealed record ProbeResultView(DateTimeOffset At, ProbeOutcome Outcome, int? StatusCode, int Milliseconds);

/// <summary>
/// The portal checklist under <c>/api/v1/portal-assessments</c>: the items (admins revise them), each unit's quarterly
/// self-assessment (its own focal point writes it; staff and the unit read it), the agency's view of all units, and
/// the probe's figures.
/// </summary>
public static class PortalApi
{
    public const string Root = "/api/v1/portal-assessments";

    public static void MapPortalApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup(Root).WithTags("Portal checklist").RequireAuthorization(AccountsModule.StaffPolicy);
        staff.MapGet("", GetPortalCompliance).WithName(nameof(GetPortalCompliance))
            .WithSummary("Every unit's compliance for a quarter (?quarter=yyyy-Qn; default the latest assessed), each item's counts, probe uptime and latency.");
        staff.MapGet("/export", ExportPortalCompliance).WithName(nameof(ExportPortalCompliance)).WithSummary("The same table as xlsx, csv or pdf.");

        var read = app.MapGroup(Root).WithTags("Portal checklist").RequireAuthorization(SurveysModule.ReadPolicy);
        read.MapGet("/criteria", ListPortalCriteria).WithName(nameof(ListPortalCriteria)).WithSummary("The checklist items in force on a day (?on=yyyy-MM-dd; ?all=true for every version).");
        var admin = app.MapGroup($"{Root}/criteria").WithTags("Portal checklist").RequireAuthorization(AccountsModule.AdminPolicy);
        admin.MapPost("", AddPortalCriterion).WithName(nameof(AddPortalCriterion)).WithSummary("Add an item, or a new version of one (same code), from the first day of a quarter (admins).");
        admin.MapPost("/{code}/retire", RetirePortalCriterion).WithName(nameof(RetirePortalCriterion)).WithSummary("End an item from the first day of a quarter (admins).");

        var unit = app.MapGroup($"{Root}/units/{{unit}}").WithTags("Portal checklist").RequireAuthorization(SurveysModule.ReadPolicy);
        unit.MapGet("", GetUnitPortalOverview).WithName(nameof(GetUnitPortalOverview)).WithSummary("A unit's portal, assessed quarters and probe figures (?quarter=) (own unit or staff).");
        unit.MapGet("/quarters/{quarter}", GetPortalAssessment).WithName(nameof(GetPortalAssessment))
            .WithSummary("A unit's self-assessment of a quarter; not started yet: the previous quarter's answers (own unit or staff).");
        unit.MapGet("/probes/export", ExportPortalProbes).WithName(nameof(ExportPortalProbes)).WithSummary("A unit's probe results of a quarter as xlsx, csv or pdf (own unit or staff).");
        var edit = unit.MapGroup("").RequireAuthorization(AccountsModule.EditPolicy);
        edit.MapPut("/quarters/{quarter}", SavePortalAssessment).WithName(nameof(SavePortalAssessment)).WithSummary("Save the quarter's draft (the unit's focal point).");
        edit.MapPost("/quarters/{quarter}/submit", SubmitPortalAssessment).WithName(nameof(SubmitPortalAssessment))
            .WithSummary("Send the quarter's assessment, every item assessed; final (the unit's focal point).");
        edit.MapPut("/portal", SaveUnitPortal).WithName(nameof(SaveUnitPortal)).WithSummary("Set the unit's portal address and switch its probe (the unit's focal point or an admin).");
    }

    public static async Task<Results<Ok<ComplianceOverview>, ProblemHttpResult>> GetPortalCompliance(string? quarter, PortalCompliance compliance, TimeProvider time, CancellationToken ct) =>
        await QuarterOrLatestAsync(quarter, compliance, time, ct) is { } q ? TypedResults.Ok(await compliance.ComputeAsync(q, ct)) : PortalRefusals.QuarterInvalid.ToProblem();

    public static async Task<IResult> ExportPortalCompliance(string? quarter, string? format, PortalCompliance compliance, TimeProvider time, CancellationToken ct)
    {
        format ??= "xlsx";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        if (await QuarterOrLatestAsync(quarter, compliance, time, ct) is not { } q)
        {
            return PortalRefusals.QuarterInvalid.ToProblem();
        }

        var view = await compliance.ComputeAsync(q, ct);
        var vi = RegistryPages.IsVietnamese;
        return await TableExport.ToFileAsync(view.Rows.ToAsyncEnumerable(), UnitCompliance.Columns(vi), format, $"portal-assessments-{view.Quarter}", ct,
            vi ? $"Tự đánh giá Cổng dịch vụ công, quý {view.Quarter}" : $"Portal self-assessments, {view.Quarter}");
    }

    public static async Task<Ok<List<CriterionView>>> ListPortalCriteria(DateOnly? on, bool? all, OpenDvcDbContext db, TimeProvider time, CancellationToken ct)
    {
        var day = on ?? Platform.Time.VietnamTime.DateOf(time.GetUtcNow());
        var rows = await db.Set<PortalCriterion>().AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(rows.Where(c => all == true || c.InForceOn(day)).OrderBy(c => c.Position).ThenBy(c => c.Code, StringComparer.Ordinal).ThenBy(c => c.Version)
            .Select(CriterionView.Of).ToList());
    }

    public static async Task<Results<Created<CriterionView>, ProblemHttpResult>> AddPortalCriterion(CriterionInput input, PortalCriteria criteria, CancellationToken ct)
    {
        var (criterion, violations) = await criteria.AddAsync(input, ct);
        return criterion is not null ? TypedResults.Created($"{Root}/criteria?all=true", criterion) : PortalProblems.Invalid(violations);
    }

    public static async Task<Results<Ok<CriterionView>, ProblemHttpResult>> RetirePortalCriterion(string code, RetireInput input, PortalCriteria criteria, CancellationToken ct)
    {
        var (criterion, violations) = await criteria.RetireAsync(code, input.From, ct);
        return criterion is null ? Refusal.Of(SurveyCodes.PortalCriterionUnknown).ToProblem()
            : violations.Count > 0 ? PortalProblems.Invalid(violations) : TypedResults.Ok(criterion);
    }

    public static async Task<Results<Ok<UnitPortalOverview>, ProblemHttpResult>> GetUnitPortalOverview(
        string unit, string? quarter, ClaimsPrincipal user, OpenDvcDbContext db, AssessmentBook book, ProbeHistory probes, TimeProvider time, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        if (!await db.Set<Unit>().AnyAsync(u => u.Code == unit, ct))
        {
            return PortalRefusals.UnitUnknown.ToProblem();
        }

        var q = Quarter.Of(time.GetUtcNow());
        if (quarter is not null && !Quarter.TryParse(quarter, out q))
        {
            return PortalRefusals.QuarterInvalid.ToProblem();
        }

        return TypedResults.Ok(await OverviewAsync(unit, q, db, book, probes, ct));
    }

    /// <summary>What the API and the unit's page show of a unit: portal, quarters, the quarter's probe figures, the latest 20 probes.</summary>
    public static async Task<UnitPortalOverview> OverviewAsync(string unit, Quarter quarter, OpenDvcDbContext db, AssessmentBook book, ProbeHistory probes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(probes);
        var portal = await db.Set<UnitPortal>().AsNoTracking().SingleOrDefaultAsync(p => p.UnitCode == unit, ct);
        var stats = await probes.QuarterAsync(quarter, unit, ct);
        var latest = await probes.LatestAsync(unit, 20, ct);
        return new UnitPortalOverview(new PortalView(unit, portal?.Url, portal?.Probe ?? false, portal?.UpdatedAt), await book.HistoryAsync(unit, ct),
            stats.GetValueOrDefault(unit), [.. latest.Select(r => new ProbeResultView(r.At, r.Outcome, r.StatusCode, r.Milliseconds))]);
    }

    public static async Task<Results<Ok<AssessmentSheet>, ProblemHttpResult>> GetPortalAssessment(string unit, string quarter, ClaimsPrincipal user, AssessmentBook book, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        var (sheet, error) = await book.SheetAsync(unit, quarter, ct);
        return sheet is not null ? TypedResults.Ok(sheet) : error!.ToProblem();
    }

    public static Task<Results<NoContent, ProblemHttpResult>> SavePortalAssessment(string unit, string quarter, AssessmentInput input, ClaimsPrincipal user, AssessmentBook book, CancellationToken ct) =>
        SaveAsync(unit, quarter, input, submit: false, user, book, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> SubmitPortalAssessment(string unit, string quarter, AssessmentInput input, ClaimsPrincipal user, AssessmentBook book, CancellationToken ct) =>
        SaveAsync(unit, quarter, input, submit: true, user, book, ct);

    public static async Task<IResult> ExportPortalProbes(string unit, string? quarter, string? format, ClaimsPrincipal user, OpenDvcDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!UnitAccess.CanRead(user, unit))
        {
            return Problems.Forbidden();
        }

        format ??= "xlsx";
        var q = Quarter.Of(time.GetUtcNow());
        if (quarter is not null && !Quarter.TryParse(quarter, out q))
        {
            return PortalRefusals.QuarterInvalid.ToProblem();
        }

        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        var (from, to) = ProbeHistory.Bounds(q);
        var rows = db.Set<PortalProbeResult>().AsNoTracking().Where(r => r.UnitCode == unit && r.At >= from && r.At < to).OrderBy(r => r.At).AsAsyncEnumerable();
        var vi = RegistryPages.IsVietnamese;
        ExportColumn<PortalProbeResult>[] columns =
        [
            new(vi ? "Thời điểm" : "At", r => r.At.ToOffset(Platform.Time.VietnamTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
            new(vi ? "Kết quả" : "Outcome", r => r.Outcome.ToString()), new(vi ? "Mã trạng thái HTTP" : "HTTP status", r => r.StatusCode),
            new(vi ? "Thời gian phản hồi (ms)" : "Response time (ms)", r => r.Milliseconds),
        ];
        return await TableExport.ToFileAsync(rows, columns, format, $"portal-probes-{unit}-{q}", ct);
    }

    public static async Task<Results<Ok<PortalView>, ProblemHttpResult>> SaveUnitPortal(string unit, PortalInput input, ClaimsPrincipal user, OpenDvcDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(user, unit))
        {
            return Problems.Forbidden();
        }

        var (view, violation) = await SavePortalAsync(unit, input, user.Identity?.Name ?? "?", db, time, ct);
        return view is not null ? TypedResults.Ok(view) : violation is null ? PortalRefusals.UnitUnknown.ToProblem() : PortalProblems.Invalid([violation]);
    }

    /// <summary>Stores the portal address (absolute http or https, no user name or password in it); shared by the API and the page.</summary>
    public static async Task<(PortalView? View, RuleViolation? Violation)> SavePortalAsync(string unit, PortalInput input, string userName, OpenDvcDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var url = input.Url?.Trim();
        if (url is null || url.Length > AssessmentBook.MaxEvidenceUrl || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
        {
            return (null, new("url", Refusal.Of(SurveyCodes.PortalUrl)));
        }

        if (!await db.Set<Unit>().AnyAsync(u => u.Code == unit, ct))
        {
            return (null, null);
        }

        var portal = await db.Set<UnitPortal>().SingleOrDefaultAsync(p => p.UnitCode == unit, ct);
        if (portal is null)
        {
            portal = new UnitPortal { UnitCode = unit, Url = url, UpdatedBy = userName };
            db.Add(portal);
        }

        (portal.Url, portal.Probe, portal.UpdatedBy, portal.UpdatedAt) = (url, input.Probe, userName, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return (new PortalView(unit, portal.Url, portal.Probe, portal.UpdatedAt), null);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SaveAsync(string unit, string quarter, AssessmentInput input, bool submit, ClaimsPrincipal user, AssessmentBook book, CancellationToken ct)
    {
        // The unit's own voice, as with surveys: its focal point, not an admin nor another unit.
        if (!AnswersApi.MayAnswerFor(user, unit))
        {
            return Problems.Forbidden();
        }

        var (violations, error) = await book.SaveAsync(unit, quarter, input.Items ?? [], submit, user.Identity?.Name ?? "?", ct);
        return error is not null ? error.ToProblem() : violations.Count > 0 ? PortalProblems.Invalid(violations) : TypedResults.NoContent();
    }

    private static async Task<Quarter?> QuarterOrLatestAsync(string? text, PortalCompliance compliance, TimeProvider time, CancellationToken ct)
    {
        text ??= await compliance.LatestQuarterAsync(ct) ?? Quarter.Of(time.GetUtcNow()).ToString();
        return Quarter.TryParse(text, out var q) ? q : null;
    }
}
