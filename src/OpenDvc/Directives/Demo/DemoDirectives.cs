using Microsoft.EntityFrameworkCore;
using OpenDvc.Directives.Catalog;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Time;
using OpenDvc.Platform;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Units;

namespace OpenDvc.Directives.Demo;

/// <summary>
/// The three letters of 2021–2023 (docs/domain.md, "Directives and deliverables") with their real deadlines, and a
/// small, declared history of submissions so the compliance views and the "not yet submitted" list have something
/// to show. The deadlines, letters 2664/BTTTT-THH (21/7/2021) and 3179/BTTTT-CĐSQG (7/8/2023) with their dates are
/// from the sources; the 2023 catalog letter's number and date and the signers' titles are demo values (the sources
/// give none), and its number says so.
/// </summary>
public static class DemoDirectives
{
    public const string Level4Plan2021 = "2664/BTTTT-THH";
    public const string CatalogAndPlan2023 = "DEMO-04.2023/BTTTT-CĐSQG";
    public const string Honouring2023 = "3179/BTTTT-CĐSQG";

    /// <summary>A declared submission of the demo history: who, what, when, and how the agency decided.</summary>
    public sealed record DemoSubmission(string Directive, DeliverableKind Kind, string Unit, DateOnly Submitted, ReviewOutcome Review = ReviewOutcome.Pending,
        DateOnly? Reviewed = null, DateOnly? Resubmitted = null);

    /// <summary>Extensions granted in the demo history.</summary>
    public static readonly (string Directive, DeliverableKind Kind, string Unit, DateOnly DueDate, string Reason)[] Extensions =
    [
        (CatalogAndPlan2023, DeliverableKind.ProcedureCatalog, "48", new(2023, 5, 5), "Đang rà soát lại danh mục sau khi sắp xếp bộ máy"),
        (CatalogAndPlan2023, DeliverableKind.ProcedureCatalog, "31", new(2023, 4, 28), "Chờ ý kiến các sở, ngành"),
    ];

    /// <summary>The 2023 catalog: a few on time, one returned and resubmitted late, one returned and not resubmitted, one late, one under extension.</summary>
    public static readonly DemoSubmission[] Submissions =
    [
        new(CatalogAndPlan2023, DeliverableKind.ProcedureCatalog, "BTP", new(2023, 4, 19), ReviewOutcome.Accepted, new(2023, 4, 24)),
        new(CatalogAndPlan2023, DeliverableKind.ProcedureCatalog, "BCA", new(2023, 4, 21)),
        new(CatalogAndPlan2023, DeliverableKind.ProcedureCatalog, "01", new(2023, 4, 20), ReviewOutcome.Returned, new(2023, 4, 22), new(2023, 4, 26)),
        new(CatalogAndPlan2023, DeliverableKind.ProcedureCatalog, "BYT", new(2023, 4, 20), ReviewOutcome.Returned, new(2023, 4, 23)),
        new(CatalogAndPlan2023, DeliverableKind.ProcedureCatalog, "79", new(2023, 4, 25)),
        new(CatalogAndPlan2023, DeliverableKind.ProcedureCatalog, "48", new(2023, 5, 3)),
        new(CatalogAndPlan2023, DeliverableKind.ActionPlan, "BTP", new(2023, 4, 27), ReviewOutcome.Accepted, new(2023, 5, 4)),
        new(CatalogAndPlan2023, DeliverableKind.ActionPlan, "01", new(2023, 4, 28)),
        new(CatalogAndPlan2023, DeliverableKind.ActionPlan, "79", new(2023, 5, 8)),
    ];

    /// <summary>2021: every unit sent its level-4 plan on 28/7/2021, except these late ones and these missing ones.</summary>
    public static readonly string[] Level4PlanLate = ["01", "BTC"];

    public static readonly string[] Level4PlanMissing = ["BQP", "BCA", "02", "04"];

