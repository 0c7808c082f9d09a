using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Ledger.Contract;
using OpenDvc.Registry;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Procedures;

namespace OpenDvc.Tests.Ledger.Contract;

/// <summary>Test data for the sync contract: the contract's own example, a catalog that knows it, and reading helpers.</summary>
public static class SyncSamples
{
    /// <summary>The example line of docs/sync-contract.md, verbatim.</summary>
    public const string Example =
        """{"MaHoSo":"000.00.01.H26-230315-0042","MaDonVi":"01","MaTTHC":"1.001612","LoaiDoiTuong":1,"""
        + """ "KenhThucHien":2,"NoiNopHoSo":1,"TrangThaiHoSo":10,"""
        + """ "NgayNopHoSo":"20230315083000","NgayTiepNhan":"20230315091200","NgayHenTra":"20230322170000","""
        + """ "NgayKetThucXuLy":"20230320150000","NgayTra":"20230320160000","ThoiDiemCapNhat":"20230320160500","""
        + """ "DanhSachHoSoBoSung":[{"NgayBoSung":"20230316100000","NgayTiepNhanBoSung":"20230317090000"}],"""
        + """ "DanhSachLePhi":[{"MaPhiLePhi":"LP01","TenPhiLePhi":"Lệ phí đăng ký","Gia":50000}],"""
        + """ "DuocThanhToanTrucTuyen":1,"HoSoCoThanhPhanSoHoa":1,"TaiKhoanDuocXacThucVoiVNeID":1,"""
        + """ "TaiLieuNop":[{"DuocSoHoa":1,"DuocTaiSuDung":0,"DuocLayTuKhoDMQG":1}],"""
        + """ "DanhSachGiayToKetQua":[{"MaGiayTo":"KQ01","DuongDanTepTinKetQua":"https://dichvucong.hanoi.gov.vn/kq/42.pdf"}],"""
        + """ "DanhGia":{"MucDo":1,"NgayDanhGia":"20230321080000"}}""";

    /// <summary>"Now" for validation: well after the example's dates.</summary>
    public static readonly DateTimeOffset Now = new(2023, 6, 1, 10, 0, 0, TimeSpan.FromHours(7));

    public static readonly WorkingCalendar Vietnam = new(ReferenceData.VietnamCalendar());

    /// <summary>The 2023 units, the demo catalog, and the example's procedure (7 working days, paper result, 50,000 đồng).</summary>
    public static readonly CatalogSnapshot Catalog = CatalogSnapshot.From(
        ReferenceData.Units2023(),
        DemoRegistry().Append(new Procedure
        {
            Code = "1.001612",
            Name = "Đăng ký hộ kinh doanh",
            Field = "Thành lập và hoạt động của hộ kinh doanh",
            ManagingUnitCode = "BKHDT",
            StatutoryTime = 7,
            TimeUnit = ProcessingTimeUnit.WorkingDays,
            Fee = 50_000,
            HasPaperResult = true,
        }),
        Vietnam);

    public static DossierValidator Validator(DateTimeOffset? now = null) =>
        new(Catalog, new FakeTimeProvider(now ?? Now));

    /// <summary>The example with fields set (a JSON value) or removed (null), as one NDJSON line.</summary>
    public static string ExampleWith(params (string Field, string? Json)[] changes)
    {
        var node = JsonNode.Parse(Example)!.AsObject();
        foreach (var (field, json) in changes)
        {
            if (json is null)
            {
                node.Remove(field);
            }
            else
            {
                node[field] = JsonNode.Parse(json);
            }
        }

        return node.ToJsonString();
    }

    public static List<DossierLine> ReadAll(string text, DossierFormat? format = null) => ReadAll(Encoding.UTF8.GetBytes(text), format);

    /// <summary>Reads everything, keeping each line's raw bytes (which the reader only lends).</summary>
    public static List<DossierLine> ReadAll(byte[] bytes, DossierFormat? format = null, int maxRecordBytes = DossierReader.DefaultMaxRecordBytes)
    {
        using var reader = new DossierReader(new MemoryStream(bytes), format) { MaxRecordBytes = maxRecordBytes };
        return reader.Read().Select(Keep).ToList();
    }

    public static DossierLine Keep(DossierLine line) => new(line.LineNumber, line.Raw.ToArray(), line.Record, line.Error);

    public static DossierRecord Parse(string json) =>
        new DossierParser(DossierFormat.Ndjson).Parse(Encoding.UTF8.GetBytes(json)).Record
            ?? throw new InvalidOperationException("not a JSON object: " + json);

    /// <summary>The reason names for one NDJSON line, read and validated as the ingest does.</summary>
    public static List<string> Reasons(string line, DateTimeOffset? now = null)
    {
        var issues = new List<OpenDvc.Ledger.Quarantine.DossierIssue>();
        var read = new DossierParser(DossierFormat.Ndjson).Parse(Encoding.UTF8.GetBytes(line));
        Validator(now).Validate(read, issues);
        return issues.Select(i => i.Info.Name).ToList();
    }

    private static IEnumerable<Procedure> DemoRegistry() => OpenDvc.Registry.Demo.DemoRegistry.Procedures();
}
