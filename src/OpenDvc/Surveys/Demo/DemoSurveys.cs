using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Time;
using OpenDvc.Platform;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Units;
using OpenDvc.Surveys.Answers;
using OpenDvc.Surveys.Questionnaire;

namespace OpenDvc.Surveys.Demo;

/// <summary>
/// The default questionnaire "obstacles to online public services" (units and public versions) and a demo history:
/// the units' rounds of 2023-Q3 and 2023-Q4, answered by most units, and a public round of 2023-Q4. The answers are
/// simulated (a fixed seed), not real; they exist so the results, cross-tabs and comparison show on first start.
/// </summary>
public static class DemoSurveys
{
    public const string Series = "obstacles";
    public const string PublicSeries = "obstacles-public";

    /// <summary>Units that did not answer the 2023-Q4 round; of them, <see cref="DraftOnlyQ4"/> saved a draft.</summary>
    public static readonly string[] NotAnsweredQ4 = ["BQP", "BCA", "04", "11", "62", "94"];

    public static readonly string[] DraftOnlyQ4 = ["BQP", "BCA"];

    private static readonly string[] HeldBack = ["find", "forms", "signin", "payment", "counter"];

    private static readonly OptionInput[] Obstacles =
    [
        new("legal", "Quy định pháp lý còn yêu cầu hồ sơ giấy, ký trực tiếp", "Rules still require paper documents or wet signatures"),
        new("systems", "Hệ thống thông tin một cửa chưa đáp ứng", "The one-stop information system falls short"),
        new("data", "Chưa kết nối, chia sẻ dữ liệu với cơ sở dữ liệu quốc gia", "No data exchange with the national databases"),
        new("payment", "Thanh toán trực tuyến chưa thuận tiện", "Online payment is not convenient"),
        new("staff", "Cán bộ, công chức chưa thành thạo", "Civil servants lack the skills"),
        new("citizens", "Người dân, doanh nghiệp chưa quen sử dụng", "Citizens and businesses are not used to it"),
        new("other", "Khác", "Other"),
    ];

    public static SurveyInput UnitsQuestionnaire(string quarter, DateOnly opensOn, DateOnly closesOn) => new(
        Series, quarter,
        $"Khảo sát vướng mắc trong cung cấp dịch vụ công trực tuyến, quý {quarter}",
        $"Survey of obstacles to online public services, {quarter}",
        SurveyAudience.Units, opensOn, closesOn,
        [
            new("main_obstacle", QuestionKind.SingleChoice, true, "Vướng mắc lớn nhất của đơn vị trong quý là gì?", "What was the unit's main obstacle this quarter?", Options: Obstacles),
            new("obstacles", QuestionKind.MultipleChoice, true, "Đơn vị gặp những vướng mắc nào? (chọn tất cả các ý phù hợp)", "Which obstacles did the unit meet? (choose all that apply)", Options: Obstacles),
            new("readiness", QuestionKind.Scale, true, "Mức độ sẵn sàng của hệ thống để cung cấp dịch vụ toàn trình (1: thấp – 5: cao)", "How ready are the unit's systems for full-process services (1: low – 5: high)?"),
            new("portal_integration", QuestionKind.Scale, false, "Đánh giá việc tích hợp với Cổng Dịch vụ công quốc gia (1–5)", "How well does integration with the National Public Service Portal work (1–5)?"),
            new("staff_trained", QuestionKind.Number, false, "Số cán bộ, công chức được tập huấn trong quý", "Civil servants trained this quarter"),
            new("proposal", QuestionKind.Text, false, "Kiến nghị, đề xuất với Bộ", "Proposals to the ministry"),
        ]);

    public static SurveyInput PublicQuestionnaire(string quarter, DateOnly opensOn, DateOnly closesOn) => new(
        PublicSeries, quarter,
        $"Ý kiến người dân về dịch vụ công trực tuyến, quý {quarter}",
        $"What the public thinks of online public services, {quarter}",
        SurveyAudience.Public, opensOn, closesOn,
        [
            new("used_online", QuestionKind.SingleChoice, true, "Trong quý, bạn đã nộp hồ sơ trực tuyến chưa?", "Did you apply online this quarter?",
                Options: [new("yes", "Đã nộp", "Yes"), new("tried", "Đã thử nhưng không nộp được", "Tried but could not"), new("no", "Chưa", "No")]),
            new("held_back", QuestionKind.MultipleChoice, false, "Điều gì làm bạn ngại nộp trực tuyến?", "What held you back from applying online?",
                Options:
                [
                    new("find", "Khó tìm dịch vụ", "Hard to find the service"), new("forms", "Biểu mẫu phức tạp", "Complicated forms"),
                    new("signin", "Đăng nhập, xác thực (VNeID)", "Signing in (VNeID)"), new("payment", "Thanh toán", "Payment"),
                    new("counter", "Vẫn phải đến nộp bản giấy", "Still had to bring paper to the counter"),
                ]),
            new("ease", QuestionKind.Scale, true, "Mức độ dễ sử dụng (1: rất khó – 5: rất dễ)", "How easy was it (1: very hard – 5: very easy)?"),
            new("comment", QuestionKind.Text, false, "Góp ý của bạn", "Your comments"),
            new("email", QuestionKind.Text, false, "Thư điện tử (không bắt buộc)", "E-mail (optional)",
                "Chỉ để trả lời góp ý khi bạn đề nghị; không dùng vào việc khác. / Only to reply to your comment when you ask; used for nothing else."),
        ]);

