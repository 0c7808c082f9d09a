using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;

namespace OpenDvc.Ledger.Contract;

/// <summary>What the ledger needs to know about a procedure of the catalog, per dossier, without a query.</summary>
/// <param name="StatutoryTime">Statutory processing time in <paramref name="TimeUnit"/>; counts where a dossier has no due date.</param>
/// <param name="HasPaperResult">The result is a paper document (Decision 766, indicators 3.3, 4.1, 4.2).</param>
/// <param name="Fee">The catalog fee in whole đồng; 0 when the procedure has none (indicator 3.5).</param>
public readonly record struct ProcedureFacts(int StatutoryTime, ProcessingTimeUnit TimeUnit, bool HasPaperResult, long Fee);

/// <summary>
/// The registry as one ingest sees it: unit codes, procedures and the working calendar, loaded once and held in
/// memory (a few thousand rows) so that validating and clocking a record never queries the database.
/// Immutable, so one snapshot may be shared by parallel readers.
/// </summary>
public sealed class CatalogSnapshot
{
    private readonly HashSet<string> units;
    private readonly Dictionary<string, ProcedureFacts> procedures;

    public CatalogSnapshot(IEnumerable<string> unitCodes, IEnumerable<KeyValuePair<string, ProcedureFacts>> procedures, WorkingCalendar calendar)
    {
        units = new HashSet<string>(unitCodes, StringComparer.Ordinal);
        this.procedures = new Dictionary<string, ProcedureFacts>(procedures, StringComparer.Ordinal);
        Calendar = calendar;
    }

    public WorkingCalendar Calendar { get; }

    public int UnitCount => units.Count;

    public int ProcedureCount => procedures.Count;

    public static CatalogSnapshot From(IEnumerable<Unit> units, IEnumerable<Procedure> procedures, WorkingCalendar calendar) =>
        new(
            units.Select(u => u.Code),
            procedures.Select(p => KeyValuePair.Create(p.Code, Facts(p))),
            calendar);

    /// <summary>Reads units, procedures and calendar days in three queries; call once per ingest or sync batch.</summary>
    public static async Task<CatalogSnapshot> LoadAsync(OpenDvcDbContext db, CancellationToken cancellationToken = default)
    {
        var unitCodes = await db.Set<Unit>().AsNoTracking().Select(u => u.Code).ToListAsync(cancellationToken);
        var procedures = await db.Set<Procedure>().AsNoTracking()
            .Select(p => new { p.Code, p.StatutoryTime, p.TimeUnit, p.HasPaperResult, p.Fee })
            .ToListAsync(cancellationToken);
        var days = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(cancellationToken);
        return new CatalogSnapshot(
            unitCodes,
            procedures.Select(p => KeyValuePair.Create(p.Code, new ProcedureFacts(p.StatutoryTime, p.TimeUnit, p.HasPaperResult, p.Fee))),
            new WorkingCalendar(days));
    }

    public bool HasUnit(string code) => units.Contains(code);

    public bool TryGetProcedure(string code, out ProcedureFacts facts) => procedures.TryGetValue(code, out facts);

    public static ProcedureFacts Facts(Procedure procedure) =>
        new(procedure.StatutoryTime, procedure.TimeUnit, procedure.HasPaperResult, procedure.Fee);
}
