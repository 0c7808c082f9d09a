using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Registry;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Demo;

namespace OpenDvc.Tests.Ledger.Simulation;

/// <summary>The simulator and the ledger's own reader and validator agree on the contract.</summary>
public sealed class SimulatedFilesValidateTests
{
    private static readonly DossierValidator Validator = new(
        CatalogSnapshot.From(ReferenceData.Units2023(), DemoRegistry.Procedures(), new WorkingCalendar(ReferenceData.VietnamCalendar())),
        TimeProvider.System);

    /// <summary>The reason code each malformed kind must draw (docs/sync-validation.md).</summary>
    private static readonly Dictionary<MalformedKind, ReasonCode> Expected = new()
    {
        [MalformedKind.MissingMaHoSo] = ReasonCode.DossierCodeMissing,
        [MalformedKind.MaHoSoTooLong] = ReasonCode.DossierCodeTooLong,
        [MalformedKind.MissingUnit] = ReasonCode.UnitMissing,
        [MalformedKind.UnknownUnit] = ReasonCode.UnitUnknown,
        [MalformedKind.MissingProcedure] = ReasonCode.ProcedureMissing,
        [MalformedKind.UnknownProcedure] = ReasonCode.ProcedureUnknown,
        [MalformedKind.BadApplicantType] = ReasonCode.ApplicantTypeInvalid,
        [MalformedKind.BadChannel] = ReasonCode.ChannelInvalid,
        [MalformedKind.MissingNoiNopHoSoForOnline] = ReasonCode.RemoteFlagMissing,
        [MalformedKind.BadNoiNopHoSo] = ReasonCode.SubmissionPlaceInvalid,
        [MalformedKind.BadStatus] = ReasonCode.StatusInvalid,
        [MalformedKind.BadTimestamp] = ReasonCode.TimestampInvalid,
        [MalformedKind.SubmittedAfterReceived] = ReasonCode.DateOrder,
        [MalformedKind.FinishedBeforeReceived] = ReasonCode.DateOrder,
        [MalformedKind.ReturnedBeforeFinished] = ReasonCode.DateOrder,
        [MalformedKind.DueBeforeReceived] = ReasonCode.DateOrder,
        [MalformedKind.FutureTimestamp] = ReasonCode.FutureTimestamp,
        [MalformedKind.MissingReceivedDate] = ReasonCode.ReceivedMissing,
        [MalformedKind.MissingFinishedDate] = ReasonCode.FinishedMissing,
        [MalformedKind.MissingReturnedDate] = ReasonCode.ReturnedMissing,
        [MalformedKind.NegativeFee] = ReasonCode.FeeNegative,
        [MalformedKind.BadPaymentFlag] = ReasonCode.PaymentInvalid,
        [MalformedKind.BadRating] = ReasonCode.RatingInvalid,
    };

    [Theory]
    [InlineData(SimulationFormat.Ndjson)]
    [InlineData(SimulationFormat.Csv)]
    public void A_file_without_malformed_records_validates_clean(SimulationFormat format)
    {
        var rejected = Validate(new SimulationOptions { Records = 20_000, Seed = 17, Format = format }, out var read);

        Assert.Equal(20_000, read);
        Assert.Empty(rejected);
    }

    [Theory]
    [InlineData(SimulationFormat.Ndjson, ReasonCode.JsonMalformed)]
    [InlineData(SimulationFormat.Csv, ReasonCode.CsvMalformed)]
    public void Each_malformed_kind_is_rejected_with_its_reason_code(SimulationFormat format, ReasonCode brokenSyntax)
    {
        var options = new SimulationOptions { Records = 10_000, Seed = 23, MalformedShare = 0.02, Format = format };
        var kinds = MalformedKindsInOrder(options);

        var rejected = Validate(options, out _);

        Assert.Equal(kinds.Count, rejected.Count);
        for (var i = 0; i < kinds.Count; i++)
        {
            var expected = kinds[i] == MalformedKind.BrokenSyntax ? brokenSyntax : Expected[kinds[i]];
            Assert.True(rejected[i].Contains(expected), $"{kinds[i]} gave {string.Join(", ", rejected[i])}, expected {expected}");
        }

        Assert.Equal(Enum.GetValues<MalformedKind>().Length, kinds.Distinct().Count());
    }

    /// <summary>The kinds of the malformed records, in file order, as the simulator reports them.</summary>
    private static List<MalformedKind> MalformedKindsInOrder(SimulationOptions options)
    {
        var kinds = new List<MalformedKind>();
        DossierSimulator.ForDemoRegistry(options).Write(Stream.Null, malformed: kinds.Add);
        return kinds;
    }

    private static List<List<ReasonCode>> Validate(SimulationOptions options, out long read)
    {
        using var file = new MemoryStream();
        DossierSimulator.ForDemoRegistry(options).Write(file);
        file.Position = 0;
        using var reader = new DossierReader(file);
        var rejected = new List<List<ReasonCode>>();
        var issues = new List<DossierIssue>();
        read = 0;
        foreach (var line in reader.Read())
        {
            read++;
            issues.Clear();
            if (!Validator.Validate(line, issues))
            {
                rejected.Add(issues.Select(issue => issue.Code).ToList());
            }
        }

        return rejected;
    }
}
