using System.Text;
using OpenDvc.Registry;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Transfer;
using OpenDvc.Registry.Units;

namespace OpenDvc.Tests.Registry;

public sealed class RegistryRulesTests
{
    private static readonly Unit Hanoi = new() { Code = "01", Kind = UnitKind.City, Name = "Thành phố Hà Nội", ShortName = "Hà Nội" };
    private static readonly Unit Justice = new() { Code = "BTP", Kind = UnitKind.Ministry, Name = "Bộ Tư pháp", ShortName = "Tư pháp" };

    private static Procedure ProcedureOf(ProcedureTier tier, bool eligible) =>
        new ProcedureInput("Thủ tục", "Hộ tịch", Audience.Citizens, tier, "BTP", 5, ProcessingTimeUnit.WorkingDays, 0, false, eligible, eligible ? null : "Phải có mặt").ToProcedure("1.000001");

    private static List<string> Codes(IEnumerable<RuleViolation> violations) => violations.Select(v => v.Code).ToList();

    [Theory]
    [InlineData("1.001612", true)]
    [InlineData("2.000123", true)]
    [InlineData("1 001612", false)]
    [InlineData(".123", false)]
    [InlineData("", false)]
    public void Procedure_codes_are_national_catalog_codes(string code, bool valid) =>
        Assert.Equal(valid, ProcedureRules.IsValidCode(code));

    [Fact]
    public void A_procedure_not_eligible_needs_a_reason_and_a_known_managing_unit()
    {
        var input = new ProcedureInput("Thủ tục", "Hộ tịch", Audience.Citizens, ProcedureTier.Commune, "ZZ", 5, ProcessingTimeUnit.WorkingDays, 0, false, false, " ");

        Assert.Equal(["OD-UNIT-UNKNOWN", "OD-PROCEDURE-REASON-REQUIRED"], Codes(ProcedureRules.Check("1.000001", input, _ => false, hasFullProcessServices: false)));
    }

    [Fact]
    public void A_procedure_offered_full_process_cannot_be_marked_not_eligible()
    {
        var input = new ProcedureInput("Thủ tục", "Hộ tịch", Audience.Citizens, ProcedureTier.Commune, "BTP", 5, ProcessingTimeUnit.WorkingDays, 0, false, false, "Phải có mặt");

        Assert.Equal(["OD-SERVICE-LEVEL-NOT-ELIGIBLE"], Codes(ProcedureRules.Check("1.000001", input, _ => true, hasFullProcessServices: true)));
        Assert.Empty(ProcedureRules.Check("1.000001", input, _ => true, hasFullProcessServices: false));
    }

    [Fact]
    public void An_eligible_procedure_drops_a_stray_reason()
    {
        var procedure = new ProcedureInput("Thủ tục", "Hộ tịch", Audience.Citizens, ProcedureTier.Commune, "BTP", 5, ProcessingTimeUnit.WorkingDays, 0, false, true, "lý do thừa").ToProcedure("1.000001");

        Assert.Null(procedure.IneligibleReason);
    }

    [Fact]
    public void Full_process_needs_an_eligible_procedure()
    {
        var input = new ServiceInput(ServiceLevel.FullProcess, 4, new DateOnly(2022, 1, 1), new DateOnly(2022, 6, 1));

        Assert.Equal(["OD-SERVICE-LEVEL-NOT-ELIGIBLE"], Codes(ServiceRules.Check("01", "1.000001", input, Hanoi, ProcedureOf(ProcedureTier.Provincial, eligible: false))));
        Assert.Empty(ServiceRules.Check("01", "1.000001", input, Hanoi, ProcedureOf(ProcedureTier.Provincial, eligible: true)));
    }

    [Fact]
    public void A_unit_offers_only_procedures_it_carries_out()
    {
        var input = new ServiceInput(ServiceLevel.Partial, null, new DateOnly(2022, 1, 1), null);

        Assert.Equal(["OD-SERVICE-NOT-UNITS-PROCEDURE"], Codes(ServiceRules.Check("01", "1.000001", input, Hanoi, ProcedureOf(ProcedureTier.Central, eligible: true))));
        Assert.Empty(ServiceRules.Check("BTP", "1.000001", input, Justice, ProcedureOf(ProcedureTier.Central, eligible: true)));
        Assert.Equal(["OD-SERVICE-NOT-UNITS-PROCEDURE"], Codes(ServiceRules.Check("BTP", "1.000001", input, Justice, ProcedureOf(ProcedureTier.Provincial, eligible: true))));
    }

    [Fact]
    public void Unknown_unit_and_procedure_bad_legacy_level_and_dates_are_each_reported()
    {
        var input = new ServiceInput(ServiceLevel.Partial, 5, new DateOnly(2022, 1, 1), new DateOnly(2021, 1, 1));

        Assert.Equal(["OD-UNIT-UNKNOWN", "OD-PROCEDURE-UNKNOWN", "OD-SERVICE-LEGACY-LEVEL", "OD-SERVICE-DATES"], Codes(ServiceRules.Check("ZZ", "0.1", input, null, null)));
    }

    [Fact]
    public void Calendar_days_off_fall_on_weekdays_and_make_up_days_on_weekends()
    {
        var saturday = new DateOnly(2026, 11, 21);
        var monday = new DateOnly(2026, 11, 23);

        Assert.Equal(["OD-CALENDAR-DAY-OFF-ON-WEEKEND"], Codes(CalendarEdits.Check(saturday, new CalendarDayInput(CalendarDayKind.DayOff, "x"))));
        Assert.Equal(["OD-CALENDAR-MAKE-UP-ON-WEEKDAY"], Codes(CalendarEdits.Check(monday, new CalendarDayInput(CalendarDayKind.MakeUpWorkingDay, "x"))));
        Assert.Empty(CalendarEdits.Check(saturday, new CalendarDayInput(CalendarDayKind.MakeUpWorkingDay, "Làm bù")));
        Assert.Equal(["OD-CALENDAR-NAME-REQUIRED"], Codes(CalendarEdits.Check(monday, new CalendarDayInput(CalendarDayKind.DayOff, ""))));
    }

    [Fact]
    public void A_csv_file_keeps_its_row_numbers_past_blank_lines_and_reads_a_byte_order_mark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("code,name\n\n1.1,\"Tên, có phẩy\"\n")).ToArray();

        var (file, error) = TableFile.Read(new MemoryStream(bytes), "x.csv");

        Assert.Null(error);
        Assert.Equal(["code", "name"], file!.Header);
        Assert.Equal(3, file.Rows.Single().Number);
        Assert.Equal("Tên, có phẩy", file.Rows.Single().Cells[1]);
    }

    [Fact]
    public void A_binary_file_named_csv_is_malformed()
    {
        var (file, error) = TableFile.Read(new MemoryStream([0x00, 0x01, 0x02, 0xFF]), "x.csv");

        Assert.Null(file);
        Assert.Equal("OD-IMPORT-MALFORMED", error!.Code);
    }
}
