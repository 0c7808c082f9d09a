using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Directives.Letters;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;

namespace OpenDvc.Directives.Submissions;

/// <summary>One figure of a monthly report beside what the unit's one-stop system synced for the same month.</summary>
public sealed record FigureComparison(string Figure, long Reported, long Synced, decimal? Coverage, bool LargeDifference);

/// <summary>A unit's monthly report against the ledger: sync coverage = synced ÷ reported, per figure.</summary>
public sealed record MonthlyComparison(int DeliverableId, string UnitCode, DateOnly? Month, bool FromSubmittedVersion, IReadOnlyList<FigureComparison> Figures);

/// <summary>
/// Compares a monthly report's own totals with what Indicators sums from the ledger's rollups for the month (issue 19:
/// Indicators is their only reader): received, online received (remote and assisted) and finished on time or early. A
/// figure with nothing reported has no coverage ("no data", never 0 % or 100 %); a difference above the configured share is flagged.
/// </summary>
public sealed class MonthlyReportComparison(OpenDvcDbContext db, SubmissionWorkflow workflow, IndicatorCalculator indicators, IOptions<DirectivesOptions> options)
{
    public async Task<MonthlyComparison?> CompareAsync(int deliverableId, string unitCode, CancellationToken ct)
    {
        var view = await workflow.ViewAsync(deliverableId, unitCode, ct);
        var deliverable = await db.Set<Deliverable>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliverableId, ct);
        if (view is null || deliverable is null)
        {
            return null;
        }

        var submitted = view.Versions.FirstOrDefault(v => v.Review != ReviewOutcome.Returned);
        var content = submitted is null
            ? view.Content
            : SubmissionContent.FromJson(await db.Set<SubmissionVersion>().Where(v => v.Number == submitted.Number
                && db.Set<Submission>().Any(s => s.Id == v.SubmissionId && s.DeliverableId == deliverableId && s.UnitCode == unitCode)).Select(v => v.Content).SingleAsync(ct));
        var report = content.Report ?? new MonthlyFigures(0, 0, 0, null);
        var month = deliverable.ReportMonth;
        var synced = month is { } m
            ? (await indicators.ComputeAsync(new IndicatorQuery(Period.Month(m.Year, m.Month), unitCode), ct)).Totals
            : new Totals();

        return new MonthlyComparison(deliverableId, unitCode, month, submitted is not null,
        [
            Compare("received", report.Received, synced.Received),
            Compare("online", report.Online, synced.OnlineReceived),
            Compare("on_time", report.OnTime, synced.FinishedEarly + synced.FinishedOnTime),
        ]);
    }

    private FigureComparison Compare(string figure, long reported, long synced)
    {
        if (reported == 0)
        {
            return new(figure, reported, synced, null, synced != 0);
        }

        var coverage = Math.Round((decimal)synced / reported, 4);
        var difference = Math.Abs(synced - reported) * 100m / reported;
        return new(figure, reported, synced, coverage, difference > options.Value.LargeDifferencePercent);
    }
}
