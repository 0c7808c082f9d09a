using System.Text;
using OpenDvc.Ledger.Contract;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Ledger.Quarantine;
using static OpenDvc.Tests.Ledger.Contract.SyncSamples;

namespace OpenDvc.Tests.Ledger.Contract;

public sealed class DossierValidatorTests
{
    /// <summary>One case per rule: a change to the valid example (field, JSON value or null to remove) and the code it must give.</summary>
    public static readonly TheoryData<string, string?, string> Rules = new()
    {
        { "MaHoSo", null, "DOSSIER_CODE_MISSING" },
        { "MaHoSo", "\"  \"", "DOSSIER_CODE_MISSING" },
        { "MaHoSo", $"\"{new string('A', 65)}\"", "DOSSIER_CODE_TOO_LONG" },
        { "MaDonVi", null, "UNIT_MISSING" },
        { "MaDonVi", "\"99\"", "UNIT_UNKNOWN" },
        { "MaCoQuan", $"\"{new string('9', 65)}\"", "FIELD_TOO_LONG" },
        { "MaHoSoGoc", $"\"{new string('9', 65)}\"", "FIELD_TOO_LONG" },
        { "MaTTHC", null, "PROCEDURE_MISSING" },
        { "MaTTHC", "\"9.999999\"", "PROCEDURE_UNKNOWN" },
        { "LoaiDoiTuong", null, "APPLICANT_TYPE_MISSING" },
        { "LoaiDoiTuong", "3", "APPLICANT_TYPE_INVALID" },
        { "LoaiDoiTuong", "\"công dân\"", "APPLICANT_TYPE_INVALID" },
        { "KenhThucHien", null, "CHANNEL_MISSING" },
        { "KenhThucHien", "4", "CHANNEL_INVALID" },
        { "KenhThucHien", "-1", "CHANNEL_INVALID" },
        { "NoiNopHoSo", null, "REMOTE_FLAG_MISSING" },
        { "NoiNopHoSo", "3", "SUBMISSION_PLACE_INVALID" },
        { "TrangThaiHoSo", null, "STATUS_MISSING" },
        { "TrangThaiHoSo", "11", "STATUS_INVALID" },
        { "NgayTiepNhan", null, "RECEIVED_MISSING" },
        { "NgayKetThucXuLy", null, "FINISHED_MISSING" },
        { "NgayTra", null, "RETURNED_MISSING" },
        { "NgayTra", "\"20230320145959\"", "DATE_ORDER" },
        { "NgayHenTra", "\"20230315091159\"", "DATE_ORDER" },
        { "NgayNopHoSo", "\"20230315091201\"", "DATE_ORDER" },
        { "ThoiDiemCapNhat", "\"20230602100001\"", "FUTURE_TIMESTAMP" },
        { "NgayNopHoSo", "\"2023-03-15T08:30:00+25:00\"", "TIMESTAMP_INVALID" },
        { "LoaiDoiTuong", "[1]", "FIELD_TYPE_INVALID" },
        { "DanhSachHoSoBoSung", """[{"NgayBoSung":"20230317090000","NgayTiepNhanBoSung":"20230316100000"}]""", "SUPPLEMENT_INVALID" },
        { "DanhSachLePhi", """[{"Gia":50000},{"Gia":-1}]""", "FEE_NEGATIVE" },
        { "DanhSachLePhi", """[{"Gia":500.5}]""", "FEE_INVALID" },
        { "DanhSachLePhi", """[{"Gia":9223372036854775807},{"Gia":1}]""", "FEE_INVALID" },
        { "DuocThanhToanTrucTuyen", "3", "PAYMENT_INVALID" },
        { "HoSoCoThanhPhanSoHoa", "2", "FLAG_INVALID" },
        { "TaiLieuNop", """[{"DuocTaiSuDung":"có"}]""", "FLAG_INVALID" },
        { "DanhGia", """{"MucDo":4}""", "RATING_INVALID" },
        { "DanhGia", """{"MucDo":0}""", "RATING_INVALID" },
    };

