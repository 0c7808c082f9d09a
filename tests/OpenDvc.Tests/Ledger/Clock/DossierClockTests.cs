using OpenDvc.Ledger.Clock;
using OpenDvc.Ledger.Contract;
using OpenDvc.Registry.Procedures;
using static OpenDvc.Tests.Ledger.Contract.SyncSamples;

namespace OpenDvc.Tests.Ledger.Clock;

public sealed class DossierClockTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    /// <summary>1.001612 in the test catalog: 7 working days.</summary>
    private static readonly ProcedureFacts SevenWorkingDays = new(7, ProcessingTimeUnit.WorkingDays, true, 50_000);

    [Fact]
    public void Finds_the_contracts_example_early_with_its_supplement_subtracted()
    {
        var timing = Evaluate(Example);

        Assert.Equal(ClockStatus.Early, timing.Status);
        Assert.Equal(new DateOnly(2023, 3, 1), timing.Period);
        Assert.Equal(new DateTimeOffset(2023, 3, 22, 17, 0, 0, Vn), timing.DueAt);
        Assert.False(timing.DueFromStatute);
        // Finished 20/3 15:00 less 23 h of supplement = 19/3 16:00, received 15/3 09:12.
        Assert.Equal(new TimeSpan(4, 6, 48, 0), timing.ProcessingTime);
        Assert.True(timing.IsFinished);
        Assert.False(timing.IsPending);
    }

    [Theory]
    [InlineData("20230321235959", ClockStatus.Early)]
    [InlineData("20230322000000", ClockStatus.OnTime)]
    [InlineData("20230322170000", ClockStatus.OnTime)]
    [InlineData("20230322170001", ClockStatus.Late)]
    public void Finished_before_the_due_day_is_early_on_it_on_time_and_after_the_due_time_late(string finished, ClockStatus expected)
    {
        var timing = Evaluate(Finished(finished));

        Assert.Equal(expected, timing.Status);
    }

    [Fact]
    public void Subtracts_the_applicants_supplement_time_before_judging_lateness()
    {
        var late = Finished("20230323100000");
        var afterSupplement = ExampleWith(("NgayKetThucXuLy", "\"20230323100000\""), ("NgayTra", "\"20230323110000\""));

        Assert.Equal(ClockStatus.Late, Evaluate(late).Status);
        Assert.Equal(ClockStatus.OnTime, Evaluate(afterSupplement).Status);
    }

    [Fact]
    public void More_than_one_supplement_request_makes_a_dossier_late()
    {
        var twice = ExampleWith(("DanhSachHoSoBoSung",
            """[{"NgayBoSung":"20230316100000","NgayTiepNhanBoSung":"20230316110000"},{"NgayBoSung":"20230317100000","NgayTiepNhanBoSung":"20230317110000"}]"""));

        Assert.Equal(ClockStatus.Late, Evaluate(twice).Status);
    }

    [Fact]
    public void Without_a_due_date_counts_the_statutory_working_days_across_tet()
    {
        // Received Thursday 19 January 2023; Tết closes offices 20–26 January: 27/1, 30/1, 31/1, 1/2, 2/2, 3/2, 6/2.
        var received = ExampleWith(("NgayNopHoSo", "\"20230119080000\""), ("NgayTiepNhan", "\"20230119100000\""), ("NgayHenTra", null),
            ("DanhSachHoSoBoSung", null), ("DanhGia", null));

        var onTime = Evaluate(WithFinish(received, "20230206160000"));
        var late = Evaluate(WithFinish(received, "20230207080000"));

        Assert.True(onTime.DueFromStatute);
        Assert.Equal(new DateTimeOffset(2023, 2, 6, 23, 59, 59, Vn), onTime.DueAt);
        Assert.Equal(ClockStatus.OnTime, onTime.Status);
        Assert.Equal(ClockStatus.Late, late.Status);
        Assert.Equal(new DateOnly(2023, 1, 1), onTime.Period);
    }

    [Fact]
    public void Counts_a_make_up_saturday_as_a_statutory_working_day()
    {
        // Friday 28 April 2023; 29 April – 3 May off; Saturday 6 May worked instead.
        var received = new DateTimeOffset(2023, 4, 28, 9, 0, 0, Vn);

        var due = DossierClock.StatutoryDueDate(received, new ProcedureFacts(3, ProcessingTimeUnit.WorkingDays, false, 0), Vietnam);

        Assert.Equal(new DateTimeOffset(2023, 5, 6, 23, 59, 59, Vn), due);
    }

    [Theory]
    [InlineData(ProcessingTimeUnit.Hours, 8, "2023-03-15T17:12:00+07:00")]
    [InlineData(ProcessingTimeUnit.Days, 10, "2023-03-25T23:59:59+07:00")]
    [InlineData(ProcessingTimeUnit.Months, 1, "2023-04-15T23:59:59+07:00")]
    [InlineData(ProcessingTimeUnit.WorkingDays, 0, "2023-03-15T23:59:59+07:00")]
    public void Counts_statutory_hours_from_the_instant_and_days_and_months_to_the_end_of_the_day(ProcessingTimeUnit unit, int time, string expected)
    {
        var received = new DateTimeOffset(2023, 3, 15, 9, 12, 0, Vn);

        var due = DossierClock.StatutoryDueDate(received, new ProcedureFacts(time, unit, false, 0), Vietnam);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Fact]
    public void A_pending_dossier_is_overdue_only_once_its_due_time_has_passed()
    {
        var timing = Evaluate(Pending(supplements: null));
        var due = new DateTimeOffset(2023, 3, 22, 17, 0, 0, Vn);

        Assert.True(timing.IsPending);
        Assert.Null(timing.ProcessingTime);
        Assert.Equal(due, timing.EffectiveDueAt);
        Assert.Equal(ClockStatus.PendingWithinDeadline, timing.StatusAsOf(due));
        Assert.Equal(ClockStatus.Overdue, timing.StatusAsOf(due.AddSeconds(1)));
    }

    [Fact]
    public void A_finished_supplement_moves_a_pending_dossiers_due_date_by_the_applicants_time()
    {
        var timing = Evaluate(Pending("""[{"NgayBoSung":"20230316100000","NgayTiepNhanBoSung":"20230317090000"}]"""));

        Assert.Equal(new DateTimeOffset(2023, 3, 23, 16, 0, 0, Vn), timing.EffectiveDueAt);
        Assert.Equal(ClockStatus.PendingWithinDeadline, timing.StatusAsOf(new DateTimeOffset(2023, 3, 23, 9, 0, 0, Vn)));
    }

    [Fact]
    public void An_open_supplement_request_stops_the_clock_while_the_applicant_is_waited_for()
    {
        var timing = Evaluate(Pending("""[{"NgayBoSung":"20230321100000"}]""", status: 5));
        var asOf = new DateTimeOffset(2023, 3, 25, 10, 0, 0, Vn);

        Assert.Equal(new DateTimeOffset(2023, 3, 21, 10, 0, 0, Vn), timing.PausedSince);
        Assert.Equal(ClockStatus.PendingWithinDeadline, timing.StatusAsOf(asOf));
        Assert.Equal(ClockStatus.Overdue, Evaluate(Pending(supplements: null)).StatusAsOf(asOf));
    }

    [Fact]
    public void Places_a_dossier_in_the_month_of_its_received_date_in_vietnam_time()
    {
        // 31 March 20:00 UTC is 1 April 03:00 in Vietnam.
        var april = Evaluate(ExampleWith(("NgayNopHoSo", "\"2023-03-31T19:00:00Z\""), ("NgayTiepNhan", "\"2023-03-31T20:00:00Z\"")));
        var bySubmission = Evaluate(ExampleWith(("TrangThaiHoSo", "1"), ("NgayNopHoSo", "\"20230228235959\""), ("NgayTiepNhan", null)));

        Assert.Equal(new DateOnly(2023, 4, 1), april.Period);
        Assert.Equal(new DateOnly(2023, 2, 1), bySubmission.Period);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    public void Leaves_dossiers_not_received_refused_withdrawn_or_stopped_off_the_clock(int status)
    {
        var timing = Evaluate(ExampleWith(("TrangThaiHoSo", status.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(ClockStatus.NotClocked, timing.Status);
        Assert.Equal(ClockStatus.NotClocked, timing.StatusAsOf(DateTimeOffset.MaxValue));
        Assert.Null(timing.ProcessingTime);
    }

    [Fact]
    public void Cannot_judge_a_finished_dossier_without_a_due_date_or_a_procedure()
    {
        var record = Parse(ExampleWith(("NgayHenTra", null)));

        var timing = DossierClock.Evaluate(record, procedure: null, Vietnam);

        Assert.Equal(ClockStatus.NotClocked, timing.Status);
        Assert.Null(timing.DueAt);
        Assert.NotNull(timing.ProcessingTime);
    }

    private static DossierTiming Evaluate(string line) => DossierClock.Evaluate(Parse(line), SevenWorkingDays, Vietnam);

    private static string Finished(string finished) =>
        WithFinish(ExampleWith(("DanhSachHoSoBoSung", null), ("DanhGia", null)), finished);

    private static string WithFinish(string line, string finished)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(line)!;
        node["NgayKetThucXuLy"] = finished;
        node["NgayTra"] = finished;
        return node.ToJsonString();
    }

    private static string Pending(string? supplements, int status = 4) =>
        ExampleWith(("TrangThaiHoSo", status.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("NgayKetThucXuLy", null), ("NgayTra", null),
            ("DanhGia", null), ("DanhSachHoSoBoSung", supplements));
}