    public static async Task LoadIfEmptyAsync(OpenDvcDbContext db, Compliance.AnswerSources sources, CancellationToken ct)
    {
        if (await db.Set<Directive>().AnyAsync(ct))
        {
            return;
        }

        var directives = LettersOf2021To2023().ToList();
        // Letter 3179's nominations are answered in the award campaign it opened (the demo's, seeded before).
        var honouring = directives.Single(d => d.Number == Honouring2023).Deliverables.Single();
        if (sources.For(Compliance.AnswerSource.AwardCampaign) is { } campaigns && await campaigns.FindAsync(Honouring2023, ct) is { } id
            && await campaigns.AnswersAsync(id, ct) is { Deadline: { } deadline })
        {
            (honouring.Kind, honouring.CampaignId, honouring.DueDate) = (DeliverableKind.AwardNominations, id, deadline);
        }
        db.Set<Directive>().AddRange(directives);
        await db.SaveChangesAsync(ct);

        var deliverables = directives.SelectMany(d => d.Deliverables.Select(x => (d.Number, x))).ToDictionary(x => (x.Number, x.x.Kind), x => x.x);
        foreach (var (directive, kind, unit, due, reason) in Extensions)
        {
            db.Set<DeadlineExtension>().Add(new DeadlineExtension
            {
                DeliverableId = deliverables[(directive, kind)].Id, UnitCode = unit, DueDate = due, Reason = reason,
                GrantedBy = "demo", GrantedAt = At(due.AddDays(-10), 9),
            });
        }

        var units = await db.Set<Unit>().AsNoTracking().ToListAsync(ct);
        var catalog = new ProcedureCatalogSubmission(db);
        var history = Submissions.ToList();
        var plan2021 = directives.Single(d => d.Number == Level4Plan2021);
        history.AddRange(units.Where(plan2021.IsAddressedTo).Where(u => !Level4PlanMissing.Contains(u.Code))
            .Select(u => new DemoSubmission(Level4Plan2021, DeliverableKind.ActionPlan, u.Code,
                Level4PlanLate.Contains(u.Code) ? new DateOnly(2021, 8, 5) : new DateOnly(2021, 7, 28), ReviewOutcome.Accepted, new DateOnly(2021, 8, 10))));
        foreach (var item in history)
        {
            var content = await ContentAsync(catalog, item, ct);
            db.Set<Submission>().Add(Build(deliverables[(item.Directive, item.Kind)].Id, item, content));
        }

        await db.SaveChangesAsync(ct);
    }

    private static IEnumerable<Directive> LettersOf2021To2023()
    {
        yield return new Directive
        {
            Number = Level4Plan2021,
            Date = new DateOnly(2021, 7, 21),
            Subject = "Xây dựng kế hoạch cung cấp 100% dịch vụ công trực tuyến mức độ 4 trong năm 2021",
            Signer = "KT. Bộ trưởng, Thứ trưởng",
            Recipients = RecipientScope.AllUnits,
            Published = true,
            Targets = [new LetterTarget { Indicator = PlanIndicator.Level4Coverage, TargetPercent = 100, ByDate = new DateOnly(2021, 12, 31) }],
            Deliverables =
            [
                new Deliverable
                {
                    Kind = DeliverableKind.ActionPlan, DueDate = new DateOnly(2021, 7, 30),
                    Title = "Kế hoạch cung cấp 100% DVCTT mức độ 4 năm 2021, chi tiết theo tháng",
                    Instructions = "Kèm danh sách dịch vụ công đủ điều kiện và không đủ điều kiện cung cấp trực tuyến mức độ 4.",
                },
            ],

            // The letter asks for a report every month of the plan, from the units that provide online services, as its annex lists them.
            Series =
            [
                new DeliverableSeries
                {
                    Kind = DeliverableKind.MonthlyReport, Title = "Báo cáo tình hình cung cấp DVCTT", Frequency = SeriesFrequency.Monthly, DueDay = 5,
                    FirstPeriod = new DateOnly(2021, 8, 1), LastPeriod = new DateOnly(2021, 12, 1), Scope = DeliverableScope.WithOnlineServices,
                    Instructions = "Số hồ sơ tiếp nhận, trực tuyến, đúng hạn trong tháng và tình hình thực hiện kế hoạch.",
                },
            ],
        };
        yield return new Directive
        {
            Number = CatalogAndPlan2023,
            Date = new DateOnly(2023, 4, 7),
            Subject = "Rà soát danh mục thủ tục hành chính đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình và xây dựng kế hoạch hành động năm 2023",
            Signer = "KT. Bộ trưởng, Thứ trưởng",
            Recipients = RecipientScope.AllUnits,
            Published = true,

            // The programme's targets for 2023: 100 % of eligible procedures full-process, 50 % of dossiers remote online, by the year's end.
            Targets =
            [
                new LetterTarget { Indicator = PlanIndicator.FullProcessCoverage, TargetPercent = 100, ByDate = new DateOnly(2023, 12, 31) },
                new LetterTarget { Indicator = PlanIndicator.RemoteOnlineRate, TargetPercent = 50, ByDate = new DateOnly(2023, 12, 31) },
            ],
            Deliverables =
            [
                new Deliverable
                {
                    Kind = DeliverableKind.ProcedureCatalog, DueDate = new DateOnly(2023, 4, 21),
                    Title = "Danh mục TTHC đủ điều kiện cung cấp DVCTT toàn trình và một phần",
                    Instructions = "Nêu rõ lý do đối với thủ tục không đủ điều kiện cung cấp toàn trình.",
                },
                new Deliverable
                {
                    Kind = DeliverableKind.ActionPlan, DueDate = new DateOnly(2023, 4, 28),
                    Title = "Kế hoạch hành động: chỉ tiêu cho đơn vị và đơn vị trực thuộc, phân công người chịu trách nhiệm",
                    Instructions = "100% TTHC đủ điều kiện cung cấp toàn trình; 50% hồ sơ trực tuyến từ xa; 100% cán bộ, công chức sử dụng DVCTT; mỗi hộ gia đình có ít nhất một người sử dụng được VNeID và Cổng dịch vụ công.",
                },
            ],
        };
        yield return new Directive
        {
            Number = Honouring2023,
            Date = new DateOnly(2023, 8, 7),
            Subject = "Tôn vinh dịch vụ công trực tuyến tiêu biểu năm 2023",
            Signer = "KT. Bộ trưởng, Thứ trưởng",
            Recipients = RecipientScope.AllUnits,
            Published = true,
            Deliverables =
            [
                new Deliverable
                {
                    Kind = DeliverableKind.Document, DueDate = new DateOnly(2023, 8, 31),
                    Title = "Đề xuất tối đa 10 DVCTT tiêu biểu (5 cho người dân, 5 cho doanh nghiệp)",
                    Instructions = "Dịch vụ toàn trình, có số liệu cụ thể về số hồ sơ trực tuyến, mức độ hài lòng hoặc tiết kiệm chi phí, thời gian.",
                },
            ],
        };
    }

