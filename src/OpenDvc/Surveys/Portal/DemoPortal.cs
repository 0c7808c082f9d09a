using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Registry.Units;

namespace OpenDvc.Surveys.Portal;

/// <summary>
/// One demo round of the checklist, 2023-Q4: most units sent their assessment, a few saved a draft, a few did not
/// start; each unit has a made-up portal address (<c>*.demo.example</c>, which never resolves; the probe is off for
/// all of them) and a synthetic probe history of one measurement a day. Simulated with a fixed seed, not real.
/// </summary>
public static class DemoPortal
{
    public const string Quarter = "2023-Q4";

    public static readonly string[] NotStarted = ["BQP", "BCA", "94"];

    public static readonly string[] DraftOnly = ["04", "11"];

    public static string UrlOf(string unit) => $"https://dichvucong-{unit.ToLowerInvariant()}.demo.example/";

    public static async Task LoadIfEmptyAsync(OpenDvcDbContext db, CancellationToken ct)
    {
        if (await db.Set<PortalAssessment>().AnyAsync(ct) || await db.Set<UnitPortal>().AnyAsync(ct))
        {
            return;
        }

        var quarter = Portal.Quarter.Parse(Quarter);
        var criteria = (await db.Set<PortalCriterion>().AsNoTracking().ToListAsync(ct)).Where(c => c.InForceOn(quarter.FirstDay)).ToList();
        var units = (await db.Set<Unit>().AsNoTracking().OrderBy(u => u.Code).ToListAsync(ct)).Where(u => u.IsValidOn(quarter.FirstDay)).ToList();
        var random = new Random(2023);
        var sentAt = VietnamTime.StartOfDay(new DateOnly(2024, 1, 8)).AddHours(9).ToUniversalTime();
        foreach (var unit in units)
        {
            db.Add(new UnitPortal { UnitCode = unit.Code, Url = UrlOf(unit.Code), Probe = false, UpdatedBy = "demo", UpdatedAt = sentAt });
            AddProbes(db, unit.Code, quarter, random);
            if (NotStarted.Contains(unit.Code))
            {
                continue;
            }

            var draft = DraftOnly.Contains(unit.Code);
            db.Add(new PortalAssessment
            {
                UnitCode = unit.Code, Quarter = Quarter, UpdatedBy = "demo", UpdatedAt = sentAt, Submitted = !draft, SubmittedAt = draft ? null : sentAt,
                Items = [.. criteria.Select((c, i) => Answer(unit.Code, c, random, leaveOpen: draft && i % 3 == 0))],
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private static PortalAssessmentItem Answer(string unit, PortalCriterion criterion, Random random, bool leaveOpen)
    {
        var verdict = leaveOpen ? (PortalVerdict?)null : random.NextDouble() switch
        {
            < 0.58 => PortalVerdict.Met,
            < 0.83 => PortalVerdict.Partly,
            < 0.97 => PortalVerdict.NotMet,
            _ => PortalVerdict.NotApplicable,
        };
        return new PortalAssessmentItem
        {
            CriterionId = criterion.Id, Verdict = verdict,
            EvidenceUrl = verdict is PortalVerdict.Met or PortalVerdict.Partly ? $"{UrlOf(unit)}minh-chung/{criterion.Code}" : null,
            Note = verdict == PortalVerdict.Partly ? "Đang nâng cấp, dự kiến hoàn thành trong quý sau." : null,
        };
    }

    /// <summary>One synthetic measurement a day at 10:00: mostly up, a unit's own typical latency, now and then an error or a timeout.</summary>
    private static void AddProbes(OpenDvcDbContext db, string unit, Quarter quarter, Random random)
    {
        var typical = random.Next(250, 1500);
        var failureRate = random.NextDouble() * 0.04;
        for (var day = quarter.FirstDay; day <= quarter.LastDay; day = day.AddDays(1))
        {
            var at = VietnamTime.StartOfDay(day).AddHours(10).ToUniversalTime();
            var roll = random.NextDouble();
            var (outcome, status, ms) = roll < failureRate / 2 ? (ProbeOutcome.Timeout, (int?)null, 10_000)
                : roll < failureRate ? (ProbeOutcome.HttpError, 503, random.Next(50, 400))
                : (ProbeOutcome.Up, 200, (int)(typical * (0.6 + (random.NextDouble() * random.NextDouble() * 3))));
            db.Add(new PortalProbeResult { UnitCode = unit, At = at, Outcome = outcome, StatusCode = status, Milliseconds = ms });
        }
    }
}
