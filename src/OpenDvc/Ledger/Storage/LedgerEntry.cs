using OpenDvc.Ledger.Quarantine;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// One record on its way into the ledger: either a validated dossier, or the reasons it was refused. Either
/// way it keeps its raw text, source and line, so nothing read is ever dropped.
/// </summary>
public sealed record LedgerEntry(
    string Source, long Line, string RawText, Dossier? Dossier, IReadOnlyList<QuarantineReason> Reasons, string? UnitCode, string? DossierCode)
{
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

/// <summary>Reasons the ledger itself refuses a valid record (the contract's reasons come from the validator).</summary>
public static class LedgerReasons
{
    public static QuarantineReason OwnedByAnotherUnit(string code, string owner) => new(
        "OD-DOSSIER-OTHER-UNIT",
        $"Mã hồ sơ '{code}' đã thuộc đơn vị {owner}; một đơn vị không thể ghi hồ sơ của đơn vị khác.",
        $"Dossier code '{code}' already belongs to unit {owner}; a unit cannot write another unit's dossier.");

    public static QuarantineReason NotCallersUnit(string? unit, string caller) => new(
        "OD-DOSSIER-NOT-YOUR-UNIT",
        $"Hồ sơ của đơn vị '{unit}' không được gửi bằng khóa của đơn vị {caller}.",
        $"A dossier of unit '{unit}' cannot be sent with unit {caller}'s key.");
}
