using System.IO.Compression;
using System.Text;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Quarantine;
using static OpenDvc.Tests.Ledger.Contract.SyncSamples;

namespace OpenDvc.Tests.Ledger.Contract;

public sealed class DossierReaderTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    private const string CsvHeader =
        "MaHoSo,MaDonVi,MaCoQuan,MaHoSoGoc,ThoiDiemCapNhat,MaTTHC,LoaiDoiTuong,KenhThucHien,NoiNopHoSo,TrangThaiHoSo,"
        + "NgayNopHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,NgayTuChoi,SoLanBoSung,SoNgayBoSung,TongLePhi,"
        + "DuocThanhToanTrucTuyen,HoSoCoThanhPhanSoHoa,TaiKhoanDuocXacThucVoiVNeID,CoTaiSuDung,CoLayTuKho,CoKetQuaDienTu,"
        + "MucDoHaiLong,NgayDanhGia";

    private const string CsvExample =
        "000.00.01.H26-230315-0042,01,,,20230320160500,1.001612,1,2,1,10,"
        + "20230315083000,20230315091200,20230322170000,20230320150000,20230320160000,,1,0.9583333333333334,50000,"
        + "1,1,1,0,1,1,1,20230321080000";

    [Fact]
    public void Invalid_utf8_is_refused_and_its_wrong_bytes_are_kept_visible()
    {
        var bytes = Encoding.UTF8.GetBytes(Example.Replace("000.00.01.H26", "ABC@", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xFF;

        var line = Assert.Single(new DossierReader(new MemoryStream(bytes)).Read().Select(l => (l.Error, l.Record, l.RawText)).ToList());

        Assert.Equal(ReasonCode.Utf8Invalid, line.Error?.Code);
        Assert.Null(line.Record);
        Assert.Contains(@"ABC\xFF", line.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_past_its_decoded_limit_or_gzip_ratio_throws_while_read()
    {
        var plain = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Example + "\n", 200)));
        var bomb = new byte[4 << 20];
        Array.Fill(bomb, (byte)'\n');

        var decoded = Assert.Throws<InputTooLargeException>(() => new DossierReader(new MemoryStream(plain)) { MaxDecodedBytes = 10_000 }.Read().ToList());
        var ratio = Assert.Throws<InputTooLargeException>(() => new DossierReader(new MemoryStream(LedgerFiles.Gzip(bomb))) { MaxCompressionRatio = 50 }.Read().ToList());
        var withinLimits = new DossierReader(new MemoryStream(LedgerFiles.Gzip(plain))) { MaxDecodedBytes = plain.Length, MaxCompressionRatio = 50 }.Read().Count();

        Assert.Equal((InputLimit.DecodedBytes, 10_000L), (decoded.Limit, decoded.Value));
        Assert.Equal(InputLimit.CompressionRatio, ratio.Limit);
        Assert.Equal(200, withinLimits);
    }

    [Fact]
    public void Parses_every_field_of_the_contracts_example_line()
    {
        var lines = ReadAll(Example);

        var line = Assert.Single(lines);
        Assert.Equal(DossierFormat.Ndjson, DetectedFormat(Example));
        Assert.Equal(1, line.LineNumber);
        Assert.Equal(Example, line.RawText);
        Assert.Null(line.Error);
        var r = line.Record!;
        Assert.Null(r.ReadIssues);
        Assert.Equal("000.00.01.H26-230315-0042", r.Code);
        Assert.Equal("01", r.UnitCode);
        Assert.Null(r.AgencyCode);
        Assert.Null(r.OriginalCode);
        Assert.False(r.IsInterAgencyCopy);
        Assert.Equal("1.001612", r.ProcedureCode);
        Assert.Equal(ApplicantType.Citizen, r.ApplicantType);
        Assert.Equal(Channel.Online, r.Channel);
        Assert.Equal(SubmissionPlace.Remote, r.SubmissionPlace);
        Assert.Equal(DossierStatus.Returned, r.Status);
        Assert.Equal(new DateTimeOffset(2023, 3, 15, 8, 30, 0, Vn), r.SubmittedAt);
        Assert.Equal(new DateTimeOffset(2023, 3, 15, 9, 12, 0, Vn), r.ReceivedAt);
        Assert.Equal(new DateTimeOffset(2023, 3, 22, 17, 0, 0, Vn), r.DueAt);
        Assert.Equal(new DateTimeOffset(2023, 3, 20, 15, 0, 0, Vn), r.FinishedAt);
        Assert.Equal(new DateTimeOffset(2023, 3, 20, 16, 0, 0, Vn), r.ReturnedAt);
        Assert.Equal(new DateTimeOffset(2023, 3, 20, 16, 5, 0, Vn), r.UpdatedAt);
        Assert.Null(r.RefusedAt);
        Assert.Equal(1, r.SupplementCount);
        Assert.Equal(TimeSpan.FromHours(23), r.SupplementTime);
        Assert.False(r.HasOpenSupplement);
        Assert.Equal(50_000, r.TotalFee);
        Assert.Equal(OnlinePayment.NationalPortal, r.OnlinePayment);
        Assert.True(r.Digitised);
        Assert.True(r.VneidAuthenticated);
        Assert.False(r.ReusedData);
        Assert.True(r.FromDataStore);
        Assert.True(r.ElectronicResult);
        Assert.Equal(Satisfaction.VerySatisfied, r.Rating);
        Assert.Equal(new DateTimeOffset(2023, 3, 21, 8, 0, 0, Vn), r.RatedAt);
    }

    [Fact]
    public void Reads_the_csv_form_of_the_example_to_the_same_figures()
    {
        var fromJson = Parse(Example);

        var line = Assert.Single(ReadAll(CsvHeader + "\n" + CsvExample + "\n"));

        Assert.Equal(2, line.LineNumber);
        Assert.Equal(CsvExample, line.RawText);
        var r = line.Record!;
        Assert.Null(r.ReadIssues);
        Assert.Equal(fromJson.Code, r.Code);
        Assert.Equal(fromJson.UnitCode, r.UnitCode);
        Assert.Equal(fromJson.ProcedureCode, r.ProcedureCode);
        Assert.Equal(fromJson.Channel, r.Channel);
        Assert.Equal(fromJson.SubmissionPlace, r.SubmissionPlace);
        Assert.Equal(fromJson.Status, r.Status);
        Assert.Equal(fromJson.ReceivedAt, r.ReceivedAt);
        Assert.Equal(fromJson.ReturnedAt, r.ReturnedAt);
        Assert.Equal(fromJson.SupplementCount, r.SupplementCount);
        Assert.Equal(fromJson.SupplementTime.TotalMinutes, r.SupplementTime.TotalMinutes, 0.01);
        Assert.Equal(fromJson.TotalFee, r.TotalFee);
        Assert.Equal(fromJson.OnlinePayment, r.OnlinePayment);
        Assert.Equal((fromJson.Digitised, fromJson.VneidAuthenticated, fromJson.ReusedData, fromJson.FromDataStore, fromJson.ElectronicResult),
            (r.Digitised, r.VneidAuthenticated, r.ReusedData, r.FromDataStore, r.ElectronicResult));
        Assert.Equal(fromJson.Rating, r.Rating);
        Assert.Equal(fromJson.RatedAt, r.RatedAt);
    }

    [Fact]
    public void Matches_csv_columns_by_name_in_any_order_with_quotes_and_unknown_columns()
    {
        var csv = "\uFEFFGhiChu,TrangThaiHoSo,MaTTHC,MaDonVi,MaHoSo,TongLePhi\r\n"
            + "\"ghi chú, có dấu phẩy và \"\"ngoặc\"\"\",4,1.001612,01,\"H26-1\",1000\r\n"
            + "x,9,1.001612,01,H26-2,\r\n";

        var lines = ReadAll(csv);

        Assert.Equal(DossierFormat.Csv, DetectedFormat(csv));
        Assert.Equal(["H26-1", "H26-2"], lines.Select(l => l.Record!.Code));
        Assert.Equal([DossierStatus.Processing, DossierStatus.Processed], lines.Select(l => l.Record!.Status));
        Assert.Equal([1000L, 0L], lines.Select(l => l.Record!.TotalFee));
        Assert.Equal([2L, 3L], lines.Select(l => l.LineNumber));
    }

    [Fact]
    public void Rejects_a_csv_line_with_the_wrong_number_of_columns_or_broken_quotes_and_reads_on()
    {
        var csv = "MaHoSo,MaDonVi\nA,01,extra\n\"B,01\nC\"x,01\nD,01\n";

        var lines = ReadAll(csv);

        Assert.Equal([ReasonCode.CsvMalformed, ReasonCode.CsvMalformed, ReasonCode.CsvMalformed], lines.Take(3).Select(l => l.Error!.Value.Code));
        Assert.Equal("A,01,extra", lines[0].RawText);
        Assert.Equal("D", lines[3].Record!.Code);
        Assert.Equal(5, lines[3].LineNumber);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_gzip_compressed_ndjson_and_csv_told_by_the_magic_bytes(bool csv)
    {
        var text = csv ? CsvHeader + "\n" + CsvExample + "\n" + CsvExample.Replace("-0042", "-0043", StringComparison.Ordinal) : Example + "\n" + Example.Replace("-0042", "-0043", StringComparison.Ordinal) + "\n";
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        using var reader = new DossierReader(new MemoryStream(compressed.ToArray()));
        var codes = reader.Read().Select(l => l.Record!.Code).ToList();

        Assert.True(reader.IsCompressed);
        Assert.Equal(csv ? DossierFormat.Csv : DossierFormat.Ndjson, reader.Format);
        Assert.Equal(["000.00.01.H26-230315-0042", "000.00.01.H26-230315-0043"], codes);
    }

    [Fact]
    public void Ends_corrupt_gzip_data_with_one_gzip_invalid_line()
    {
        byte[] corrupt = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

        var lines = ReadAll(corrupt);

        Assert.Equal(ReasonCode.CompressionInvalid, Assert.Single(lines).Error!.Value.Code);
    }

    [Fact]
    public void Reads_the_portal_envelope_one_data_item_at_a_time_keeping_each_items_raw_text()
    {
        var body = "{\"isUpdating\": true, \"data\": [" + Example + ", 42, {\"MaHoSo\":\"H26-2\"}]}";

        using var reader = new DossierReader(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        var lines = reader.Read().Select(Keep).ToList();

        Assert.Equal(DossierFormat.Envelope, reader.Format);
        Assert.True(reader.EnvelopeIsUpdating);
        Assert.Equal([1L, 2L, 3L], lines.Select(l => l.LineNumber));
        Assert.Equal(Example, lines[0].RawText);
        Assert.Equal("000.00.01.H26-230315-0042", lines[0].Record!.Code);
        Assert.Equal("42", lines[1].RawText);
        Assert.Equal(ReasonCode.JsonMalformed, lines[1].Error!.Value.Code);
        Assert.Equal("H26-2", lines[2].Record!.Code);
    }

    [Fact]
    public void Keeps_the_rest_of_a_truncated_envelope_as_one_malformed_record()
    {
        var body = "{\"isUpdating\":false,\"data\":[{\"MaHoSo\":\"A\"},{\"MaHoSo\":\"B\",\"MaDon";

        var lines = ReadAll(body, DossierFormat.Envelope);

        Assert.Equal(2, lines.Count);
        Assert.Equal("A", lines[0].Record!.Code);
        Assert.Equal(ReasonCode.JsonMalformed, lines[1].Error!.Value.Code);
        Assert.Equal(",{\"MaHoSo\":\"B\",\"MaDon", lines[1].RawText);
    }

    [Fact]
    public void Yields_a_malformed_line_with_its_number_and_text_and_reads_on()
    {
        var text = Example + "\n{\"MaHoSo\": \"broken\n\n   \n[1,2]\n{\"MaHoSo\":\"X\"} trailing\n" + Example + "\r\n";

        var lines = ReadAll(text);

        Assert.Equal([1L, 2L, 5L, 6L, 7L], lines.Select(l => l.LineNumber));
        Assert.Equal("{\"MaHoSo\": \"broken", lines[1].RawText);
        Assert.All(lines.Skip(1).Take(3), l => Assert.Equal(ReasonCode.JsonMalformed, l.Error!.Value.Code));
        Assert.Equal(Example, lines[4].RawText);
        Assert.NotNull(lines[4].Record);
    }

    [Fact]
    public void Cuts_a_line_longer_than_the_limit_to_its_first_bytes_and_reads_the_next()
    {
        var longLine = "{\"MaHoSo\":\"" + new string('x', 5000) + "\"}";

        var lines = ReadAll(Encoding.UTF8.GetBytes(longLine + "\n" + Example + "\n"), maxRecordBytes: 1000);

        Assert.Equal(ReasonCode.LineTooLong, lines[0].Error!.Value.Code);
        Assert.Equal(1000, lines[0].Raw.Length);
        Assert.Equal(2, lines[1].LineNumber);
        Assert.NotNull(lines[1].Record);
    }

    [Fact]
    public void Reads_the_same_records_when_the_stream_hands_out_one_byte_at_a_time()
    {
        var text = Example + "\n\n{bad\n" + ExampleWith(("MaHoSo", "\"H26-Đ\\u00e2\"")) + "\n";
        var expected = ReadAll(text).Select(Describe).ToList();

        using var reader = new DossierReader(new TrickleStream(Encoding.UTF8.GetBytes(text)));
        var actual = reader.Read().Select(Describe).ToList();

        Assert.Equal(expected, actual);
        Assert.Contains("4:H26-Đâ", actual);
    }

    [Fact]
    public async Task Reads_asynchronously_as_it_does_synchronously()
    {
        var text = CsvHeader + "\n" + CsvExample + "\nbroken\n";

        await using var reader = new DossierReader(new TrickleStream(Encoding.UTF8.GetBytes(text)));
        var lines = new List<string>();
        await foreach (var line in reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            lines.Add(Describe(line));
        }

        Assert.Equal(ReadAll(text).Select(Describe), lines);
    }

    [Fact]
    public async Task Reads_a_gzip_compressed_envelope_asynchronously_from_a_slow_stream()
    {
        var body = "{\"isUpdating\":false,\"data\":[" + Example + "," + Example.Replace("-0042", "-0043", StringComparison.Ordinal) + "]}";
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(body), TestContext.Current.CancellationToken);
        }

        await using var reader = new DossierReader(new TrickleStream(compressed.ToArray()), DossierFormat.Envelope);
        var codes = new List<string?>();
        await foreach (var line in reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            codes.Add(line.Record?.Code);
        }

        Assert.True(reader.IsCompressed);
        Assert.False(reader.EnvelopeIsUpdating);
        Assert.Equal(["000.00.01.H26-230315-0042", "000.00.01.H26-230315-0043"], codes);
    }

    [Fact]
    public async Task Stops_reading_asynchronously_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        await using var reader = new DossierReader(new TrickleStream(Encoding.UTF8.GetBytes(Example + "\n" + Example + "\n")));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var line in reader.ReadAsync(cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });
    }

    [Theory]
    [InlineData("20230315083000", "2023-03-15T08:30:00+07:00")]
    [InlineData("2023-03-15T08:30:00+07:00", "2023-03-15T08:30:00+07:00")]
    [InlineData("2023-03-15T01:30:00Z", "2023-03-15T08:30:00+07:00")]
    [InlineData("2023-03-15T08:30:00.250+07:00", "2023-03-15T08:30:00.25+07:00")]
    [InlineData("2023-03-15 08:30:00", "2023-03-15T08:30:00+07:00")]
    public void Reads_compact_and_iso_timestamps_in_vietnam_time(string wire, string expected)
    {
        var record = Parse(ExampleWith(("NgayNopHoSo", $"\"{wire}\"")));

        Assert.Null(record.ReadIssues);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), record.SubmittedAt);
        Assert.Equal(Vn, record.SubmittedAt!.Value.Offset);
    }

    [Theory]
    [InlineData("20230230083000")]
    [InlineData("20231315083000")]
    [InlineData("2023031508300")]
    [InlineData("15/03/2023 08:30")]
    [InlineData("00010101000000")]
    public void Names_a_timestamp_it_cannot_read(string wire)
    {
        var record = Parse(ExampleWith(("NgayNopHoSo", $"\"{wire}\"")));

        Assert.Null(record.SubmittedAt);
        Assert.Equal(new DossierIssue(ReasonCode.TimestampInvalid, "NgayNopHoSo"), Assert.Single(record.ReadIssues!));
    }

    [Fact]
    public void Accepts_numbers_sent_as_strings_and_reports_a_field_of_the_wrong_type()
    {
        var record = Parse(ExampleWith(("KenhThucHien", "\"2\""), ("LoaiDoiTuong", "{\"a\":1}"), ("DanhSachLePhi", "5")));

        Assert.Equal(Channel.Online, record.Channel);
        Assert.Equal(
            [new DossierIssue(ReasonCode.FieldTypeInvalid, "LoaiDoiTuong"), new DossierIssue(ReasonCode.FieldTypeInvalid, "DanhSachLePhi")],
            record.ReadIssues!);
    }

    [Fact]
    public void Summarises_supplements_fees_components_and_results()
    {
        var record = Parse(ExampleWith(
            ("DanhSachHoSoBoSung", """[{"NgayBoSung":"20230316100000","NgayTiepNhanBoSung":"20230316160000"},{"NgayBoSung":"20230317080000"},{"NgayBoSung":"20230317090000","NgayTiepNhanBoSung":null}]"""),
            ("DanhSachLePhi", """[{"Gia":50000},{"Gia":"25000"},{"MaPhiLePhi":"X"}]"""),
            ("TaiLieuNop", """[{"DuocSoHoa":0,"DuocTaiSuDung":1},{"DuocLayTuKhoDMQG":0}]"""),
            ("HoSoCoThanhPhanSoHoa", "0"),
            ("DanhSachGiayToKetQua", """[{"MaGiayTo":"KQ01","DuongDanTepTinKetQua":"  "}]""")));

        Assert.Null(record.ReadIssues);
        Assert.Equal(3, record.SupplementCount);
        Assert.Equal(TimeSpan.FromHours(6), record.SupplementTime);
        Assert.Equal(new DateTimeOffset(2023, 3, 17, 8, 0, 0, Vn), record.OpenSupplementSince);
        Assert.Equal(75_000, record.TotalFee);
        Assert.False(record.Digitised);
        Assert.True(record.ReusedData);
        Assert.False(record.FromDataStore);
        Assert.False(record.ElectronicResult);
    }

    [Fact]
    public void Replays_a_kept_csv_line_with_its_files_header()
    {
        using var reader = new DossierReader(new MemoryStream(Encoding.UTF8.GetBytes(CsvHeader + "\n" + CsvExample + "\n")));
        var raw = reader.Read().Single().Raw.ToArray();

        var replayed = new DossierParser(DossierFormat.Csv, reader.CsvHeader).Parse(raw, 7);

        Assert.Equal(7, replayed.LineNumber);
        Assert.Equal("000.00.01.H26-230315-0042", replayed.Record!.Code);
    }

    [Fact]
    public void Reads_nothing_from_an_empty_or_blank_input()
    {
        Assert.Empty(ReadAll(""));
        Assert.Empty(ReadAll(" \n\r\n\t"));
    }

    private static DossierFormat? DetectedFormat(string text)
    {
        using var reader = new DossierReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        _ = reader.Read().ToList();
        return reader.Format;
    }

    private static string Describe(DossierLine line) =>
        $"{line.LineNumber}:{line.Record?.Code ?? line.Error?.ToString()}";

    /// <summary>A network-like stream that returns one byte per read, to cross every buffer boundary.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);
    }
}
