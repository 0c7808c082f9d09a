using System.Globalization;
using System.Text.Json;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Registry;
using OpenDvc.Registry.Demo;

namespace OpenDvc.Tests.Ledger.Simulation;

/// <summary>
/// The sync contract's rules written out independently of the simulator, so that the tests check its output
/// against the contract rather than against itself. Returns the rules a line breaks.
/// </summary>
internal static class ContractCheck
{
    private static readonly HashSet<string> Units = ReferenceData.Units2023().Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
    private static readonly HashSet<string> Procedures = DemoRegistry.Procedures().Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
    private static readonly DateTime Tomorrow = DateTime.UtcNow.AddHours(7).AddDays(1);

    public static List<MalformedKind> Violations(string line)
    {
        var found = new List<MalformedKind>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return [MalformedKind.BrokenSyntax];
        }

        using (document)
        {
            var r = document.RootElement;
            var code = Text(r, "MaHoSo");
            Add(found, code is null, MalformedKind.MissingMaHoSo);
            Add(found, code is { Length: > 64 }, MalformedKind.MaHoSoTooLong);
            var unit = Text(r, "MaDonVi");
            Add(found, unit is null, MalformedKind.MissingUnit);
            Add(found, unit is not null && !Units.Contains(unit), MalformedKind.UnknownUnit);
            var procedure = Text(r, "MaTTHC");
            Add(found, procedure is null, MalformedKind.MissingProcedure);
            Add(found, procedure is not null && !Procedures.Contains(procedure), MalformedKind.UnknownProcedure);
            Add(found, Number(r, "LoaiDoiTuong") is not (1 or 2), MalformedKind.BadApplicantType);
            var channel = Number(r, "KenhThucHien");
            Add(found, channel is not (1 or 2 or 3), MalformedKind.BadChannel);
            var place = Number(r, "NoiNopHoSo");
            Add(found, channel == 2 && place is null, MalformedKind.MissingNoiNopHoSoForOnline);
            Add(found, place is not null and not (1 or 2), MalformedKind.BadNoiNopHoSo);
            var status = Number(r, "TrangThaiHoSo");
            Add(found, status is not (>= 1 and <= 10), MalformedKind.BadStatus);

            var badTimestamp = false;
            var submitted = Timestamp(r, "NgayNopHoSo", ref badTimestamp);
            var received = Timestamp(r, "NgayTiepNhan", ref badTimestamp);
            var due = Timestamp(r, "NgayHenTra", ref badTimestamp);
            var finished = Timestamp(r, "NgayKetThucXuLy", ref badTimestamp);
            var returned = Timestamp(r, "NgayTra", ref badTimestamp);
            var updated = Timestamp(r, "ThoiDiemCapNhat", ref badTimestamp);
            Add(found, badTimestamp, MalformedKind.BadTimestamp);
            Add(found, submitted > received, MalformedKind.SubmittedAfterReceived);
            Add(found, received > finished, MalformedKind.FinishedBeforeReceived);
            Add(found, finished > returned, MalformedKind.ReturnedBeforeFinished);
            Add(found, due < received, MalformedKind.DueBeforeReceived);
            Add(found, new[] { submitted, received, due, finished, returned, updated }.Any(t => t > Tomorrow), MalformedKind.FutureTimestamp);
            Add(found, status is >= 2 and <= 10 and not 3 && received is null, MalformedKind.MissingReceivedDate);
            Add(found, status is 9 or 10 && finished is null, MalformedKind.MissingFinishedDate);
            Add(found, status == 10 && returned is null, MalformedKind.MissingReturnedDate);
            Add(found, r.TryGetProperty("DanhSachLePhi", out var fees) && fees.EnumerateArray().Any(f => f.GetProperty("Gia").GetInt64() < 0), MalformedKind.NegativeFee);
            Add(found, Number(r, "DuocThanhToanTrucTuyen") is not (0 or 1 or 2), MalformedKind.BadPaymentFlag);
            Add(found, r.TryGetProperty("DanhGia", out var rating) && rating.GetProperty("MucDo").GetInt32() is not (1 or 2 or 3), MalformedKind.BadRating);
        }

        return found;
    }

    public static DateTime? Timestamp(JsonElement record, string name)
    {
        var ignored = false;
        return Timestamp(record, name, ref ignored);
    }

    private static DateTime? Timestamp(JsonElement record, string name, ref bool bad)
    {
        if (Text(record, name) is not { Length: > 0 } text)
        {
            return null;
        }

        if (DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        bad = true;
        return null;
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static void Add(List<MalformedKind> found, bool broken, MalformedKind kind)
    {
        if (broken)
        {
            found.Add(kind);
        }
    }
}
