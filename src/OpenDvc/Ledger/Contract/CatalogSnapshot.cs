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

/// <summary>The days a unit code names a unit in force (its versions follow each other without gaps), and who carries on after.</summary>
public readonly record struct UnitSpan(DateOnly From, DateOnly? To, string? Successor)
{
    public static readonly UnitSpan Always = new(DateOnly.MinValue, null, null);

    public bool Covers(DateOnly day) => From <= day && (To is null || day <= To);
}

/// <summary>
/// The registry as one ingest sees it: unit codes with their spans, procedures and the working calendar, loaded once
/// and held in memory (a few thousand rows) so that validating and clocking a record never queries the database.
/// Immutable, so one snapshot may be shared by parallel readers.
/// </summary>
public sealed class CatalogSnapshot
{
    private readonly Dictionary<string, UnitSpan> units;
    private readonly Dictionary<string, ProcedureFacts> procedures;

    /// <summary>A catalog whose units are in force every day.</summary>
    public CatalogSnapshot(IEnumerable<string> unitCodes, IEnumerable<KeyValuePair<string, ProcedureFacts>> procedures, WorkingCalendar calendar)
        : this(unitCodes.Select(c => KeyValuePair.Create(c, UnitSpan.Always)), procedures, calendar)
    {
    }

    public CatalogSnapshot(IEnumerable<KeyValuePair<string, UnitSpan>> units, IEnumerable<KeyValuePair<string, ProcedureFacts>> procedures, WorkingCalendar calendar)
    {
        this.units = new Dictionary<string, UnitSpan>(units, StringComparer.Ordinal);
        this.procedures = new Dictionary<string, ProcedureFacts>(procedures, StringComparer.Ordinal);
        Calendar = calendar;
    }

    public WorkingCalendar Calendar { get; }

    public int UnitCount => units.Count;

    public int ProcedureCount => procedures.Count;

    public static CatalogSnapshot From(IEnumerable<Unit> units, IEnumerable<Procedure> procedures, WorkingCalendar calendar) =>
        new(
            units.Select(u => KeyValuePair.Create(u.Code, new UnitSpan(u.ValidFrom, u.ValidTo, u.SuccessorCode))),
            procedures.Select(p => KeyValuePair.Create(p.Code, Facts(p))),
            calendar);

    /// <summary>Reads units, procedures and calendar days in three queries; call once per ingest or sync batch.</summary>
    public static async Task<CatalogSnapshot> LoadAsync(OpenDvcDbContext db, CancellationToken cancellationToken = default)
    {
        var units = await db.Set<Unit>().AsNoTracking().Select(u => new { u.Code, u.ValidFrom, u.ValidTo, u.SuccessorCode }).ToListAsync(cancellationToken);
        var procedures = await db.Set<Procedure>().AsNoTracking()
            .Select(p => new { p.Code, p.StatutoryTime, p.TimeUnit, p.HasPaperResult, p.Fee })
            .ToListAsync(cancellationToken);
        var days = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(cancellationToken);
        return new CatalogSnapshot(
            units.Select(u => KeyValuePair.Create(u.Code, new UnitSpan(u.ValidFrom, u.ValidTo, u.SuccessorCode))),
            procedures.Select(p => KeyValuePair.Create(p.Code, new ProcedureFacts(p.StatutoryTime, p.TimeUnit, p.HasPaperResult, p.Fee))),
            new WorkingCalendar(days));
    }

    public bool HasUnit(string code) => units.ContainsKey(code);

    /// <summary>The days the code names a unit; false for an unknown code.</summary>
    public bool TryGetUnit(string code, out UnitSpan span) => units.TryGetValue(code, out span);

    public bool TryGetProcedure(string code, out ProcedureFacts facts) => procedures.TryGetValue(code, out facts);

    public static ProcedureFacts Facts(Procedure procedure) =>
        new(procedure.StatutoryTime, procedure.TimeUnit, procedure.HasPaperResult, procedure.Fee);
}