    [Fact]
    public void Accepts_the_contracts_example()
    {
        Assert.Empty(Reasons(Example));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rejects_a_record_breaking_a_rule_with_its_code(string field, string? json, string code)
    {
        var reasons = Reasons(ExampleWith((field, json)));

        Assert.Contains(code, reasons);
    }

    [Fact]
    public void Every_record_rule_has_a_case()
    {
        // Reading codes for whole lines are tested with the readers; ownership codes belong to the store, the quota to
        // the sync API (SyncLimitsTests); a unit's span needs a timeline (Refuses_a_unit_not_in_force_on_the_received_day).
        var elsewhere = new[]
        {
            "JSON_MALFORMED", "CSV_MALFORMED", "LINE_TOO_LONG", "GZIP_INVALID", "UTF8_INVALID", "DATES_MISSING", "UNIT_NOT_ALLOWED",
            "DOSSIER_OWNED_BY_OTHER_UNIT", "QUARANTINE_QUOTA_EXCEEDED", "UNIT_NOT_IN_FORCE",
        };
        var covered = Rules.Select(row => (string)row.Data.Item3).Concat(elsewhere).ToHashSet();

        var uncovered = ReasonCodes.All.Select(r => r.Name).Where(name => !covered.Contains(name)).ToList();

        Assert.True(uncovered.Count == 0, "codes without a case: " + string.Join(", ", uncovered));
    }

    [Fact]
    public void Refuses_a_unit_not_in_force_on_the_received_day()
    {
        // Issue 15: the example's unit 01 as if it had ended on 14 March 2023, the day before the example was received.
        var ended = new CatalogSnapshot([KeyValuePair.Create("01", new UnitSpan(new DateOnly(2008, 8, 1), new DateOnly(2023, 3, 14), "79"))], [KeyValuePair.Create("1.001612", default(ProcedureFacts))], Vietnam);
        var endsThatDay = new CatalogSnapshot([KeyValuePair.Create("01", new UnitSpan(new DateOnly(2008, 8, 1), new DateOnly(2023, 3, 15), "79"))], [KeyValuePair.Create("1.001612", default(ProcedureFacts))], Vietnam);
        var issues = new List<DossierIssue>();

        Assert.False(new DossierValidator(ended, new FakeTimeProvider(Now)).Validate(ReadAll(Example).Single(), issues));
        Assert.Equal([ReasonCode.UnitNotInForce], issues.Select(i => i.Code));
        var lastDay = new List<DossierIssue>();
        Assert.True(new DossierValidator(endsThatDay, new FakeTimeProvider(Now)).Validate(ReadAll(Example).Single(), lastDay), string.Join(", ", lastDay));
    }

    [Fact]
    public void Takes_a_code_of_exactly_64_characters()
    {
        Assert.Empty(Reasons(ExampleWith(("MaHoSo", $"\"{new string('A', 64)}\""), ("MaCoQuan", $"\"{new string('9', 64)}\""))));
    }

    [Fact]
    public void Allows_a_timestamp_exactly_one_day_ahead_but_not_one_second_more()
    {
        // The example's latest timestamp is its rating, 21 March 2023 08:00.
        var now = new DateTimeOffset(2023, 3, 21, 8, 0, 0, TimeSpan.FromHours(7)) - TimeSpan.FromDays(1);

        Assert.Empty(Reasons(Example, now));
        Assert.Equal(["FUTURE_TIMESTAMP"], Reasons(Example, now - TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Lets_the_due_date_lie_in_the_future()
    {
        var pending = ExampleWith(("TrangThaiHoSo", "4"), ("NgayKetThucXuLy", null), ("NgayTra", null), ("NgayHenTra", "\"20240101170000\""));

        Assert.Empty(Reasons(pending));
    }

    [Fact]
    public void Takes_equal_dates_in_order()
    {
        var sameInstant = ExampleWith(
            ("NgayNopHoSo", "\"20230315091200\""), ("NgayHenTra", "\"20230315091200\""),
            ("NgayKetThucXuLy", "\"20230315091200\""), ("NgayTra", "\"20230315091200\""));

        Assert.Empty(Reasons(sameInstant));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Does_not_ask_a_dossier_that_was_never_received_for_its_received_date(int status)
    {
        var line = ExampleWith(("TrangThaiHoSo", status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("NgayTiepNhan", null), ("NgayHenTra", null), ("NgayKetThucXuLy", null), ("NgayTra", null));

        Assert.Empty(Reasons(line));
    }

    [Fact]
    public void Does_not_ask_a_processed_dossier_for_its_return_date()
    {
        Assert.Empty(Reasons(ExampleWith(("TrangThaiHoSo", "9"), ("NgayTra", null))));
    }

    [Fact]
    public void Does_not_ask_a_counter_dossier_where_it_was_submitted()
    {
        Assert.Empty(Reasons(ExampleWith(("KenhThucHien", "1"), ("NoiNopHoSo", null))));
    }

    [Fact]
    public void Wants_a_submitted_or_received_date_to_place_the_dossier_in_a_period()
    {
        var noDates = ExampleWith(("TrangThaiHoSo", "1"), ("NgayNopHoSo", null), ("NgayTiepNhan", null),
            ("NgayHenTra", null), ("NgayKetThucXuLy", null), ("NgayTra", null));

        Assert.Equal(["DATES_MISSING"], Reasons(noDates));
    }

    [Fact]
    public void Takes_a_zero_fee_and_reports_a_negative_csv_total()
    {
        Assert.Empty(Reasons(ExampleWith(("DanhSachLePhi", """[{"Gia":0}]"""))));

        var csv = ReadAll("MaHoSo,MaDonVi,MaTTHC,LoaiDoiTuong,KenhThucHien,TrangThaiHoSo,NgayNopHoSo,TongLePhi,SoLanBoSung\n"
            + "A,01,1.001612,1,1,1,20230315083000,-1,-2\n");
        var issues = new List<DossierIssue>();
        Validator().Validate(csv.Single(), issues);

        Assert.Equal(["FEE_NEGATIVE", "SUPPLEMENT_INVALID"], issues.Select(i => i.Info.Name).Order());
    }

    [Fact]
    public void Reports_each_code_once_with_the_first_field_it_concerns()
    {
        var line = ExampleWith(("NgayTiepNhan", "\"20230314000000\""), ("NgayTra", "\"20230319000000\""), ("DanhSachLePhi", """[{"Gia":-1},{"Gia":-2}]"""));
        var issues = new List<DossierIssue>();

        Validator().Validate(new DossierParser(DossierFormat.Ndjson).Parse(Encoding.UTF8.GetBytes(line)), issues);

        Assert.Equal(["DATE_ORDER:NgayTiepNhan", "FEE_NEGATIVE:Gia"], issues.Select(i => i.ToString()).Order());
    }

    [Fact]
    public void Gives_an_unparsed_line_its_read_error()
    {
        var issues = new List<DossierIssue>();

        var valid = Validator().Validate(ReadAll("{oops\n").Single(), issues);

        Assert.False(valid);
        Assert.Equal(ReasonCode.JsonMalformed, Assert.Single(issues).Code);
    }

    [Fact]
    public void Appends_to_the_callers_list_and_judges_only_its_own_findings()
    {
        var issues = new List<DossierIssue> { new(ReasonCode.UnitNotAllowed) };

        var valid = Validator().Validate(Parse(Example), issues);

        Assert.True(valid);
        Assert.Single(issues);
    }
}
