using System.Globalization;
using OpenDvc.Registry;

namespace OpenDvc.Directives.Submissions;

/// <summary>What an action plan, a monthly report and an incentive policy must hold to be submitted.</summary>
public static class SubmissionRules
{
    public static IReadOnlyList<RuleViolation> CheckPlan(IReadOnlyList<PlanTarget>? plan)
    {
        if (plan is null || plan.Count == 0)
        {
            return [new RuleViolation("plan", "OD-PLAN-EMPTY", "Kế hoạch phải có ít nhất một chỉ tiêu.", "The plan needs at least one target.")];
        }

        var violations = new List<RuleViolation>();
        for (var i = 0; i < plan.Count; i++)
        {
            var target = plan[i];
            if (!DateOnly.TryParseExact(target.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                violations.Add(new RuleViolation($"plan[{i}].month", "OD-PLAN-MONTH", "Tháng phải có dạng yyyy-MM.", "A month must be written yyyy-MM."));
            }

            if (target.TargetPercent is < 0 or > 100)
            {
                violations.Add(new RuleViolation($"plan[{i}].targetPercent", "OD-PLAN-TARGET", "Chỉ tiêu là tỷ lệ từ 0 đến 100 %.", "A target is a percentage from 0 to 100."));
            }

            if (string.IsNullOrWhiteSpace(target.Responsible))
            {
                violations.Add(new RuleViolation($"plan[{i}].responsible", "OD-PLAN-RESPONSIBLE", "Phải nêu người chịu trách nhiệm.", "The person responsible must be named."));
            }

            if (!Enum.IsDefined(target.Indicator))
            {
                violations.Add(new RuleViolation($"plan[{i}].indicator", "OD-PLAN-INDICATOR", "Chỉ tiêu không hợp lệ.", "Unknown indicator."));
            }
        }

        return violations;
    }

    public static IReadOnlyList<RuleViolation> CheckReport(MonthlyFigures? report)
    {
        if (report is null)
        {
            return [new RuleViolation("report", "OD-REPORT-EMPTY", "Báo cáo tháng chưa có số liệu.", "The monthly report has no figures.")];
        }

        var violations = new List<RuleViolation>();
        if (report.Received < 0 || report.Online < 0 || report.OnTime < 0)
        {
            violations.Add(new RuleViolation("report", "OD-REPORT-NEGATIVE", "Số liệu không được âm.", "Figures cannot be negative."));
        }

        if (report.Online > report.Received || report.OnTime > report.Received)
        {
            violations.Add(new RuleViolation("report", "OD-REPORT-EXCEEDS-RECEIVED",
                "Số hồ sơ trực tuyến và đúng hạn không vượt quá số hồ sơ tiếp nhận.", "Online and on-time dossiers cannot exceed dossiers received."));
        }

        return violations;
    }

    public static IReadOnlyList<RuleViolation> CheckIncentive(IncentivePolicyTerms? terms, IReadOnlyCollection<string> knownProcedures)
    {
        if (terms is null)
        {
            return [new RuleViolation("incentive", "OD-INCENTIVE-EMPTY", "Chưa nhập chính sách.", "The policy is empty.")];
        }

        var violations = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(terms.LegalDocument))
        {
            violations.Add(new RuleViolation("incentive.legalDocument", "OD-INCENTIVE-LEGAL-DOCUMENT", "Phải nêu văn bản quy định chính sách.", "The legal document must be named."));
        }

        if (terms.EffectiveTo is { } to && to < terms.EffectiveFrom)
        {
            violations.Add(new RuleViolation("incentive.effectiveTo", "OD-INCENTIVE-DATES", "Ngày hết hiệu lực trước ngày có hiệu lực.", "The policy ends before it starts."));
        }

        if (terms.FeeReductionPercent is < 0 or > 100 || terms.FasterByDays < 0 || (terms.FeeReductionPercent == 0 && terms.FasterByDays == 0))
        {
            violations.Add(new RuleViolation("incentive.feeReductionPercent", "OD-INCENTIVE-NOTHING",
                "Chính sách phải giảm phí (0–100 %) hoặc rút ngắn thời gian xử lý.", "The policy must cut fees (0–100 %) or shorten processing."));
        }

        foreach (var unknown in terms.Services.Where(s => !knownProcedures.Contains(s)))
        {
            violations.Add(new RuleViolation("incentive.services", "OD-PROCEDURE-UNKNOWN", $"Không có thủ tục mã '{unknown}'.", $"No procedure with code '{unknown}'."));
        }

        return violations;
    }
}
