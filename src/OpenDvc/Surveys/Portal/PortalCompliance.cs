using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry.Units;

namespace OpenDvc.Surveys.Portal;

/// <summary>One unit's line in the agency's view: its assessment's state and compliance, and its probe figures beside them.</summary>
public sealed record UnitCompliance(string UnitCode, string UnitName, UnitKind Kind, AssessmentState State, Compliance Compliance, ProbeStats? Probe)
{
    public static ExportColumn<UnitCompliance>[] Columns(bool vi) =>
    [
        new(vi ? "Mã đơn vị" : "Unit code", u => u.UnitCode), new(vi ? "Đơn vị" : "Unit", u => u.UnitName),
        new(vi ? "Trạng thái" : "State", u => u.State.ToString()), new(vi ? "Đạt" : "Met", u => u.Compliance.Met),
        new(vi ? "Đạt một phần" : "Partly", u => u.Compliance.Partly), new(vi ? "Chưa đạt" : "Not met", u => u.Compliance.NotMet),
        new(vi ? "Không áp dụng" : "Not applicable", u => u.Compliance.NotApplicable), new(vi ? "Chưa đánh giá" : "Not assessed", u => u.Compliance.Unassessed),
        new(vi ? "Mức đáp ứng (%)" : "Compliance (%)", u => Percent(u.Compliance.Score)),
        new(vi ? "Thời gian hoạt động (%)" : "Uptime (%)", u => Percent(u.Probe?.Uptime)),
        new(vi ? "Độ trễ p50 (ms)" : "Latency p50 (ms)", u => u.Probe?.P50), new(vi ? "Độ trễ p95 (ms)" : "Latency p95 (ms)", u => u.Probe?.P95),
    ];

    public static decimal? Percent(decimal? share) => share is { } s ? Math.Round(s * 100, 1) : null;
}

/// <summary>How the units that sent their assessment answered one item.</summary>
public sealed record CriterionCounts(CriterionView Criterion, int Met, int Partly, int NotMet, int NotApplicable);

/// <summary>The agency's view of a quarter: every unit asked, the national figures over sent assessments, each item's counts.</summary>
public sealed record ComplianceOverview(string Quarter, int Units, int Submitted, int Drafts, int NotStarted, decimal? MeanScore,
    IReadOnlyList<CriterionCounts> Criteria, IReadOnlyList<UnitCompliance> Rows);

/// <summary>Computes the agency's view of all units' compliance for a quarter.</summary>
public sealed class PortalCompliance(OpenDvcDbContext db, PortalCriteria criteria, ProbeHistory probes)
{
    /// <summary>The quarter shown when none is asked: the latest with a sent assessment, else the current one.</summary>
    public async Task<string?> LatestQuarterAsync(CancellationToken ct) =>
        await db.Set<PortalAssessment>().Where(a => a.Submitted).OrderByDescending(a => a.Quarter).Select(a => a.Quarter).FirstOrDefaultAsync(ct);

    /// <summary>Every unit valid on the quarter's first day, ministries first, with its state and compliance.</summary>
    public async Task<ComplianceOverview> ComputeAsync(Quarter quarter, CancellationToken ct)
    {
        var text = quarter.ToString();
        var inForce = await criteria.InForceAsync(quarter.FirstDay, ct);
        var units = (await db.Set<Unit>().AsNoTracking().ToListAsync(ct)).Where(u => u.IsValidOn(quarter.FirstDay))
            .OrderBy(u => u.Kind).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
        var assessments = await db.Set<PortalAssessment>().AsNoTracking().Include(a => a.Items).Where(a => a.Quarter == text).ToDictionaryAsync(a => a.UnitCode, ct);
        var stats = await probes.QuarterAsync(quarter, null, ct);

        var rows = units.Select(u =>
        {
            var a = assessments.GetValueOrDefault(u.Code);
            var state = a is null ? AssessmentState.NotStarted : a.Submitted ? AssessmentState.Submitted : AssessmentState.Draft;
            return new UnitCompliance(u.Code, u.Name, u.Kind, state, Compliance.Of(inForce, a?.Items ?? []), stats.GetValueOrDefault(u.Code));
        }).ToList();
        var sent = rows.Where(r => r.State == AssessmentState.Submitted).ToList();
        var scores = sent.Where(r => r.Compliance.Score is not null).Select(r => r.Compliance.Score!.Value).ToList();
        var sentItems = assessments.Values.Where(a => a.Submitted).SelectMany(a => a.Items).ToList();
        int Count(PortalCriterion c, PortalVerdict v) => sentItems.Count(i => i.CriterionId == c.Id && i.Verdict == v);

        return new ComplianceOverview(text, rows.Count, sent.Count, rows.Count(r => r.State == AssessmentState.Draft), rows.Count(r => r.State == AssessmentState.NotStarted),
            scores.Count == 0 ? null : Math.Round(scores.Average(), 4),
            [.. inForce.Select(c => new CriterionCounts(CriterionView.Of(c), Count(c, PortalVerdict.Met), Count(c, PortalVerdict.Partly), Count(c, PortalVerdict.NotMet), Count(c, PortalVerdict.NotApplicable)))],
            rows);
    }
}
