using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;

namespace OpenDvc.Directives.Letters;

/// <summary>
/// A target a letter requires of the units' plans (chỉ tiêu): an indicator, the percentage to reach and the day to
/// reach it by, e.g. letter of 2023: 100 % of eligible procedures full-process, 50 % of dossiers remote online.
/// </summary>
public sealed class LetterTarget : IAudited
{
    public int DirectiveId { get; set; }

    public PlanIndicator Indicator { get; set; }

    public decimal TargetPercent { get; set; }

    public DateOnly ByDate { get; set; }
}

/// <summary>A target as the API takes and gives it.</summary>
public sealed record LetterTargetInput(PlanIndicator Indicator, [property: Range(0, 100)] decimal TargetPercent, DateOnly ByDate)
{
    public static LetterTargetInput From(LetterTarget t) => new(t.Indicator, t.TargetPercent, t.ByDate);
}

/// <summary>How a plan compares with its letter's targets.</summary>
public static class LetterTargets
{
    /// <summary>
    /// The letter's targets the plan falls short of: a target is met when the plan, for the unit itself (no sub-unit),
    /// reaches at least its percentage for the indicator in a month ending on or before its day.
    /// </summary>
    public static IReadOnlyList<LetterTarget> ShortfallsOf(IEnumerable<LetterTarget> required, IReadOnlyList<PlanTarget>? plan) =>
        required.Where(r => !(plan ?? []).Any(t => t.Indicator == r.Indicator && string.IsNullOrWhiteSpace(t.SubUnit)
            && EndOf(t.Month) is { } end && end <= r.ByDate && t.TargetPercent >= r.TargetPercent)).ToList();

    /// <summary>Replaces a letter's targets (audited through EF); one target per indicator, 0–100 %.</summary>
    public static async Task<IReadOnlyList<RuleViolation>?> SaveAsync(OpenDvcDbContext db, int directiveId, IReadOnlyList<LetterTargetInput> targets, CancellationToken ct)
    {
        var violations = new List<RuleViolation>();
        if (targets.GroupBy(t => t.Indicator).Any(g => g.Count() > 1))
        {
            violations.Add(new("targets", Refusal.Of(DirectiveCodes.LetterTargetDuplicate)));
        }

        if (targets.Any(t => t.TargetPercent is < 0 or > 100 || !Enum.IsDefined(t.Indicator)))
        {
            violations.Add(new("targets", Refusal.Of(DirectiveCodes.LetterTargetInvalid)));
        }

        if (violations.Count > 0)
        {
            return violations;
        }

        var existing = await db.Set<LetterTarget>().Where(t => t.DirectiveId == directiveId).ToListAsync(ct);
        db.RemoveRange(existing.Where(e => targets.All(t => t.Indicator != e.Indicator)));
        foreach (var input in targets)
        {
            var target = existing.SingleOrDefault(e => e.Indicator == input.Indicator);
            if (target is null)
            {
                target = new LetterTarget { DirectiveId = directiveId, Indicator = input.Indicator };
                db.Add(target);
            }

            (target.TargetPercent, target.ByDate) = (input.TargetPercent, input.ByDate);
        }

        await db.SaveChangesAsync(ct);
        return null;
    }

    private static DateOnly? EndOf(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) ? first.AddMonths(1).AddDays(-1) : null;
}

internal sealed class LetterTargetConfiguration : IEntityTypeConfiguration<LetterTarget>
{
    public void Configure(EntityTypeBuilder<LetterTarget> builder)
    {
        builder.ToTable("directive_targets");
        builder.HasKey(t => new { t.DirectiveId, t.Indicator });
        builder.Property(t => t.TargetPercent).HasPrecision(5, 2);
    }
}