    private static readonly string[] Proposals =
    [
        "Đề nghị sửa quy định yêu cầu bản giấy đối với thủ tục cấp phép.",
        "Đề nghị Bộ hướng dẫn kết nối cơ sở dữ liệu dân cư cho hệ thống một cửa.",
        "Cần kinh phí nâng cấp hệ thống thông tin giải quyết thủ tục hành chính.",
        "Đề nghị tổ chức tập huấn cho cán bộ cấp xã về thanh toán trực tuyến.",
    ];

    private static readonly string[] Comments =
    [
        "Đăng nhập VNeID hay bị lỗi vào buổi tối.", "Biểu mẫu quá dài, nên điền sẵn thông tin đã có.", "Nộp trực tuyến nhanh, không phải xếp hàng.",
        "Vẫn phải mang bản giấy đến nộp, không thấy lợi ích.",
    ];

    public static async Task LoadIfEmptyAsync(OpenDvcDbContext db, CancellationToken ct)
    {
        if (await db.Set<Survey>().AnyAsync(ct))
        {
            return;
        }

        var book = new SurveyBook(db);
        var units = await db.Set<Unit>().AsNoTracking().OrderBy(u => u.Code).ToListAsync(ct);
        var q3 = await CreateClosedAsync(book, UnitsQuestionnaire("2023-Q3", new(2023, 9, 15), new(2023, 10, 10)), ct);
        var q4 = await CreateClosedAsync(book, UnitsQuestionnaire("2023-Q4", new(2023, 12, 15), new(2024, 1, 10)), ct);
        var open = await CreateClosedAsync(book, PublicQuestionnaire("2023-Q4", new(2023, 12, 1), new(2023, 12, 31)), ct);

        var random = new Random(2023);
        foreach (var unit in units.Where(q3.AsksUnit).Where(u => random.NextDouble() < 0.85))
        {
            db.Add(Sheet(q3, unit.Code, null, UnitAnswers(random, readinessLift: 0), new(2023, 10, 2)));
        }

        foreach (var unit in units.Where(q4.AsksUnit).Where(u => !NotAnsweredQ4.Contains(u.Code) || DraftOnlyQ4.Contains(u.Code)))
        {
            var draft = NotAnsweredQ4.Contains(unit.Code);
            db.Add(Sheet(q4, unit.Code, null, UnitAnswers(random, readinessLift: 1), draft ? null : new(2024, 1, 5)));
        }

        for (var i = 0; i < 60; i++)
        {
            db.Add(Sheet(open, null, $"demo-{i:D4}", PublicAnswers(random), new(2023, 12, 20)));
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task<Survey> CreateClosedAsync(SurveyBook book, SurveyInput input, CancellationToken ct)
    {
        var (id, _, _) = await book.SaveAsync(null, input, ct);
        await book.SetStateAsync(id!.Value, SurveyState.Closed, ct);
        return (await book.FindAsync(id.Value, ct))!;
    }

    private static Dictionary<string, Answer> UnitAnswers(Random random, int readinessLift)
    {
        var codes = Obstacles.Select(o => o.Code).ToArray();

        // Rules and data exchange weigh most, as the programme's reports say; other obstacles less often.
        var met = codes.Where((c, i) => random.NextDouble() < (i < 3 ? 0.6 : 0.3)).DefaultIfEmpty("legal").ToList();
        var answers = new Dictionary<string, Answer>
        {
            ["main_obstacle"] = new([met[random.Next(met.Count)]]),
            ["obstacles"] = new(met),
            ["readiness"] = new(Number: Math.Min(5, random.Next(2, 5) + (random.NextDouble() < 0.5 ? readinessLift : 0))),
        };
        if (random.NextDouble() < 0.7)
        {
            answers["portal_integration"] = new(Number: random.Next(2, 6));
        }

        if (random.NextDouble() < 0.6)
        {
            answers["staff_trained"] = new(Number: random.Next(0, 400));
        }

        if (random.NextDouble() < 0.3)
        {
            answers["proposal"] = new(Text: Proposals[random.Next(Proposals.Length)]);
        }

        return answers;
    }

    private static Dictionary<string, Answer> PublicAnswers(Random random)
    {
        var used = random.NextDouble() switch { < 0.55 => "yes", < 0.75 => "tried", _ => "no" };
        var answers = new Dictionary<string, Answer>
        {
            ["used_online"] = new([used]),
            ["ease"] = new(Number: random.Next(used == "yes" ? 3 : 1, 6)),
        };
        if (used != "yes" || random.NextDouble() < 0.3)
        {
            answers["held_back"] = new(HeldBack.Where(_ => random.NextDouble() < 0.35).DefaultIfEmpty("counter").ToList());
        }

        if (random.NextDouble() < 0.25)
        {
            answers["comment"] = new(Text: Comments[random.Next(Comments.Length)]);
        }

        return answers;
    }

    private static SurveyResponse Sheet(Survey survey, string? unit, string? tokenHash, Dictionary<string, Answer> answers, DateOnly? sent)
    {
        var at = VietnamTime.StartOfDay(sent ?? survey.ClosesOn).AddHours(9).ToUniversalTime();
        return new SurveyResponse
        {
            SurveyId = survey.Id, UnitCode = unit, TokenHash = tokenHash, Answers = AnswerSheet.ToJson(answers), UpdatedBy = "demo", UpdatedAt = at,
            Submitted = sent is not null, SubmittedAt = sent is null ? null : at,
        };
    }
}
