using OpenDvc.Ledger.Contract;

namespace OpenDvc.Ledger.Ingest;

/// <summary>
/// A sync record file's form from its name, for <c>simulate</c> (what to write) and <c>ingest</c> (how to read):
/// <c>.csv</c> or <c>.ndjson</c>/<c>.jsonl</c>, each optionally followed by <c>.gz</c>; <c>--format</c> overrides it.
/// </summary>
public static class RecordFileFormat
{
    /// <summary>The values <c>--format</c> accepts.</summary>
    public static readonly string[] Names = ["ndjson", "csv"];

    public static bool IsCompressed(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The form <paramref name="option"/> names, else the one the file name's extension says, else null (unknown).</summary>
    public static DossierFormat? Choose(string? option, string path) => option switch
    {
        "csv" => DossierFormat.Csv,
        "ndjson" => DossierFormat.Ndjson,
        _ => Path.GetExtension(IsCompressed(path) ? path[..^3] : path).ToLowerInvariant() switch
        {
            ".csv" => DossierFormat.Csv,
            ".ndjson" or ".jsonl" => DossierFormat.Ndjson,
            _ => null,
        },
    };
}
