using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;

namespace OpenDvc.Surveys.Portal;

/// <summary>A checklist item as the API shows it.</summary>
public sealed record CriterionView(int Id, string Code, int Version, PortalArea Area, int Position, string TextVi, string TextEn, string Source, DateOnly EffectiveFrom, DateOnly? EffectiveTo)
{
    public static CriterionView Of(PortalCriterion c) => new(c.Id, c.Code, c.Version, c.Area, c.Position, c.TextVi, c.TextEn, c.Source, c.EffectiveFrom, c.EffectiveTo);
}

/// <summary>A new checklist item, or a new version of one (same code), taking effect on the first day of a quarter.</summary>
public sealed record CriterionInput(string? Code, PortalArea Area, int? Position, string? TextVi, string? TextEn, string? Source, DateOnly EffectiveFrom);

/// <summary>Ends a checklist item: it is not asked from the first day of a quarter on.</summary>
public sealed record RetireInput(DateOnly From);

/// <summary>
/// The checklist as data: version 1 of the twelve items (seeded as reference data into every database), what is in
/// force on a day, and the admin's revisions. A revision never reaches back: it takes effect on the first day of the
/// current quarter or a later one, so a quarter already assessed keeps the items it was assessed against.
/// </summary>
public sealed partial class PortalCriteria(OpenDvcDbContext db, TimeProvider time)
{
    private const string Tt22 = "Thông tư 22/2019/TT-BTTTT (tiêu chí chức năng, tính năng kỹ thuật của Cổng Dịch vụ công và Hệ thống thông tin một cửa điện tử cấp bộ, cấp tỉnh)";
    private const string Tt32 = "Thông tư 32/2017/TT-BTTTT (cung cấp dịch vụ công trực tuyến và bảo đảm khả năng truy cập thuận tiện)";

    /// <summary>Version 1 takes effect with Circular 22/2019 (in force from 2020).</summary>
    public static readonly DateOnly FirstVersion = new(2020, 1, 1);

    public static IReadOnlyList<PortalCriterion> Seed() =>
    [
        Item(10, "find-3-clicks", PortalArea.Experience, "Người dùng tìm thấy dịch vụ công trực tuyến trong không quá 3 lần bấm chuột từ trang chủ", "Users find an online service within 3 clicks of the home page", $"{Tt32}, Điều 6"),
        Item(20, "search", PortalArea.Function, "Tra cứu thủ tục, dịch vụ theo tên, lĩnh vực, cơ quan thực hiện", "Procedures and services can be searched by name, field and agency", $"{Tt22}, Điều 4"),
        Item(30, "prefill", PortalArea.Experience, "Biểu mẫu điện tử được điền sẵn thông tin đã có (tài khoản, cơ sở dữ liệu quốc gia về dân cư)", "Forms are pre-filled from data already known (the account, the national population database)", $"{Tt32}, Điều 6"),
        Item(40, "progress-10s", PortalArea.Performance, "Hiển thị tiến trình xử lý khi một thao tác cần hơn 10 giây", "Progress is shown when an action takes more than 10 seconds", $"{Tt32}, Điều 6"),
        Item(50, "operation-24-7", PortalArea.Performance, "Hệ thống hoạt động liên tục 24 giờ trong ngày, 7 ngày trong tuần", "The systems run 24 hours a day, 7 days a week", $"{Tt22}, Điều 6"),
        Item(60, "satisfaction-3", PortalArea.Experience, "Người dùng đánh giá mức độ hài lòng theo 3 mức: rất hài lòng, hài lòng, không hài lòng", "Users rate their satisfaction on three levels: very satisfied, satisfied, dissatisfied", $"{Tt32}, Điều 7"),
        Item(70, "statistics-per-service", PortalArea.Function, "Công khai thống kê tình hình giải quyết hồ sơ theo từng dịch vụ", "Statistics on dossiers handled are published for each service", $"{Tt32}, Điều 7"),
        Item(80, "dossier-tracking", PortalArea.Function, "Tra cứu tình trạng hồ sơ bằng mã hồ sơ", "The state of a dossier can be looked up by its code", $"{Tt22}, Điều 4"),
        Item(90, "national-portal", PortalArea.Function, "Đăng nhập một lần và đồng bộ trạng thái hồ sơ với Cổng Dịch vụ công quốc gia", "Single sign-on and dossier states synced with the National Public Service Portal", $"{Tt22}, Điều 4"),
        Item(100, "online-payment", PortalArea.Function, "Thanh toán trực tuyến phí, lệ phí qua nền tảng thanh toán", "Fees can be paid online through the payment platform", $"{Tt22}, Điều 4"),
        Item(110, "electronic-results", PortalArea.Function, "Hệ thống một cửa số hóa hồ sơ và trả kết quả điện tử", "The one-stop system digitises dossiers and returns electronic results", $"{Tt22}, Điều 5"),
        Item(120, "accessibility", PortalArea.Experience, "Sử dụng được trên thiết bị di động và bảo đảm khả năng truy cập cho người khuyết tật", "Usable on mobile devices and accessible to people with disabilities", $"{Tt32}, Điều 8"),
    ];

