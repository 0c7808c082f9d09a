using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Platform.Cli;
using OpenDvc.Registry;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Demo;

namespace OpenDvc.Tests.Ledger.Simulation;

public sealed class DossierSimulatorTests
{
    private static readonly Lazy<(string[] Lines, SimulationSummary Summary)> National = new(() => Simulate(new SimulationOptions { Records = 60_000, Seed = 11 }));

    [Fact]
    public void The_same_seed_and_count_write_the_same_bytes()
    {
        var options = new SimulationOptions { Records = 5_000, Seed = 42, MalformedShare = 0.02 };

        var first = Bytes(options);
        var second = Bytes(options);

        Assert.True(first.Length > 5_000 * 200);
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_seed_writes_different_records()
    {
        var first = Bytes(new SimulationOptions { Records = 2_000, Seed = 1 });
        var second = Bytes(new SimulationOptions { Records = 2_000, Seed = 2 });

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Every_valid_record_is_json_with_the_required_fields_and_dates_in_order()
    {
        var (lines, summary) = National.Value;

        Assert.Equal(60_000, lines.Length);
        Assert.Equal(60_000, summary.Records);
        foreach (var line in lines)
        {
            Assert.Empty(ContractCheck.Violations(line));
            using var document = JsonDocument.Parse(line);
            var r = document.RootElement;
            foreach (var field in new[] { "MaHoSo", "MaDonVi", "MaTTHC", "LoaiDoiTuong", "KenhThucHien", "TrangThaiHoSo", "NgayNopHoSo", "ThoiDiemCapNhat", "DuocThanhToanTrucTuyen", "HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID", "MaCoQuan" })
            {
                Assert.True(r.TryGetProperty(field, out _), $"{field} missing in {line}");
            }

            var updated = ContractCheck.Timestamp(r, "ThoiDiemCapNhat")!.Value;
            foreach (var name in new[] { "NgayNopHoSo", "NgayTiepNhan", "NgayKetThucXuLy", "NgayTra" })
            {
                Assert.True(ContractCheck.Timestamp(r, name) is not { } at || at <= updated, $"{name} after ThoiDiemCapNhat in {line}");
            }

            Assert.InRange(updated, new DateTime(2021, 1, 1), new DateTime(2024, 1, 1));
        }
    }

    [Fact]
    public void Every_procedure_is_one_the_records_unit_offers()
    {
        // The registry is seeded with units in code order (DemoRegistry.LoadIfEmptyAsync), which decides the services.
        var units = ReferenceData.Units2023().OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var procedures = DemoRegistry.Procedures().ToList();
        var offered = DemoRegistry.Services(units, procedures).Select(s => (s.UnitCode, s.ProcedureCode)).ToHashSet();

        var pairs = National.Value.Lines.Select(Parse).Select(r => (Text(r, "MaDonVi")!, Text(r, "MaTTHC")!)).Distinct().ToList();

        Assert.All(pairs, pair => Assert.Contains(pair, offered));
        Assert.Equal(units.Count(u => offered.Any(o => o.UnitCode == u.Code)), pairs.Select(p => p.Item1).Distinct().Count());
    }

    [Fact]
    public void Remote_online_share_rises_from_about_ten_to_forty_percent_over_three_years()
    {
        var byYear = FirstVersions().GroupBy(r => ReceivedOrSubmitted(r).Year)
            .ToDictionary(g => g.Key, g => g.Count(r => Number(r, "KenhThucHien") == 2 && Number(r, "NoiNopHoSo") == 1) / (double)g.Count());

        Assert.InRange(byYear[2021], 0.07, 0.13);
        Assert.InRange(byYear[2022], 0.21, 0.29);
        Assert.InRange(byYear[2023], 0.35, 0.45);
        Assert.Equal([2021, 2022, 2023], byYear.Keys.Order());
    }

    [Fact]
    public void Late_dossiers_are_two_to_five_percent_of_finished_ones_after_supplement_time()
    {
        var finished = FinalVersions().Where(r => Number(r, "TrangThaiHoSo") is 9 or 10).ToList();

        var late = finished.Count(IsLate) / (double)finished.Count;

        Assert.True(finished.Count > 40_000);
        Assert.InRange(late, 0.02, 0.05);
    }

    [Fact]
    public void Most_dossiers_are_unrated_and_about_five_percent_of_ratings_are_not_satisfied()
    {
        var returned = FinalVersions().Where(r => Number(r, "TrangThaiHoSo") == 10).ToList();
        var ratings = returned.Where(r => r.TryGetProperty("DanhGia", out _)).Select(r => r.GetProperty("DanhGia").GetProperty("MucDo").GetInt32()).ToList();

        Assert.InRange(ratings.Count / (double)returned.Count, 0.15, 0.45);
        Assert.InRange(ratings.Count(level => level == 3) / (double)ratings.Count, 0.03, 0.07);
        Assert.True(ratings.Count(level => level == 1) > ratings.Count(level => level == 2));
    }

    [Fact]
    public void Online_payment_and_digitisation_rise_year_by_year()
    {
        var byYear = FirstVersions().GroupBy(r => ReceivedOrSubmitted(r).Year).OrderBy(g => g.Key).ToList();
        var paid = byYear.Select(g =>
        {
            var online = g.Where(r => Number(r, "KenhThucHien") == 2 && r.TryGetProperty("DanhSachLePhi", out _)).ToList();
            return online.Count(r => Number(r, "DuocThanhToanTrucTuyen") > 0) / (double)online.Count;
        }).ToList();
        var digitised = byYear.Select(g => g.Average(r => Number(r, "HoSoCoThanhPhanSoHoa") ?? 0)).ToList();

        Assert.True(paid[0] < paid[1] && paid[1] < paid[2], string.Join(", ", paid));
        Assert.True(digitised[0] < digitised[1] && digitised[1] < digitised[2], string.Join(", ", digitised));
    }

    [Fact]
    public void Big_cities_and_big_ministries_send_the_most_and_mountain_provinces_few()
    {
        var byUnit = National.Value.Lines.Select(Parse).GroupBy(r => Text(r, "MaDonVi")!).ToDictionary(g => g.Key, g => g.Count());

        var topFive = byUnit.OrderByDescending(p => p.Value).Take(5).Select(p => p.Key).ToList();

        Assert.Contains("01", topFive);
        Assert.Contains("79", topFive);
        Assert.Contains("BCA", topFive);
        Assert.True(byUnit["06"] * 10 < byUnit["79"], "Bắc Kạn should be far smaller than Ho Chi Minh City");
    }

    [Fact]
    public void Updates_are_newer_versions_and_out_of_order_ones_older_and_copies_point_to_their_original()
    {
        var (lines, summary) = National.Value;
        var latest = new Dictionary<string, DateTime>();
        int newer = 0, older = 0, copies = 0, pendingLate = 0, pending = 0;
        var codes = new HashSet<string>();
        foreach (var r in lines.Select(Parse))
        {
            var code = Text(r, "MaHoSo")!;
            codes.Add(code);
            var updated = ContractCheck.Timestamp(r, "ThoiDiemCapNhat")!.Value;
            if (latest.TryGetValue(code, out var previous))
            {
                Assert.NotEqual(previous, updated);
                newer += updated > previous ? 1 : 0;
                older += updated < previous ? 1 : 0;
            }

            latest[code] = updated > previous ? updated : previous;
            if (Text(r, "MaHoSoGoc") is { } original)
            {
                copies++;
                Assert.NotEqual(code, original);
            }

            if (Number(r, "TrangThaiHoSo") is 2 or 4 or 5 or 6)
            {
                pending++;
                pendingLate += ReceivedOrSubmitted(r) > new DateTime(2023, 9, 1) ? 1 : 0;
            }
        }

        Assert.Equal(summary.Updates, newer);
        Assert.Equal(summary.OutOfOrder, older);
        Assert.True(summary.OutOfOrder > 0 && summary.Updates > 1_000);
        Assert.Equal(summary.InterAgencyCopies, copies);
        Assert.InRange(copies / (double)lines.Length, 0.01, 0.03);
        Assert.Equal(lines.Length - summary.Updates - summary.OutOfOrder, codes.Count);
        Assert.True(pendingLate > (pending - summary.Updates) * 0.9, "pending dossiers belong to the end of the range");
    }

    [Fact]
    public void Malformed_share_is_honoured_and_every_kind_is_written_and_breaks_its_rule()
    {
        var (lines, summary) = Simulate(new SimulationOptions { Records = 10_000, Seed = 5, MalformedShare = 0.01 });

        var violations = lines.Select(ContractCheck.Violations).Where(v => v.Count > 0).ToList();

        Assert.Equal(100, summary.Malformed);
        Assert.Equal(100, violations.Count);
        Assert.Equal(Enum.GetValues<MalformedKind>().Order(), violations.SelectMany(v => v).Distinct().Order());
        Assert.All(Enum.GetValues<MalformedKind>(), kind => Assert.True(summary.MalformedByKind[kind] >= 4, $"{kind}"));
    }

    [Fact]
    public void Csv_has_the_contracts_flat_columns_and_one_row_per_record()
    {
        var options = new SimulationOptions { Records = 3_000, Seed = 9, Format = SimulationFormat.Csv };
        var json = Simulate(options with { Format = SimulationFormat.Ndjson }).Lines;

        var rows = Simulate(options).Lines;

        var header = rows[0].Split(',');
        Assert.Equal(["MaHoSo", "MaDonVi", "MaCoQuan"], header[..3]);
        Assert.Contains("MaTTHC", header);
        Assert.Contains("SoLanBoSung", header);
        Assert.Contains("TongLePhi", header);
        Assert.Contains("MucDoHaiLong", header);
        Assert.Equal(3_001, rows.Length);
        Assert.All(rows, row => Assert.Equal(header.Length, row.Split(',').Length));
        var fee = Array.IndexOf(header, "TongLePhi");
        for (var i = 0; i < json.Length; i++)
        {
            var record = Parse(json[i]);
            var cells = rows[i + 1].Split(',');
            Assert.Equal(Text(record, "MaHoSo"), cells[0]);
            var total = record.TryGetProperty("DanhSachLePhi", out var fees) ? fees.EnumerateArray().Sum(f => f.GetProperty("Gia").GetInt64()) : 0;
            Assert.Equal(total.ToString(CultureInfo.InvariantCulture), cells[fee]);
        }
    }

    [Fact]
    public void Working_day_table_gives_the_calendars_answers()
    {
        var calendar = new WorkingCalendar(ReferenceData.VietnamCalendar());
        var first = new DateOnly(2022, 12, 1);
        var table = new WorkingDayTable(calendar, first, new DateOnly(2023, 3, 31));

        for (var day = first.AddDays(-3); day <= new DateOnly(2023, 4, 3); day = day.AddDays(1))
        {
            Assert.Equal(calendar.IsWorkingDay(day), table.IsWorkingDay(day));
            for (var n = 0; n <= 30; n++)
            {
                Assert.Equal(calendar.AddWorkingDays(day, n), table.AddWorkingDays(day, n));
            }
        }
    }

    [Fact]
    public async Task The_command_writes_a_gzip_file_with_the_same_records_as_the_simulator()
    {
        var file = Path.Combine(Path.GetTempPath(), $"opendvc-sim-{Guid.NewGuid():N}.ndjson.gz");
        var cli = new CliApp(Program.Compose);
        cli.AddSimulationCommands();
        try
        {
            var exit = await cli.InvokeAsync(["simulate", "--dossiers", "1500", "--seed", "3", "--output", file, "--gzip", "--malformed-share", "0.01"]);

            Assert.Equal(0, exit);
            await using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var decompressed = new MemoryStream();
            await gzip.CopyToAsync(decompressed, TestContext.Current.CancellationToken);
            Assert.Equal(Bytes(new SimulationOptions { Records = 1_500, Seed = 3, MalformedShare = 0.01 }), decompressed.ToArray());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_command_refuses_a_range_ending_in_the_future()
    {
        var cli = new CliApp(Program.Compose);
        cli.AddSimulationCommands();

        var exit = await cli.InvokeAsync(["simulate", "--dossiers", "10", "--output", Path.Combine(Path.GetTempPath(), "never.ndjson"), "--from", "2090-01-01", "--to", "2099-12-31"]);

        Assert.Equal(1, exit);
    }

    private static byte[] Bytes(SimulationOptions options)
    {
        using var output = new MemoryStream();
        DossierSimulator.ForDemoRegistry(options).Write(output);
        return output.ToArray();
    }

    private static (string[] Lines, SimulationSummary Summary) Simulate(SimulationOptions options)
    {
        using var output = new MemoryStream();
        var summary = DossierSimulator.ForDemoRegistry(options).Write(output);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return (text[..^1].Split('\n'), summary);
    }

    /// <summary>Each dossier once, as first sent (its earliest record), inter-agency copies left out.</summary>
    private static IEnumerable<JsonElement> FirstVersions() =>
        National.Value.Lines.Select(Parse).Where(r => Text(r, "MaHoSoGoc") is null).DistinctBy(r => Text(r, "MaHoSo"));

    /// <summary>Each dossier once, in its newest state, inter-agency copies left out.</summary>
    private static IEnumerable<JsonElement> FinalVersions() =>
        National.Value.Lines.Select(Parse).Where(r => Text(r, "MaHoSoGoc") is null)
            .GroupBy(r => Text(r, "MaHoSo")).Select(g => g.MaxBy(r => ContractCheck.Timestamp(r, "ThoiDiemCapNhat")));

    /// <summary>docs/domain.md, dossier clock: late when finished after the due date plus the applicant's supplement time, or after more than one supplement.</summary>
    private static bool IsLate(JsonElement r)
    {
        var supplements = r.TryGetProperty("DanhSachHoSoBoSung", out var list) ? list.EnumerateArray().ToList() : [];
        if (supplements.Count > 1)
        {
            return true;
        }

        var applicantTime = supplements.Aggregate(TimeSpan.Zero, (sum, s) =>
            sum + (ContractCheck.Timestamp(s, "NgayTiepNhanBoSung")!.Value - ContractCheck.Timestamp(s, "NgayBoSung")!.Value));
        return ContractCheck.Timestamp(r, "NgayKetThucXuLy") > ContractCheck.Timestamp(r, "NgayHenTra") + applicantTime;
    }

    private static DateTime ReceivedOrSubmitted(JsonElement r) =>
        ContractCheck.Timestamp(r, "NgayTiepNhan") ?? ContractCheck.Timestamp(r, "NgayNopHoSo")!.Value;

    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement;

    private static string? Text(JsonElement r, string name) => r.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static int? Number(JsonElement r, string name) => r.TryGetProperty(name, out var value) ? value.GetInt32() : null;
}
