using Microsoft.EntityFrameworkCore;
using OpenDvc.Directives.Incentives;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;

namespace OpenDvc.Directives.Demo;

/// <summary>
/// The register as the 2023 letter quotes it: "8 tỉnh, thành phố và Sở Khoa học và Công nghệ thành phố Đà Nẵng" have
/// policies encouraging online public services. The letter names no province here, so the eight, their documents'
/// numbers, dates and rates are demo values (each number starts "DEMO-"); Đà Nẵng's entry is issued by its
/// Department of Science and Technology, so it counts as another unit, not as a province.
/// </summary>
public static class DemoIncentivePolicies
{
    public sealed record DemoPolicy(string Unit, IncentiveKind Kind, int? Percent, string? Description, DateOnly Since, DateOnly? Until,
        string DocumentNumber, DateOnly DocumentDate, string DocumentIssuer, IncentiveIssuer IssuedBy = IncentiveIssuer.TheUnit, string? Note = null);

    public static readonly DemoPolicy[] Policies =
    [
        new("22", IncentiveKind.FeeReduction, 50, "Giảm 50% lệ phí đối với hồ sơ nộp trực tuyến", new(2022, 1, 1), new(2025, 6, 30),
            "DEMO-01/2021/NQ-HĐND", new(2021, 12, 9), "HĐND tỉnh Quảng Ninh"),
        new("24", IncentiveKind.FeeReduction, 50, "Giảm 50% phí, lệ phí khi nộp hồ sơ trực tuyến", new(2022, 7, 1), null,
            "DEMO-02/2022/NQ-HĐND", new(2022, 6, 17), "HĐND tỉnh Bắc Giang"),
        new("27", IncentiveKind.FeeReduction, 30, null, new(2023, 1, 1), null,
            "DEMO-03/2022/NQ-HĐND", new(2022, 12, 8), "HĐND tỉnh Bắc Ninh"),
        new("31", IncentiveKind.FasterProcessing, null, "Rút ngắn 1/3 thời gian giải quyết đối với hồ sơ trực tuyến toàn trình", new(2022, 10, 1), null,
            "DEMO-04/QĐ-UBND", new(2022, 9, 20), "UBND thành phố Hải Phòng"),
        new("35", IncentiveKind.FeeReduction, 50, null, new(2022, 8, 1), null,
            "DEMO-05/2022/NQ-HĐND", new(2022, 7, 12), "HĐND tỉnh Hà Nam"),
        new("46", IncentiveKind.FeeReduction, 50, "Giảm 50% lệ phí cấp giấy phép xây dựng, đăng ký hộ kinh doanh nộp trực tuyến", new(2023, 1, 1), null,
            "DEMO-06/2022/NQ-HĐND", new(2022, 12, 9), "HĐND tỉnh Thừa Thiên Huế"),
        new("74", IncentiveKind.FeeReduction, 20, null, new(2022, 3, 1), null,
            "DEMO-07/2022/NQ-HĐND", new(2022, 2, 18), "HĐND tỉnh Bình Dương"),
        new("96", IncentiveKind.Other, null, "Miễn phí chuyển phát kết quả giải quyết hồ sơ nộp trực tuyến", new(2023, 3, 1), null,
            "DEMO-08/QĐ-UBND", new(2023, 2, 15), "UBND tỉnh Cà Mau"),
        new("48", IncentiveKind.FasterProcessing, null, "Trả kết quả sớm hơn 1 ngày làm việc đối với hồ sơ nộp trực tuyến lĩnh vực khoa học và công nghệ", new(2023, 1, 1), null,
            "DEMO-09/QĐ-SKHCN", new(2022, 12, 20), "Sở Khoa học và Công nghệ thành phố Đà Nẵng", IncentiveIssuer.UnitAgency,
            "Do Sở Khoa học và Công nghệ ban hành, áp dụng cho thủ tục của Sở; văn bản năm 2023 nêu riêng, không tính là chính sách của thành phố."),
    ];

    public static async Task LoadIfEmptyAsync(OpenDvcDbContext db, CancellationToken ct)
    {
        if (await db.Set<IncentivePolicy>().AnyAsync(ct))
        {
            return;
        }

        db.Set<IncentivePolicy>().AddRange(Policies.Select(p => new IncentivePolicy
        {
            UnitCode = p.Unit, Kind = p.Kind, Percent = p.Percent, Description = p.Description, Since = p.Since, Until = p.Until,
            DocumentNumber = p.DocumentNumber, DocumentDate = p.DocumentDate, DocumentIssuer = p.DocumentIssuer, IssuedBy = p.IssuedBy, Note = p.Note,
            UpdatedBy = "demo", UpdatedAt = VietnamTime.StartOfDay(p.DocumentDate).AddHours(9).ToUniversalTime(),
        }));
        await db.SaveChangesAsync(ct);
    }
}
