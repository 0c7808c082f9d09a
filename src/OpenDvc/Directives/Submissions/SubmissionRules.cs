using System.Globalization;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;

namespace OpenDvc.Directives.Submissions;

/// <summary>What an action plan, a monthly report and an incentive policy must hold to be submitted.</summary>
public static class SubmissionRules
{
    public static IReadOnlyList<RuleViolation> CheckPlan(IReadOnlyList<PlanTarget>? plan)
    {
        if (plan is null || plan.Count == 0)
        {
            return [new RuleViolation("plan", Refusal.Of(DirectiveCodes.PlanEmpty))];
        }

        var violations = new List<RuleViolation>();
        for (var i = 0; i < plan.Count; i++)
        {
            var target = plan[i];
            if (!DateOnly.TryParseExact(target.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                violations.Add(new RuleViolation($"plan[{i}].month", Refusal.Of(DirectiveCodes.PlanMonth)));
            }

            if (target.TargetPercent is < 0 or > 100)
            {
                violations.Add(new RuleViolation($"plan[{i}].targetPercent", Refusal.Of(DirectiveCodes.PlanTarget)));
            }

            if (string.IsNullOrWhiteSpace(target.Responsible))
            {
                violations.Add(new RuleViolation($"plan[{i}].responsible", Refusal.Of(DirectiveCodes.PlanResponsible)));
            }

            if (!Enum.IsDefined(target.Indicator))
            {
                violations.Add(new RuleViolation($"plan[{i}].indicator", Refusal.Of(DirectiveCodes.PlanIndicator)));
            }
        }

        return violations;
    }

    public static IReadOnlyList<RuleViolation> CheckReport(MonthlyFigures? report)
    {
        if (report is null)
        {
            return [new RuleViolation("report", Refusal.Of(DirectiveCodes.ReportEmpty))];
        }

        var violations = new List<RuleViolation>();
        if (report.Received < 0 || report.Online < 0 || report.OnTime < 0)
        {
            violations.Add(new RuleViolation("report", Refusal.Of(DirectiveCodes.ReportNegative)));
        }

        if (report.Online > report.Received || report.OnTime > report.Received)
        {
            violations.Add(new RuleViolation("report", Refusal.Of(DirectiveCodes.ReportExceedsReceived)));
        }

        return violations;
    }

    public static IReadOnlyList<RuleViolation> CheckIncentive(IncentivePolicyTerms? terms, IReadOnlyCollection<string> knownProcedures)
    {
        if (terms is null)
        {
            return [new RuleViolation("incentive", Refusal.Of(DirectiveCodes.IncentiveEmpty))];
        }

        var violations = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(terms.LegalDocument))
        {
            violations.Add(new RuleViolation("incentive.legalDocument", Refusal.Of(DirectiveCodes.IncentiveLegalDocument)));
        }

        if (terms.EffectiveTo is { } to && to < terms.EffectiveFrom)
        {
            violations.Add(new RuleViolation("incentive.effectiveTo", Refusal.Of(DirectiveCodes.IncentiveDates).Saying("Submission")));
        }

        if (terms.FeeReductionPercent is < 0 or > 100 || terms.FasterByDays < 0 || (terms.FeeReductionPercent == 0 && terms.FasterByDays == 0))
        {
            violations.Add(new RuleViolation("incentive.feeReductionPercent", Refusal.Of(DirectiveCodes.IncentiveNothing)));
        }

        foreach (var unknown in terms.Services.Where(s => !knownProcedures.Contains(s)))
        {
            violations.Add(new RuleViolation("incentive.services", Refusal.Of(RegistryCodes.ProcedureUnknown, unknown)));
        }

        return violations;
    }
}
