using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using OpenDvc.Ledger.Ingest;
using OpenDvc.Registry.Demo;
using OpenDvc.Tests.Ledger.Contract;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

/// <summary>Small synced-dossier files for ingest tests: the contract's example with its code, unit and version changed.</summary>
public static class LedgerFiles
{
    /// <summary>A procedure of the demo catalog, which every test app loads.</summary>
    public static readonly string Procedure = DemoRegistry.Procedures().First().Code;

    private static readonly DateTime FirstVersion = new(2023, 3, 20, 16, 5, 0);

    /// <summary>A valid record; each <paramref name="version"/> is a minute later and differs in its rating.</summary>
    public static string Record(string code, int version = 0, string unit = "01") => SyncSamples.ExampleWith(
        ("MaHoSo", JsonSerializer.Serialize(code)),
        ("MaDonVi", JsonSerializer.Serialize(unit)),
        ("MaTTHC", JsonSerializer.Serialize(Procedure)),
        ("ThoiDiemCapNhat", JsonSerializer.Serialize(FirstVersion.AddMinutes(version).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture))),
        ("DanhGia", $"{{\"MucDo\":{1 + (version % 3)},\"NgayDanhGia\":\"20230321080000\"}}"));

    /// <summary>A line that is not JSON: quarantined with JSON_MALFORMED.</summary>
    public static string Broken(string tag) => $"{{\"MaHoSo\": \"{tag}\", oops";

    /// <summary>Syncs one record (<see cref="Record"/>) through the sync API as NDJSON, and insists it was taken.</summary>
    public static async Task SyncOneAsync(HttpClient unitClient, string code, CancellationToken ct)
    {
        using var sync = await unitClient.PostAsync("/api/v1/dossiers/sync", new StringContent(Record(code) + "\n", Encoding.UTF8, "application/x-ndjson"), ct);
        sync.EnsureSuccessStatusCode();
    }

    public static string Prefix() => "T" + Guid.NewGuid().ToString("N")[..10] + "-";

    public static byte[] Ndjson(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    public static async Task<IngestSummary> IngestAsync(TestApp app, byte[] content, int batchSize = 50, string source = "test.ndjson")
    {
        using var stream = new MemoryStream(content);
        return await app.Services.GetRequiredService<DossierIngest>().IngestAsync(stream, new IngestOptions(source) { BatchSize = batchSize }, CancellationToken.None);
    }
}
