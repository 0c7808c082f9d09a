using System.Text;
using CsCheck;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Quarantine;
using static OpenDvc.Tests.Ledger.Contract.SyncSamples;

namespace OpenDvc.Tests.Ledger.Contract;

/// <summary>
/// Garbage and mutated valid records through reader and validator: never an exception, never a lost line, every
/// rejected record with at least one reason, and nothing accepted that breaks the contract's basic promises.
/// </summary>
public sealed class ReaderFuzzTests
{
    private const string CsvHeader = "MaHoSo,MaDonVi,MaTTHC,LoaiDoiTuong,KenhThucHien,NoiNopHoSo,TrangThaiHoSo,NgayNopHoSo,NgayTiepNhan,NgayHenTra,TongLePhi,MucDoHaiLong";
    private const string CsvLine = "H26-1,01,1.001612,1,2,1,4,20230315083000,20230315091200,20230322170000,50000,2";

    private static readonly string[] Seeds =
    [
        Example,
        ExampleWith(("TrangThaiHoSo", "4"), ("NgayKetThucXuLy", null), ("NgayTra", null), ("DanhGia", null)),
        ExampleWith(("KenhThucHien", "\"1\""), ("NoiNopHoSo", null), ("MaHoSoGoc", "\"H26-0001\""), ("NgayNopHoSo", "\"2023-03-15T08:30:00+07:00\"")),
    ];

    /// <summary>Bytes a mutation may insert: JSON and CSV punctuation, digits, letters, escapes, multi-byte and invalid UTF-8.</summary>
    private static readonly byte[] Alphabet = Encoding.UTF8.GetBytes("{}[]\":,.-+0123456789eE aZ\\u/tnf\r\t\"Đ").Concat(new byte[] { 0xFF, 0xC3, 0x00 }).ToArray();

    /// <summary>Where in a line a mutation applies, as a fraction of its length.</summary>
    private static readonly Gen<double> Position = Gen.Double[0.0, 0.999];

    private static readonly Gen<byte[]> Garbage = Gen.Byte.Array[0, 200];

    private static Gen<byte[]> Mutated(string[] seeds) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[1, 6].SelectMany(n => Mutation.Array[n]))
            .Select((seed, mutations) =>
            {
                var bytes = Encoding.UTF8.GetBytes(seeds[seed]).ToList();
                foreach (var mutation in mutations)
                {
                    mutation(bytes);
                }

                return bytes.ToArray();
            });

    private static readonly Gen<Action<List<byte>>> Mutation = Gen.OneOf(
        Gen.Select(Position, Gen.Int[1, 40]).Select((at, length) => (Action<List<byte>>)(b =>
        {
            var start = (int)(at * b.Count);
            b.RemoveRange(start, Math.Min(length, b.Count - start));
        })),
        Gen.Select(Position, Gen.Int[0, Alphabet.Length - 1]).Select((at, symbol) => (Action<List<byte>>)(b =>
            b.Insert((int)(at * b.Count), Alphabet[symbol]))),
        Gen.Select(Position, Gen.Int[0, Alphabet.Length - 1]).Select((at, symbol) => (Action<List<byte>>)(b =>
        {
            if (b.Count > 0)
            {
                b[(int)(at * (b.Count - 1))] = Alphabet[symbol];
            }
        })),
        Position.Select(at => (Action<List<byte>>)(b => b.RemoveRange((int)(at * b.Count), b.Count - (int)(at * b.Count)))));

    [Fact]
    public void Ndjson_garbage_and_mutations_never_throw_and_every_line_is_accepted_or_has_a_reason()
    {
        var line = Gen.Frequency((1, Garbage), (4, Mutated(Seeds)));

        line.Array[1, 20].Sample(lines => CheckFile(Encoding.UTF8.GetBytes(Example + "\n"), lines, DossierFormat.Ndjson), iter: 2000);
    }

    [Fact]
    public void Csv_garbage_and_mutations_never_throw_and_every_line_is_accepted_or_has_a_reason()
    {
        var line = Gen.Frequency((1, Garbage), (4, Mutated([CsvLine])));

        line.Array[1, 20].Sample(lines => CheckFile(Encoding.UTF8.GetBytes(CsvHeader + "\n"), lines, DossierFormat.Csv), iter: 2000);
    }

    [Fact]
    public void Mutated_envelopes_never_throw_and_every_item_is_accepted_or_has_a_reason()
    {
        var envelope = "{\"isUpdating\":true,\"data\":[" + string.Join(",", Seeds) + "]}";

        Mutated([envelope]).Sample(body =>
        {
            using var reader = new DossierReader(new MemoryStream(body), DossierFormat.Envelope);
            foreach (var read in reader.Read())
            {
                CheckVerdict(read);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Random_bytes_of_any_form_never_throw()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            using var reader = new DossierReader(new MemoryStream(bytes));
            foreach (var read in reader.Read())
            {
                CheckVerdict(read);
            }
        }, iter: 2000);
    }

    private static void CheckFile(byte[] head, byte[][] lines, DossierFormat format)
    {
        var file = new List<byte>(head);
        var expected = 0;
        foreach (var line in lines)
        {
            var clean = line.Select(b => b == (byte)'\n' ? (byte)' ' : b).ToArray();
            file.AddRange(clean);
            file.Add((byte)'\n');
            expected += clean.AsSpan().IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') >= 0 ? 1 : 0;
        }

        using var reader = new DossierReader(new MemoryStream(file.ToArray()), format);
        var count = 0;
        foreach (var read in reader.Read())
        {
            count++;
            CheckVerdict(read);
        }

        // The NDJSON head is a record of its own; the CSV head is the header.
        Assert.Equal(expected + (format == DossierFormat.Ndjson ? 1 : 0), count);
    }

    private static void CheckVerdict(DossierLine line)
    {
        var issues = new List<DossierIssue>();

        var valid = Validator().Validate(line, issues);

        Assert.Equal(valid, issues.Count == 0);
        Assert.All(issues, i => Assert.NotEqual(ReasonCode.None, i.Code));
        if (!valid)
        {
            return;
        }

        // What was accepted keeps the contract's promises, checked here without the validator's code.
        var r = line.Record!;
        Assert.InRange(r.Code!.Trim().Length, 1, 64);
        Assert.True(Catalog.HasUnit(r.UnitCode!));
        Assert.True(Catalog.TryGetProcedure(r.ProcedureCode!, out _));
        Assert.InRange((int)r.ApplicantType, 1, 2);
        Assert.InRange((int)r.Channel, 1, 3);
        Assert.InRange((int)r.Status, 1, 10);
        Assert.True(r.Channel != Channel.Online || r.SubmissionPlace is SubmissionPlace.Remote or SubmissionPlace.Assisted);
        Assert.True(r.TotalFee >= 0);
        Assert.True(r.Rating is null or (>= Satisfaction.VerySatisfied and <= Satisfaction.NotSatisfied));
        Assert.NotNull(r.PeriodDate);
        Assert.True(r.FinishedAt is null || r.ReceivedAt is null || r.FinishedAt >= r.ReceivedAt);
    }
}
