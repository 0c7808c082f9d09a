using OpenDvc.Ledger.Quarantine;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// One record on its way into the ledger: either a validated dossier, or the reasons it was refused. Either
/// way it keeps its raw text, source and line, so nothing read is ever dropped.
/// </summary>
public sealed record LedgerEntry(
    string Source, long Line, string RawText, Dossier? Dossier, IReadOnlyList<QuarantineReason> Reasons, string? UnitCode, string? DossierCode)
{
    /// <summary>The CSV header of the line's file, kept with a quarantined CSV line so it can be replayed.</summary>
    public string? CsvHeader { get; init; }

    public static LedgerEntry Valid(string source, long line, string rawText, Dossier dossier) =>
        new(source, line, rawText, dossier, [], dossier.UnitCode, dossier.Code);

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
