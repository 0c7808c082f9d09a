using Microsoft.EntityFrameworkCore;
using OpenDvc.Directives.Compliance;
using OpenDvc.Platform.Database;

namespace OpenDvc.Surveys.Answers;

/// <summary>
/// Offers Directives the units' answers to a survey, so a letter's deliverable of kind "survey answers" counts a unit as
/// submitted from the instant it sent its answers (a saved draft does not count). The survey sets no due date of its
/// own: the deliverable's due date and the unit's extensions there decide lateness, as for any deliverable
/// (docs/surveys.md).
/// </summary>
internal sealed class SurveyDeliverableAnswers(OpenDvcDbContext db) : IBoundAnswers
{
    public AnswerSource Source => AnswerSource.Survey;

    public async Task<BoundAnswers?> AnswersAsync(int id, CancellationToken ct)
    {
        // A public survey has no units answering for themselves, so nothing a letter could ask of a unit.
        if (await db.Set<Survey>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.Audience == SurveyAudience.Units, ct) is not { } survey)
        {
            return null;
        }

        var received = await db.Set<SurveyResponse>().AsNoTracking()
            .Where(r => r.SurveyId == id && r.Submitted && r.UnitCode != null && r.SubmittedAt != null)
            .Select(r => new { r.UnitCode, r.SubmittedAt }).ToListAsync(ct);
        return new BoundAnswers(survey.Id, survey.TitleVi, null, new Dictionary<string, DateOnly>(),
            received.ToDictionary(r => r.UnitCode!, r => r.SubmittedAt!.Value, StringComparer.Ordinal));
    }

    /// <summary>The units' survey of a series and quarter, written <c>series/yyyy-Qn</c> (e.g. <c>obstacles/2023-Q4</c>).</summary>
    public async Task<int?> FindAsync(string reference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var slash = reference.LastIndexOf('/');
        if (slash < 0)
        {
            return null;
        }

        var (series, quarter) = (reference[..slash], reference[(slash + 1)..]);
        return await db.Set<Survey>().Where(s => s.Series == series && s.Quarter == quarter && s.Audience == SurveyAudience.Units)
            .OrderByDescending(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
    }
}
