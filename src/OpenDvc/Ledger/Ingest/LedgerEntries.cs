using OpenDvc.Ledger.Clock;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Storage;

namespace OpenDvc.Ledger.Ingest;

/// <summary>
/// Turns what the reader read into what the writer writes: validate (the contract's rules, against the catalog
/// snapshot), check the caller's unit when there is one (the sync API), run the clock, and build the row; or keep
/// the raw record with its reasons. Shared by bulk ingest, the sync API and quarantine replay.
/// </summary>
public sealed class LedgerEntries(DossierValidator validator, string source, string? callerUnit = null)
{
    private readonly List<DossierIssue> issues = [];

    public CatalogSnapshot Catalog => validator.Catalog;

    /// <summary>The entry for one line; <paramref name="csvHeader"/> is kept with a refused CSV line for replay.</summary>
    public LedgerEntry From(in DossierLine line, string? csvHeader)
    {
        issues.Clear();
        var record = line.Record;
        var valid = validator.Validate(line, issues);
        if (callerUnit is not null && record is not null && !string.Equals(record.UnitCode, callerUnit, StringComparison.Ordinal))
        {
            issues.Add(new DossierIssue(ReasonCode.UnitNotAllowed, "MaDonVi"));
            valid = false;
        }

        if (!valid)
        {
            var reasons = issues.Select(LedgerReasons.From).ToArray();
            return LedgerEntry.Refused(source, line.LineNumber, line.RawText, reasons, callerUnit ?? record?.UnitCode, record?.Code) with { CsvHeader = csvHeader };
        }

        Catalog.TryGetProcedure(record!.ProcedureCode!, out var procedure);
        var timing = DossierClock.Evaluate(record, procedure, Catalog.Calendar);
        return LedgerEntry.Valid(source, line.LineNumber, line.Raw.Span, Dossier.From(record, timing, procedure));
    }

    /// <summary>The reasons as stored in quarantine, for callers that report them.</summary>
    public static IReadOnlyList<QuarantineReason> Describe(IEnumerable<DossierIssue> found) => found.Select(LedgerReasons.From).ToArray();
}
