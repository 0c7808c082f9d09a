using System.Text;
using OpenDvc.Ledger.Quarantine;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// One record on its way into the ledger: either a validated dossier, or the reasons it was refused. Either
/// way it keeps its raw text, source and line, so nothing read is ever dropped. A valid record keeps its raw
/// UTF-8 bytes and decodes them only if the store refuses it after all (a code owned by another unit): half the
/// memory of a string for the many records that are stored, and no decoding for them.
/// </summary>
public sealed record LedgerEntry(string Source, long Line, Dossier? Dossier, IReadOnlyList<QuarantineReason> Reasons, string? UnitCode, string? DossierCode)
{
    private readonly object raw = "";

    public LedgerEntry(string source, long line, string rawText, Dossier? dossier, IReadOnlyList<QuarantineReason> reasons, string? unitCode, string? dossierCode)
        : this(source, line, dossier, reasons, unitCode, dossierCode) => raw = rawText;

    private LedgerEntry(string source, long line, byte[] rawUtf8, Dossier dossier)
        : this(source, line, dossier, [], dossier.UnitCode, dossier.Code) => raw = rawUtf8;

    /// <summary>The record as received; invalid UTF-8 shows as U+FFFD, as in <see cref="Contract.DossierLine.RawText"/>.</summary>
    public string RawText => raw as string ?? Encoding.UTF8.GetString((byte[])raw);

    /// <summary>The CSV header of the line's file, kept with a quarantined CSV line so it can be replayed.</summary>
    public string? CsvHeader { get; init; }

    public static LedgerEntry Valid(string source, long line, string rawText, Dossier dossier) =>
        new(source, line, rawText, dossier, [], dossier.UnitCode, dossier.Code);

    /// <summary>A valid record with its raw bytes copied (the reader's buffer is reused).</summary>
    public static LedgerEntry Valid(string source, long line, ReadOnlySpan<byte> rawUtf8, Dossier dossier) =>
        new(source, line, rawUtf8.ToArray(), dossier);

    /// <summary>The same entry holding <paramref name="rawText"/> as its raw record (replay keeps the text as first received).</summary>
    public LedgerEntry WithRawText(string rawText) => new(Source, Line, rawText, Dossier, Reasons, UnitCode, DossierCode) { CsvHeader = CsvHeader };

    public static LedgerEntry Refused(string source, long line, string rawText, IReadOnlyList<QuarantineReason> reasons, string? unitCode, string? dossierCode) =>
        new(source, line, rawText, null, reasons, unitCode, dossierCode);
}

/// <summary>What became of one record. The sync API calls <see cref="Quarantined"/> "rejected".</summary>
public enum LedgerOutcome
{
    Accepted,
    Unchanged,
    Stale,
    Quarantined,
}

public readonly record struct EntryResult(LedgerOutcome Outcome, IReadOnlyList<QuarantineReason> Reasons);

/// <summary>A written batch: each entry's outcome, and how many quarantine rows were new (a re-sent bad record is kept once).</summary>
public sealed record BatchResult(IReadOnlyList<EntryResult> Results, int QuarantineAdded);

/// <summary>Reasons the ledger itself refuses a valid record; the codes are the contract's (<see cref="ReasonCode"/>).</summary>
public static class LedgerReasons
{
    public static QuarantineReason OwnedByAnotherUnit() => From(new DossierIssue(ReasonCode.DossierOwnedByOtherUnit, "MaHoSo"));

    public static QuarantineReason NotCallersUnit() => From(new DossierIssue(ReasonCode.UnitNotAllowed, "MaDonVi"));

    /// <summary>A validator or reader finding as stored and answered: <c>NAME</c> or <c>NAME:Field</c> with both messages.</summary>
    public static QuarantineReason From(DossierIssue issue) => new(issue.ToString(), issue.Info.Vietnamese, issue.Info.English);
}
