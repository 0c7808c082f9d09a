using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry.Units;

namespace OpenDvc.Surveys.Results;

/// <summary>A unit that has not sent its answers; <see cref="Draft"/> when it saved some without sending.</summary>
public sealed record NonResponder(string Code, string Name, string ShortName, bool IsProvince, bool Draft);

/// <summary>The units a survey was sent to that have not answered, ministries and provinces apart, as the deliverables' list.</summary>
public sealed record NonResponderList(int SurveyId, string Quarter, string TitleVi, int Asked, int Answered, IReadOnlyList<NonResponder> Ministries, IReadOnlyList<NonResponder> Provinces)
{
    public IEnumerable<NonResponder> All => Ministries.Concat(Provinces);

    public static IReadOnlyList<ExportColumn<NonResponder>> Columns(bool vietnamese) =>
    [
        new(vietnamese ? "Mã đơn vị" : "Unit code", u => u.Code),
        new(vietnamese ? "Đơn vị" : "Unit", u => u.Name),
        new(vietnamese ? "Nhóm" : "Group", u => u.IsProvince ? (vietnamese ? "Tỉnh, thành phố" : "Province") : (vietnamese ? "Bộ, ngành" : "Ministry")),
        new(vietnamese ? "Tình trạng" : "Status", u => u.Draft ? (vietnamese ? "Đã lưu nháp, chưa gửi" : "Draft saved, not sent") : (vietnamese ? "Chưa trả lời" : "Not answered")),
    ];
}

public sealed class NonResponders(OpenDvcDbContext db)
{
    public async Task<NonResponderList?> ListAsync(int surveyId, CancellationToken ct)
    {
        var survey = await db.Set<Survey>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == surveyId && s.Audience == SurveyAudience.Units, ct);
        if (survey is null)
        {
            return null;
        }

        var asked = (await db.Set<Unit>().AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.Code).ToListAsync(ct)).Where(survey.AsksUnit).ToList();
        var sheets = await db.Set<SurveyResponse>().AsNoTracking().Where(r => r.SurveyId == surveyId && r.UnitCode != null)
            .ToDictionaryAsync(r => r.UnitCode!, r => r.Submitted, ct);
        var missing = asked.Where(u => !sheets.GetValueOrDefault(u.Code))
            .Select(u => new NonResponder(u.Code, u.Name, u.ShortName, u.IsProvince, sheets.ContainsKey(u.Code))).ToList();
        return new NonResponderList(survey.Id, survey.Quarter, survey.TitleVi, asked.Count, asked.Count - missing.Count,
            [.. missing.Where(u => !u.IsProvince)], [.. missing.Where(u => u.IsProvince)]);
    }
}
