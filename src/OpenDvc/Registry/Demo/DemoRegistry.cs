using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Registry.Demo;

/// <summary>
/// A deterministic demo registry of national shape: focal points for every unit and each of its versions, a few hundred procedures
/// across the main fields with realistic audiences, fees and levels, and each unit's online services.
/// The same seed always gives the same registry, so demo figures and tests are repeatable.
/// </summary>
public static class DemoRegistry
{
    public const int Seed = 2023;

    public static async Task LoadIfEmptyAsync(OpenDvcDbContext db, CancellationToken cancellationToken = default)
    {
        if (await db.Set<Procedure>().AnyAsync(cancellationToken))
        {
            return;
        }

        var units = await db.Set<Unit>().OrderBy(u => u.Code).ToListAsync(cancellationToken);
        AddFocalPoints(units);
        foreach (var version in await db.Set<UnitVersion>().ToListAsync(cancellationToken))
        {
            version.FocalPointAgency = FocalPointAgency(version.Kind is UnitKind.Province or UnitKind.City, version.Name, version.ShortName);
        }

        var procedures = Procedures().ToList();
        db.Set<Procedure>().AddRange(procedures);
        db.Set<OnlineService>().AddRange(Services(units, procedures));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void AddFocalPoints(IEnumerable<Unit> units)
    {
        string[] surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"];
        string[] given = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Hải", "Thanh Hương", "Hữu Khánh", "Ngọc Lan", "Văn Long", "Thị Mai", "Quang Minh", "Hoài Nam", "Bảo Ngọc", "Văn Phúc", "Thị Quyên"];
        var random = new Random(Seed);
        foreach (var unit in units)
        {
            unit.FocalPointAgency = FocalPointAgency(unit.IsProvince, unit.Name, unit.ShortName);
            unit.ContactName = $"{surnames[random.Next(surnames.Length)]} {given[random.Next(given.Length)]}";
            unit.ContactEmail = $"daumoi.{unit.Code.ToLowerInvariant()}@example.gov.vn";
            unit.ContactPhone = $"024 3{random.Next(100, 999)} {random.Next(1000, 9999)}";
        }
    }

    private static string FocalPointAgency(bool province, string name, string shortName) =>
        province ? $"Sở Thông tin và Truyền thông {shortName}" : $"Trung tâm Công nghệ thông tin, {name}";

    /// <summary>Fields of the national catalog with the ministry that manages each and sample procedure names.</summary>
    private static readonly (string Ministry, string Field, ProcedureTier Tier, Audience Audience, string[] Names)[] Catalog =
    [
        ("BTP", "Hộ tịch", ProcedureTier.Commune, Audience.Citizens,
            ["Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử", "Đăng ký nhận cha, mẹ, con", "Cấp bản sao trích lục hộ tịch", "Cấp giấy xác nhận tình trạng hôn nhân", "Đăng ký lại khai sinh", "Đăng ký thay đổi, cải chính hộ tịch"]),
        ("BTP", "Chứng thực", ProcedureTier.Commune, Audience.Both,
            ["Chứng thực bản sao từ bản chính", "Chứng thực chữ ký trong giấy tờ, văn bản", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản"]),
        ("BTP", "Lý lịch tư pháp", ProcedureTier.Provincial, Audience.Citizens,
            ["Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", "Cấp Phiếu lý lịch tư pháp cho người nước ngoài cư trú tại Việt Nam"]),
        ("BKHDT", "Thành lập và hoạt động của doanh nghiệp", ProcedureTier.Provincial, Audience.Businesses,
            ["Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", "Đăng ký thành lập công ty cổ phần", "Đăng ký thành lập doanh nghiệp tư nhân", "Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp", "Đăng ký thay đổi người đại diện theo pháp luật", "Thông báo tạm ngừng kinh doanh", "Giải thể doanh nghiệp", "Đăng ký hoạt động chi nhánh, văn phòng đại diện"]),
        ("BKHDT", "Thành lập và hoạt động của hộ kinh doanh", ProcedureTier.District, Audience.Citizens,
            ["Đăng ký thành lập hộ kinh doanh", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "Tạm ngừng hoạt động hộ kinh doanh"]),
        ("BKHDT", "Đầu tư tại Việt Nam", ProcedureTier.Provincial, Audience.Businesses,
            ["Cấp Giấy chứng nhận đăng ký đầu tư", "Điều chỉnh Giấy chứng nhận đăng ký đầu tư", "Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh"]),
        ("BTNMT", "Đất đai", ProcedureTier.District, Audience.Both,
            ["Đăng ký biến động quyền sử dụng đất", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "Chuyển mục đích sử dụng đất", "Đính chính Giấy chứng nhận đã cấp", "Xóa đăng ký thế chấp quyền sử dụng đất", "Cung cấp thông tin, dữ liệu đất đai"]),
        ("BTNMT", "Môi trường", ProcedureTier.Provincial, Audience.Businesses,
            ["Cấp giấy phép môi trường", "Thẩm định báo cáo đánh giá tác động môi trường", "Đăng ký môi trường"]),
        ("BTNMT", "Tài nguyên nước", ProcedureTier.Provincial, Audience.Businesses,
            ["Cấp giấy phép khai thác nước dưới đất", "Cấp giấy phép xả nước thải vào nguồn nước"]),
        ("BXD", "Hoạt động xây dựng", ProcedureTier.Provincial, Audience.Both,
            ["Cấp giấy phép xây dựng nhà ở riêng lẻ", "Cấp giấy phép xây dựng công trình", "Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở", "Cấp chứng chỉ hành nghề hoạt động xây dựng"]),
        ("BGTVT", "Đường bộ", ProcedureTier.Provincial, Audience.Both,
            ["Cấp đổi giấy phép lái xe", "Cấp lại giấy phép lái xe", "Cấp giấy phép kinh doanh vận tải bằng xe ô tô", "Cấp phù hiệu xe ô tô kinh doanh vận tải", "Cấp giấy phép lái xe quốc tế"]),
        ("BGTVT", "Đăng kiểm", ProcedureTier.Central, Audience.Businesses,
            ["Chứng nhận chất lượng an toàn kỹ thuật xe cơ giới nhập khẩu", "Cấp giấy chứng nhận thẩm định thiết kế xe cơ giới cải tạo"]),
        ("BCT", "Thương mại quốc tế", ProcedureTier.Central, Audience.Businesses,
            ["Cấp Giấy chứng nhận xuất xứ hàng hóa ưu đãi", "Cấp giấy phép nhập khẩu tự động", "Cấp giấy phép kinh doanh tạm nhập, tái xuất"]),
        ("BCT", "Lưu thông hàng hóa trong nước", ProcedureTier.Provincial, Audience.Businesses,
            ["Cấp Giấy phép bán lẻ sản phẩm thuốc lá", "Cấp Giấy phép bán buôn rượu", "Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu"]),
        ("BCT", "An toàn thực phẩm", ProcedureTier.Provincial, Audience.Businesses,
            ["Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"]),
        ("BYT", "Khám bệnh, chữa bệnh", ProcedureTier.Provincial, Audience.Both,
            ["Cấp giấy phép hành nghề khám bệnh, chữa bệnh", "Cấp giấy phép hoạt động đối với phòng khám đa khoa", "Cấp lại giấy phép hành nghề khám bệnh, chữa bệnh"]),
        ("BYT", "Dược phẩm", ProcedureTier.Central, Audience.Businesses,
            ["Cấp giấy đăng ký lưu hành thuốc", "Cấp phép nhập khẩu thuốc chưa có giấy đăng ký lưu hành", "Cấp Chứng chỉ hành nghề dược"]),
        ("BYT", "Trang thiết bị y tế", ProcedureTier.Central, Audience.Businesses,
            ["Cấp số lưu hành trang thiết bị y tế loại C, D", "Công bố tiêu chuẩn áp dụng trang thiết bị y tế loại A, B"]),
        ("BGDDT", "Giáo dục và Đào tạo", ProcedureTier.Provincial, Audience.Both,
            ["Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Chỉnh sửa nội dung văn bằng, chứng chỉ", "Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", "Công nhận văn bằng tốt nghiệp do cơ sở giáo dục nước ngoài cấp"]),
        ("BLDTBXH", "Việc làm", ProcedureTier.Provincial, Audience.Both,
            ["Giải quyết hưởng trợ cấp thất nghiệp", "Cấp giấy phép lao động cho người lao động nước ngoài", "Cấp giấy phép hoạt động dịch vụ việc làm"]),
        ("BLDTBXH", "Bảo trợ xã hội", ProcedureTier.Commune, Audience.Citizens,
            ["Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Xác định, xác định lại mức độ khuyết tật"]),
        ("BLDTBXH", "Người có công", ProcedureTier.Provincial, Audience.Citizens,
            ["Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", "Cấp bổ sung hoặc cấp lại giấy chứng nhận người có công"]),
        ("BCA", "Cư trú", ProcedureTier.Commune, Audience.Citizens,
            ["Đăng ký thường trú", "Đăng ký tạm trú", "Xóa đăng ký thường trú", "Khai báo tạm vắng", "Xác nhận thông tin về cư trú"]),
        ("BCA", "Xuất nhập cảnh", ProcedureTier.Central, Audience.Citizens,
            ["Cấp hộ chiếu phổ thông", "Cấp thị thực cho người nước ngoài", "Gia hạn tạm trú cho người nước ngoài"]),
        ("BCA", "Đăng ký, quản lý phương tiện giao thông", ProcedureTier.District, Audience.Both,
            ["Đăng ký xe mô tô, xe gắn máy", "Đăng ký sang tên xe", "Thu hồi đăng ký, biển số xe"]),
        ("BTC", "Thuế", ProcedureTier.Central, Audience.Businesses,
            ["Đăng ký thuế lần đầu", "Khai thuế giá trị gia tăng", "Hoàn thuế giá trị gia tăng", "Quyết toán thuế thu nhập cá nhân"]),
        ("BTC", "Hải quan", ProcedureTier.Central, Audience.Businesses,
            ["Thủ tục hải quan đối với hàng hóa xuất khẩu, nhập khẩu thương mại", "Xác định trước mã số hàng hóa", "Hoàn thuế hàng hóa nhập khẩu phải tái xuất"]),
        ("BNNPTNT", "Thú y", ProcedureTier.Provincial, Audience.Businesses,
            ["Cấp Giấy chứng nhận kiểm dịch động vật vận chuyển ra khỏi địa bàn cấp tỉnh", "Cấp Giấy chứng nhận cơ sở an toàn dịch bệnh động vật"]),
        ("BNNPTNT", "Trồng trọt và bảo vệ thực vật", ProcedureTier.Provincial, Audience.Businesses,
            ["Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", "Cấp giấy chứng nhận đủ điều kiện sản xuất phân bón"]),
        ("BVHTTDL", "Văn hóa", ProcedureTier.Provincial, Audience.Businesses,
            ["Cấp giấy phép tổ chức biểu diễn nghệ thuật", "Cấp giấy phép kinh doanh dịch vụ karaoke"]),
        ("BVHTTDL", "Du lịch", ProcedureTier.Provincial, Audience.Both,
            ["Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", "Cấp thẻ hướng dẫn viên du lịch"]),
        ("BTTTT", "Báo chí và xuất bản", ProcedureTier.Provincial, Audience.Businesses,
            ["Cấp giấy phép xuất bản bản tin", "Cấp giấy phép hoạt động in", "Cấp giấy phép nhập khẩu xuất bản phẩm không kinh doanh"]),
        ("BTTTT", "Viễn thông và Internet", ProcedureTier.Central, Audience.Businesses,
            ["Cấp giấy phép thiết lập mạng viễn thông công cộng", "Cấp giấy phép cung cấp dịch vụ trò chơi điện tử G1 trên mạng"]),
        ("BNV", "Thi đua, khen thưởng", ProcedureTier.Provincial, Audience.Both,
            ["Tặng Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh", "Tặng danh hiệu Tập thể lao động xuất sắc"]),
        ("BNV", "Tôn giáo", ProcedureTier.Provincial, Audience.Citizens,
            ["Đăng ký sinh hoạt tôn giáo tập trung", "Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo"]),
        ("BKHCN", "Sở hữu trí tuệ", ProcedureTier.Central, Audience.Both,
            ["Đăng ký nhãn hiệu", "Đăng ký sáng chế", "Đăng ký kiểu dáng công nghiệp"]),
        ("BKHCN", "Tiêu chuẩn đo lường chất lượng", ProcedureTier.Provincial, Audience.Businesses,
            ["Đăng ký công bố hợp chuẩn dựa trên kết quả tự đánh giá", "Kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu"]),
        ("BHXH", "Bảo hiểm xã hội", ProcedureTier.Central, Audience.Both,
            ["Đăng ký tham gia bảo hiểm xã hội bắt buộc", "Cấp lại, đổi thẻ bảo hiểm y tế", "Giải quyết hưởng chế độ thai sản", "Giải quyết hưởng lương hưu", "Giải quyết hưởng bảo hiểm xã hội một lần"]),
        ("NHNN", "Hoạt động ngân hàng", ProcedureTier.Central, Audience.Businesses,
            ["Cấp giấy phép hoạt động cung ứng dịch vụ trung gian thanh toán", "Chấp thuận thay đổi tên, địa điểm trụ sở chính của tổ chức tín dụng"]),
        ("BNG", "Lãnh sự", ProcedureTier.Central, Audience.Citizens,
            ["Chứng nhận lãnh sự giấy tờ, tài liệu", "Hợp pháp hóa lãnh sự giấy tờ, tài liệu"]),
        ("BQP", "Nghĩa vụ quân sự", ProcedureTier.District, Audience.Citizens,
            ["Đăng ký nghĩa vụ quân sự lần đầu", "Đăng ký phục vụ trong ngạch dự bị"]),
        ("UBDT", "Công tác dân tộc", ProcedureTier.Provincial, Audience.Citizens,
            ["Công nhận người có uy tín trong đồng bào dân tộc thiểu số"]),
        ("TTCP", "Giải quyết khiếu nại, tố cáo", ProcedureTier.Provincial, Audience.Both,
            ["Giải quyết khiếu nại lần đầu", "Giải quyết tố cáo", "Tiếp công dân"]),
        ("VPCP", "Kiểm soát thủ tục hành chính", ProcedureTier.Central, Audience.Both,
            ["Tiếp nhận phản ánh, kiến nghị về quy định hành chính"]),
    ];

    /// <summary>Licensing procedures usually come with re-issue and extension twins in the national catalog.</summary>
    private static readonly string[] LicenceVariants = ["Cấp lại", "Gia hạn"];

    public static IEnumerable<Procedure> Procedures()
    {
        var random = new Random(Seed);
        var serial = 1000;
        foreach (var (ministry, field, tier, audience, names) in Catalog)
        {
            foreach (var name in names)
            {
                var variants = name.StartsWith("Cấp giấy phép", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Cấp Giấy chứng nhận", StringComparison.OrdinalIgnoreCase)
                    ? LicenceVariants.Select(v => v + name[3..]).Prepend(name)
                    : [name];
                foreach (var variantName in variants)
                {
                    foreach (var procedure in TierCopies(variantName, tier))
                    {
                        serial += random.Next(1, 40);
                        yield return Build(random, $"{(procedure.Tier == ProcedureTier.Central ? 1 : 2)}.{serial:D6}", procedure.Name, field, procedure.Tier, audience, ministry);
                    }
                }
            }
        }
    }

    /// <summary>Many procedures exist at two tiers (province and district) as separate catalog entries.</summary>
    private static IEnumerable<(string Name, ProcedureTier Tier)> TierCopies(string name, ProcedureTier tier)
    {
        yield return (tier == ProcedureTier.Central ? name : $"{name} ({TierLabel(tier)})", tier);
        if (tier == ProcedureTier.Provincial && name.Length % 3 == 0)
        {
            yield return ($"{name} ({TierLabel(ProcedureTier.District)})", ProcedureTier.District);
        }
    }

    private static string TierLabel(ProcedureTier tier) => tier switch
    {
        ProcedureTier.Provincial => "cấp tỉnh",
        ProcedureTier.District => "cấp huyện",
        ProcedureTier.Commune => "cấp xã",
        _ => "cấp trung ương",
    };

    private static Procedure Build(Random random, string code, string name, string field, ProcedureTier tier, Audience audience, string ministry)
    {
        // Roughly 85 % of procedures have no reason to need the applicant in person (2023: 90.66 % coverage
        // of the eligible ones); the rest need inspection, original documents or biometrics.
        var eligible = random.NextDouble() < 0.85;
        string[] reasons =
        [
            "Phải kiểm tra bản gốc giấy tờ",
            "Phải thẩm định thực tế tại cơ sở",
            "Phải thu nhận sinh trắc học",
            "Phải trả kết quả bằng bản giấy có chữ ký trực tiếp",
            "Luật chuyên ngành yêu cầu người yêu cầu có mặt",
        ];
        int[] fees = [0, 0, 0, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 3_000_000];
        var unit = random.NextDouble() switch
        {
            < 0.70 => ProcessingTimeUnit.WorkingDays,
            < 0.85 => ProcessingTimeUnit.Days,
            < 0.95 => ProcessingTimeUnit.Hours,
            _ => ProcessingTimeUnit.Months,
        };
        return new Procedure
        {
            Code = code,
            Name = name,
            Field = field,
            Audience = audience == Audience.Both ? (Audience)random.Next(1, 4) : audience,
            Tier = tier,
            ManagingUnitCode = ministry,
            StatutoryTime = unit switch
            {
                ProcessingTimeUnit.Hours => random.Next(1, 3) * 4,
                ProcessingTimeUnit.Months => random.Next(1, 4),
                _ => random.Next(1, 31),
            },
            TimeUnit = unit,
            Fee = fees[random.Next(fees.Length)],
            HasPaperResult = random.NextDouble() < 0.7,
            EligibleForFullProcess = eligible,
            IneligibleReason = eligible ? null : reasons[random.Next(reasons.Length)],
        };
    }

    /// <summary>
    /// Each unit offers most of its procedures online; eligible ones are mostly full-process. A unit's services depend
    /// on its code alone (a seed of its own), so the registry of the database and the simulator's list of units over
    /// time give every code the same services whatever other codes they hold.
    /// </summary>
    public static IEnumerable<OnlineService> Services(IReadOnlyList<Unit> units, IReadOnlyList<Procedure> procedures)
    {
        foreach (var unit in units)
        {
            var random = new Random(Seed + 1 + unit.Code.Aggregate(0, (hash, c) => unchecked((hash * 31) + c)));
            var uptake = 0.70 + (random.NextDouble() * 0.25);
            foreach (var procedure in procedures.Where(p => p.IsCarriedOutBy(unit)))
            {
                if (random.NextDouble() > uptake)
                {
                    continue;
                }

                var fullProcess = procedure.EligibleForFullProcess && random.NextDouble() < 0.9;
                var online = new DateOnly(2019, 1, 1).AddDays(random.Next(0, 1400));
                yield return new OnlineService
                {
                    UnitCode = unit.Code,
                    ProcedureCode = procedure.Code,
                    Level = fullProcess ? ServiceLevel.FullProcess : ServiceLevel.Partial,
                    LegacyLevel = online.Year <= 2021 ? (fullProcess ? 4 : 3) : null,
                    OnlineSince = online,
                    FullProcessSince = fullProcess ? online.AddDays(random.Next(0, 500)) : null,
                };
            }
        }
    }
}