    private static async Task<SubmissionContent> ContentAsync(ProcedureCatalogSubmission catalog, DemoSubmission item, CancellationToken ct)
    {
        if (item.Kind == DeliverableKind.ProcedureCatalog)
        {
            var rules = await catalog.RulesForAsync(item.Unit, ct);
            return new SubmissionContent { Catalog = rules is null ? [] : ProcedureCatalogSubmission.Template(rules) };
        }

        var indicator = item.Directive == Level4Plan2021 ? PlanIndicator.Level4Coverage : PlanIndicator.FullProcessCoverage;
        var year = item.Submitted.Year;
        var months = Enumerable.Range(item.Submitted.Month + 1, 12 - item.Submitted.Month).ToList();
        const string responsible = "Giám đốc Trung tâm/Sở Thông tin và Truyền thông";
        // 2023: the remote online rate rises to the letter's 50 %, except Hồ Chí Minh City's, which stops at 40 % and says why.
        var remoteCeiling = item.Unit == "79" ? 40 : 50;
        return new SubmissionContent
        {
            Plan = [.. months.Select(m => new PlanTarget(indicator, null, $"{year}-{m:D2}", Math.Min(100, 40 + (m * 5)), responsible)),
                .. item.Directive == Level4Plan2021 ? [] : months.Select(m => new PlanTarget(PlanIndicator.RemoteOnlineRate, null, $"{year}-{m:D2}", Math.Min(remoteCeiling, 20 + (m * 3)), responsible))],
            PlanShortfallReason = item.Directive != Level4Plan2021 && item.Unit == "79" && item.Kind == DeliverableKind.ActionPlan
                ? "Nhiều thủ tục có lượng hồ sơ lớn cần nộp bản gốc; tỷ lệ trực tuyến từ xa 40% trong năm 2023, 50% trong quý II/2024." : null,
        };
    }

    /// <summary>An hour of a day in Hà Nội, as UTC (PostgreSQL stores instants in UTC).</summary>
    private static DateTimeOffset At(DateOnly day, int hour) => VietnamTime.StartOfDay(day).AddHours(hour).ToUniversalTime();

    private static Submission Build(int deliverableId, DemoSubmission item, SubmissionContent content)
    {
        var json = content.ToJson();
        var submitted = At(item.Submitted, 9);
        var submission = new Submission { DeliverableId = deliverableId, UnitCode = item.Unit, Content = json, UpdatedBy = "demo", UpdatedAt = submitted, Status = SubmissionStatus.Submitted };
        var first = new SubmissionVersion { Number = 1, SubmittedAt = submitted, SubmittedBy = "demo", Content = json };
        submission.Versions.Add(first);
        if (item.Reviewed is { } reviewed)
        {
            first.Review = item.Review;
            first.ReviewedAt = At(reviewed, 15);
            first.ReviewedBy = "demo";
            first.ReviewComment = item.Review == ReviewOutcome.Returned ? "Thiếu lý do đối với một số thủ tục; đề nghị bổ sung." : null;
            submission.Status = item.Review == ReviewOutcome.Accepted ? SubmissionStatus.Accepted : SubmissionStatus.Returned;
            submission.ReviewComment = first.ReviewComment;
            submission.UpdatedAt = first.ReviewedAt.Value;
        }

        if (item.Resubmitted is { } again)
        {
            var at = At(again, 9);
            submission.Versions.Add(new SubmissionVersion { Number = 2, SubmittedAt = at, SubmittedBy = "demo", Content = json });
            submission.Status = SubmissionStatus.Submitted;
            submission.ReviewComment = null;
            submission.UpdatedAt = at;
        }

        return submission;
    }
}