    private static PortalCriterion Item(int position, string code, PortalArea area, string vi, string en, string source) => new()
    {
        Code = code, Area = area, Position = position, TextVi = vi, TextEn = en, Source = source, EffectiveFrom = FirstVersion,
    };

    public async Task<IReadOnlyList<PortalCriterion>> InForceAsync(DateOnly day, CancellationToken ct) =>
        (await db.Set<PortalCriterion>().AsNoTracking().ToListAsync(ct)).Where(c => c.InForceOn(day)).OrderBy(c => c.Position).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();

    /// <summary>Adds an item, or a new version of one: the version in force before ends the day before.</summary>
    public async Task<(CriterionView? Criterion, IReadOnlyList<RuleViolation> Violations)> AddAsync(CriterionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var violations = new List<RuleViolation>();
        if (input.Code is null || !CodePattern().IsMatch(input.Code))
        {
            violations.Add(new("code", Refusal.Of(SurveyCodes.PortalCriterionCode)));
        }

        foreach (var (field, value, max) in new[] { ("textVi", input.TextVi, 1000), ("textEn", input.TextEn, 1000), ("source", input.Source, 512) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > max)
            {
                violations.Add(new(field, Refusal.Of(SurveyCodes.PortalCriterionText, max, field)));
            }
        }

        if (!Enum.IsDefined(input.Area))
        {
            violations.Add(new("area", Refusal.Of(SurveyCodes.PortalCriterionArea)));
        }

        violations.AddRange(CheckDay("effectiveFrom", input.EffectiveFrom));
        var latest = input.Code is null ? null
            : await db.Set<PortalCriterion>().Where(c => c.Code == input.Code).OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        if (latest is not null && latest.EffectiveFrom >= input.EffectiveFrom)
        {
            violations.Add(new("effectiveFrom", Refusal.Of(SurveyCodes.PortalCriterionOrder)));
        }

        if (violations.Count > 0)
        {
            return (null, violations);
        }

        if (latest is not null && (latest.EffectiveTo is null || latest.EffectiveTo >= input.EffectiveFrom))
        {
            latest.EffectiveTo = input.EffectiveFrom.AddDays(-1);
        }

        var criterion = new PortalCriterion
        {
            Code = input.Code!, Version = (latest?.Version ?? 0) + 1, Area = input.Area, Position = input.Position ?? latest?.Position ?? 1000,
            TextVi = input.TextVi!.Trim(), TextEn = input.TextEn!.Trim(), Source = input.Source!.Trim(), EffectiveFrom = input.EffectiveFrom,
        };
        db.Add(criterion);
        await db.SaveChangesAsync(ct);
        return (CriterionView.Of(criterion), []);
    }

    /// <summary>Ends an item (its latest version) the day before <see cref="RetireInput.From"/>; null when there is no such item.</summary>
    public async Task<(CriterionView? Criterion, IReadOnlyList<RuleViolation> Violations)> RetireAsync(string code, DateOnly from, CancellationToken ct)
    {
        var latest = await db.Set<PortalCriterion>().Where(c => c.Code == code).OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return (null, []);
        }

        var violations = CheckDay("from", from).ToList();
        if (from <= latest.EffectiveFrom)
        {
            violations.Add(new("from", Refusal.Of(SurveyCodes.PortalCriterionOrder).Saying("End")));
        }

        if (violations.Count > 0)
        {
            return (CriterionView.Of(latest), violations);
        }

        latest.EffectiveTo = from.AddDays(-1);
        await db.SaveChangesAsync(ct);
        return (CriterionView.Of(latest), []);
    }

    private IEnumerable<RuleViolation> CheckDay(string field, DateOnly day)
    {
        if (Quarter.Of(day).FirstDay != day || day < Quarter.Of(time.GetUtcNow()).FirstDay)
        {
            yield return new(field, Refusal.Of(SurveyCodes.PortalCriterionDay));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}

/// <summary>Adds any version-1 checklist item missing from the database (reference data, every run); never changes one.</summary>
internal sealed class PortalCriteriaSeeder(IServiceScopeFactory scopes) : IDatabaseSeeder
{
    public async Task SeedAsync(AppSettings settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var existing = (await db.Set<PortalCriterion>().Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var missing = PortalCriteria.Seed().Where(c => !existing.Contains(c.Code)).ToList();
        if (missing.Count > 0)
        {
            db.AddRange(missing);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
