using Microsoft.EntityFrameworkCore;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Transfer;
using OpenDvc.Registry.Units;

namespace OpenDvc.Directives.Catalog;

/// <summary>
/// The procedure catalog deliverable: the template a unit fills in (its procedures as the registry holds them),
/// the Excel/CSV upload checked row by row (a bad file changes nothing and reports every bad cell, as the registry's
/// import does), and the registry update when the agency accepts the catalog (audited like every registry change).
/// </summary>
public sealed class ProcedureCatalogSubmission(OpenDvcDbContext db)
{
    public async Task<CatalogRules?> RulesForAsync(string unitCode, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Code == unitCode, ct);
        if (unit is null)
        {
            return null;
        }

        var procedures = await db.Set<Procedure>().AsNoTracking().ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var offered = await db.Set<OnlineService>().Where(s => s.Level == ServiceLevel.FullProcess)
            .Select(s => s.ProcedureCode).Distinct().ToHashSetAsync(StringComparer.Ordinal, ct);
        return new CatalogRules(unit, procedures, offered);
    }

    /// <summary>The unit's procedures as the registry classes them today: the file to fill in and upload back.</summary>
    public static IReadOnlyList<CatalogEntry> Template(CatalogRules rules) =>
        rules.UnitProcedures.Select(p => new CatalogEntry(p.Code, p.EligibleForFullProcess ? CatalogStatus.FullProcess : CatalogStatus.Partial, p.IneligibleReason)).ToList();

    public static IReadOnlyList<ExportColumn<(CatalogEntry Entry, string Name)>> Columns(string unitCode) =>
    [
        new(CatalogColumns.Unit, _ => unitCode),
        new(CatalogColumns.Procedure, r => r.Entry.Procedure),
        new(CatalogColumns.Name, r => r.Name),
        new(CatalogColumns.Status, r => r.Entry.Status),
        new(CatalogColumns.Reason, r => r.Entry.Reason),
    ];

    public static Task<IResult> ToFileAsync(CatalogRules rules, IReadOnlyList<CatalogEntry> entries, string format, CancellationToken ct)
    {
        var names = rules.UnitProcedures.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
        var rows = entries.Select(e => (e, names.GetValueOrDefault(e.Procedure) ?? "")).ToAsyncEnumerable();
        return TableExport.ToFileAsync(rows, Columns(rules.Unit.Code), format, $"catalog-{rules.Unit.Code}", ct);
    }

    /// <summary>Reads an uploaded catalog: every entry, or none and each wrong cell.</summary>
    public static (IReadOnlyList<CatalogEntry> Entries, ImportReport Report) Read(CatalogRules rules, Stream content, string fileName)
    {
        const string table = "catalog";
        var (rows, failure) = RegistryImport.Open(table, CatalogColumns.All, content, fileName);
        if (failure is not null)
        {
            return ([], failure);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<CatalogEntry>();
        foreach (var row in rows.Rows)
        {
            var unit = row.Text(CatalogColumns.Unit, 16);
            var procedure = row.Text(CatalogColumns.Procedure, 32);
            var status = row.Enum<CatalogStatus>(CatalogColumns.Status);
            var reason = row.Text(CatalogColumns.Reason, 512, required: false);
            if (unit is not null && unit != rules.Unit.Code)
            {
                row.Fail(CatalogColumns.Unit, Refusal.Of(DirectiveCodes.CatalogWrongUnit, unit, rules.Unit.Code));
            }

            if (procedure is null)
            {
                continue;
            }

            row.Unique(CatalogColumns.Procedure, procedure, seen);
            var entry = new CatalogEntry(procedure, status ?? CatalogStatus.FullProcess, reason);
            row.Report(rules.Check(entry).Where(v => status is not null || v.Field != CatalogColumns.Status));
            entries.Add(entry);
        }

        return rows.Errors.Count > 0
            ? ([], ImportReport.Failed(table, rows.Rows.Count, rows.Errors))
            : (entries, new ImportReport(table, rows.Rows.Count, 0, 0, rows.Rows.Count, false, []));
    }

    /// <summary>
    /// An accepted catalog becomes the registry's eligibility, which Registry sets (issue 19): full-process means
    /// eligible; partial and not eligible mean not eligible, with the unit's reason. Saved (and audited) with the acceptance.
    /// </summary>
    public Task<int> ApplyAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken ct) =>
        ProcedureCatalog.SetEligibilityAsync(db, entries.Select(e => new EligibilityDecision(e.Procedure, e.Status == CatalogStatus.FullProcess, e.Reason)).ToList(), ct);
}
