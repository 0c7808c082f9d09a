using System.Globalization;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Ledger.Ingest;

/// <summary>
/// What <c>opendvc ingest</c> says after the closing count, in Vietnamese and English: what each count means, the
/// refusals by reason with the likely cause, and the error when nothing at all was taken into the ledger.
/// </summary>
public static class IngestReport
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Writes the explanation of <paramref name="summary"/>; <paramref name="catalogIsEmpty"/> picks the hints.</summary>
    public static void Write(IngestSummary summary, bool catalogIsEmpty, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        if (!summary.ChangedAnything && summary.Read > 0)
        {
            output.WriteLine("không có thay đổi: mọi bản ghi đã được lưu hoặc đã cách ly từ trước");
            output.WriteLine("nothing changed: every record was already stored or already quarantined");
        }

        var alreadyKept = summary.Quarantined - summary.QuarantineAdded;
        output.WriteLine(string.Create(Vietnamese,
            $"sổ cái: lưu {summary.Accepted:N0} hồ sơ (mới, hoặc phiên bản mới hơn bản đã lưu); {summary.Unchanged:N0} bản ghi giống hệt bản đã lưu; {summary.Stale:N0} bản ghi cũ hơn bản đã lưu (bỏ qua)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger: {summary.Accepted:N0} dossier(s) stored (new, or newer than the stored version); {summary.Unchanged:N0} record(s) identical to the stored version; {summary.Stale:N0} record(s) older than the stored version (skipped)"));
        output.WriteLine(string.Create(Vietnamese,
            $"khu cách ly: từ chối {summary.Quarantined:N0} bản ghi; thêm {summary.QuarantineAdded:N0} dòng vào khu cách ly, {alreadyKept:N0} bản ghi đã có sẵn ở đó (cùng bản ghi bị từ chối trước đó, trong tệp này hoặc lần nạp trước)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"quarantine: {summary.Quarantined:N0} record(s) refused; {summary.QuarantineAdded:N0} row(s) added to quarantine, {alreadyKept:N0} already kept there (the same record refused before, in this file or an earlier run)"));
        if (summary.Quarantined == 0)
        {
            return;
        }

        output.WriteLine("bản ghi bị từ chối theo lý do (một bản ghi có thể có nhiều lý do; xem `opendvc quarantine list`):");
        output.WriteLine("records refused by reason (a record may have several reasons; see `opendvc quarantine list`):");
        foreach (var refusal in summary.Refusals)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {refusal.Code,-28} {refusal.Count,10:N0}  {refusal.Reason.MessageVi} / {refusal.Reason.MessageEn}"));
            if (Hint(refusal.Code, catalogIsEmpty) is var (vietnamese, english))
            {
                output.WriteLine($"  {"",-28} {"",10}  → {vietnamese}");
                output.WriteLine($"  {"",-28} {"",10}  → {english}");
            }
        }
    }

    /// <summary>The error for a run that refused every record it read, naming the likely cause of the commonest refusal.</summary>
    public static Platform.Cli.CliException RefusedEverything(IngestSummary summary, bool catalogIsEmpty)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var cause = Hint(summary.Refusals[0].Code, catalogIsEmpty);
        // The count as each language writes it, whatever the process's culture.
        var count = new Bilingual(string.Create(Vietnamese, $"{summary.Quarantined:N0}"), string.Create(CultureInfo.InvariantCulture, $"{summary.Quarantined:N0}"));
        var refusal = Refusal.Of(LedgerCodes.IngestAllRefused, count, cause is { } likely ? new Bilingual(likely.Vietnamese, likely.English) : null);
        return new Platform.Cli.CliException(cause is null ? refusal : refusal.Saying("Cause"));
    }

    /// <summary>The likely cause of a refusal that usually says the setup is wrong rather than the unit's data.</summary>
    private static (string Vietnamese, string English)? Hint(string code, bool catalogIsEmpty) => code switch
    {
        "PROCEDURE_UNKNOWN" when catalogIsEmpty => (
            "danh mục chưa có thủ tục nào: nhập danh mục (`opendvc registry import procedures TỆP`) hoặc chạy `opendvc migrate --demo` để nạp danh mục mẫu, rồi `opendvc quarantine replay` để lưu các bản ghi đã cách ly",
            "the catalog has no procedures: import one (`opendvc registry import procedures FILE`) or run `opendvc migrate --demo` for the demo catalog, then `opendvc quarantine replay` to store the quarantined records"),
        "PROCEDURE_UNKNOWN" => (
            "các mã MaTTHC này chưa có trong danh mục: nhập các thủ tục còn thiếu (`opendvc registry import procedures TỆP`), rồi `opendvc quarantine replay`",
            "these MaTTHC codes are not in the catalog: import the missing procedures (`opendvc registry import procedures FILE`), then `opendvc quarantine replay`"),
        "UNIT_UNKNOWN" => (
            "MaDonVi phải là mã của một đơn vị trong danh mục (`opendvc registry export units --format csv --output units.csv` liệt kê các mã)",
            "MaDonVi must be the code of a unit in the registry (`opendvc registry export units --format csv --output units.csv` lists them)"),
        "JSON_MALFORMED" or "CSV_MALFORMED" => (
            "tệp có đúng định dạng không? Định dạng theo phần mở rộng (.ndjson, .jsonl, .csv, kể cả .gz), trừ khi có `--format ndjson|csv`",
            "is the file in the format it is read as? The format follows the extension (.ndjson, .jsonl, .csv, .gz too) unless `--format ndjson|csv` says otherwise"),
        _ => null,
    };
}
