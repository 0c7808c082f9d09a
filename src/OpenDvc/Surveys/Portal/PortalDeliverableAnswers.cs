using Microsoft.EntityFrameworkCore;
using OpenDvc.Directives.Compliance;
using OpenDvc.Platform.Database;

namespace OpenDvc.Surveys.Portal;

/// <summary>
/// Offers Directives the checklist's submitted self-assessments of a quarter, so a letter's deliverable of kind "portal
/// self-assessment" counts a unit as submitted from the instant it submitted that quarter's assessment (a draft does not
/// count), due by the deliverable's own due date and extensions (docs/surveys.md).
/// </summary>
internal sealed class PortalDeliverableAnswers(OpenDvcDbContext db) : IBoundAnswers
{
    public AnswerSource Source => AnswerSource.PortalQuarter;

    public async Task<BoundAnswers?> AnswersAsync(int id, CancellationToken ct)
    {
        if (id % 10 is < 1 or > 4)
        {
            return null;
        }

        var quarter = new Quarter(id / 10, id % 10).ToString();
        var received = await db.Set<PortalAssessment>().AsNoTracking().Where(a => a.Quarter == quarter && a.Submitted && a.SubmittedAt != null)
            .Select(a => new { a.UnitCode, a.SubmittedAt }).ToListAsync(ct);
        return new BoundAnswers(id, quarter, null, new Dictionary<string, DateOnly>(),
            received.ToDictionary(a => a.UnitCode, a => a.SubmittedAt!.Value, StringComparer.Ordinal));
    }

    /// <summary>A quarter written <c>yyyy-Qn</c>.</summary>
    public Task<int?> FindAsync(string reference, CancellationToken ct) =>
        Task.FromResult(Quarter.TryParse(reference, out var q) ? (q.Year * 10) + q.Number : (int?)null);
}
