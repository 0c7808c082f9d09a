using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;

namespace OpenDvc.Indicators.Calculation;

/// <summary>
/// The registry rows the figures fold in (units, procedures, online services), read once and kept while the registry
/// stamp stays: the audit trail's last id. Every registry edit, by this process or another (a CLI import beside the
/// server), writes its audit row in its own transaction; an ingest batch writes none. So a ledger batch, which renews
/// the figures every 30 s while units sync, no longer re-reads some 10,000 online services and re-folds the catalog:
/// the stamp costs one look-up of the audit table's key per computation.
/// </summary>
public sealed class RegistryFacts(TimeProvider time)
{
    /// <summary>
    /// At most this long: on PostgreSQL two edits committing out of their ids' order could leave the stamp on the
    /// later id while the earlier commit is missed, as the figures' own ten-minute bound covers writes outside the signals.
    /// </summary>
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private RegistryCatalog? current;
    private long reads;

    /// <summary>How many times the registry rows were read (tests check that a ledger batch reads none).</summary>
    internal long Reads => Interlocked.Read(ref reads);

    /// <summary>The audit trail's last id: it moves with every audited edit of any process, and with no ingest.</summary>
    internal static async Task<long> StampAsync(OpenDvcDbContext db, CancellationToken ct) =>
        await db.Set<AuditEntry>().MaxAsync(e => (long?)e.Id, ct) ?? 0;

    /// <summary>The whole catalog as of the current stamp; read again only when the stamp moved.</summary>
    internal async Task<RegistryCatalog> CatalogAsync(OpenDvcDbContext db, CancellationToken ct)
    {
        // The stamp before the rows: an edit committed in between makes the rows newer than their stamp, never older.
        var stamp = await StampAsync(db, ct);
        var now = time.GetUtcNow();
        if (Volatile.Read(ref current) is { } kept && kept.Stamp == stamp && now - kept.ReadAt < MaxAge)
        {
            return kept;
        }

        var catalog = new RegistryCatalog(
            stamp,
            now,
            await db.Set<Unit>().AsNoTracking().ToListAsync(ct),
            await db.Set<Procedure>().AsNoTracking().ToListAsync(ct),
            await db.Set<OnlineService>().AsNoTracking().ToListAsync(ct));
        Interlocked.Increment(ref reads);
        Volatile.Write(ref current, catalog);
        return catalog;
    }
}

/// <summary>
/// The registry as read at one stamp, and what figures take from it: each unit's catalog facts on a day for an
/// audience (<see cref="UnitFacts"/>), folded once and shared by every national and unit question of that day.
/// </summary>
internal sealed class RegistryCatalog(long stamp, DateTimeOffset readAt, List<Unit> units, List<Procedure> procedures, List<OnlineService> services)
{
    /// <summary>Days × audiences kept at most: every month end of ten years for all three audiences fits.</summary>
    private const int MaxDays = 400;

    private readonly ConcurrentDictionary<(DateOnly, AudienceFilter), IReadOnlyDictionary<string, Totals>> unitFacts = new();

    /// <summary>How many days × audiences are kept now (tests check the cap).</summary>
    internal int DaysKept => unitFacts.Count;

    public long Stamp { get; } = stamp;

    public DateTimeOffset ReadAt { get; } = readAt;

    /// <summary>The part of the catalog a question covers: its units (null for all), its procedure (null for all) and audience.</summary>
    public RegistryCatalog Of(IReadOnlyList<string>? codes, string? procedure, AudienceFilter audience)
    {
        var serves = Serves.GetValueOrDefault(audience);
        return new(
            Stamp,
            ReadAt,
            codes is null ? units : units.Where(u => codes.Contains(u.Code, StringComparer.Ordinal)).ToList(),
            procedures.Where(p => (procedure is null || p.Code == procedure) && (serves is null || serves(p))).ToList(),
            services.Where(s => (procedure is null || s.ProcedureCode == procedure) && (codes is null || codes.Contains(s.UnitCode, StringComparer.Ordinal))).ToList());
    }

    private static readonly Expression<Func<Procedure, bool>> ForCitizens = p => p.Audience == Audience.Citizens || p.Audience == Audience.Both;
    private static readonly Expression<Func<Procedure, bool>> ForBusinesses = p => p.Audience == Audience.Businesses || p.Audience == Audience.Both;
    /// <summary><see cref="ServedTo"/> compiled, for the catalog in memory.</summary>
    private static readonly Dictionary<AudienceFilter, Func<Procedure, bool>> Serves = Enum.GetValues<AudienceFilter>()
        .Where(a => ServedTo(a) is not null)
        .ToDictionary(a => a, a => ServedTo(a)!.Compile());

    /// <summary>The procedures an audience filter keeps (null: all), one rule for the database's queries and the catalog in memory.</summary>
    public static Expression<Func<Procedure, bool>>? ServedTo(AudienceFilter audience) => audience switch
    {
        AudienceFilter.Citizens => ForCitizens,
        AudienceFilter.Businesses => ForBusinesses,
        _ => null,
    };

    /// <summary>
    /// The catalog facts of each unit in force on the day that carries out at least one procedure, by code, without
    /// the online services with dossiers (which follow the ledger). Shared: callers add them, never change them.
    /// </summary>
    public IReadOnlyDictionary<string, Totals> UnitFacts(DateOnly day, AudienceFilter audience)
    {
        // Bounded whatever days callers ask for (free period ranges end on any day): past the cap, start again.
        if (unitFacts.Count >= MaxDays)
        {
            unitFacts.Clear();
        }

        return unitFacts.GetOrAdd((day, audience), key =>
        {
            var byUnit = new Dictionary<string, Totals>(StringComparer.Ordinal);
            Of(null, null, key.Item2).AddTo(key.Item1, pair =>
            {
                if (!byUnit.TryGetValue(pair.Unit, out var totals))
                {
                    byUnit[pair.Unit] = totals = new Totals();
                }

                return totals;
            }, withDossiers: null);
            return byUnit;
        });
    }

    /// <summary>
    /// Adds the catalog facts of <paramref name="day"/> for each unit in force that day × procedure to <paramref name="at"/>
    /// (a unit merged away, or not yet begun, carries nothing out): procedures
    /// the unit carries out, those online (online since then), full-process (since then), level 4, fee-bearing ones
    /// and whether they are paid online, and (given <paramref name="withDossiers"/>) online services with dossiers.
    /// </summary>
    public void AddTo(DateOnly day, Func<(string Unit, string Procedure), Totals> at, HashSet<(string, string)>? withDossiers)
    {
        var online = services.Where(s => s.OnlineSince <= day).ToDictionary(s => (s.UnitCode, s.ProcedureCode));
        var central = procedures.Where(p => p.Tier == ProcedureTier.Central).ToLookup(p => p.ManagingUnitCode, StringComparer.Ordinal);
        var local = procedures.Where(p => p.Tier != ProcedureTier.Central).ToList();
        foreach (var unit in units.Where(u => u.IsValidOn(day)))
        {
            foreach (var procedure in unit.IsProvince ? local.Concat(central[unit.Code]) : central[unit.Code])
            {
                var pair = (unit.Code, procedure.Code);
                var service = online.GetValueOrDefault(pair);
                var fullProcess = service is { Level: ServiceLevel.FullProcess } && (service.FullProcessSince is null || service.FullProcessSince <= day);
                var totals = at(pair);
                totals.Procedures++;
                if (service is not null)
                {
                    totals.ProceduresOnline++;
                    totals.OnlineServices++;
                    totals.OnlineServicesWithDossiers += withDossiers?.Contains(pair) == true ? 1 : 0;
                    totals.Level4Services += service.LegacyLevel == 4 && procedure.EligibleForFullProcess ? 1 : 0;
                }

                totals.EligibleProcedures += procedure.EligibleForFullProcess ? 1 : 0;
                totals.FullProcessServices += fullProcess && procedure.EligibleForFullProcess ? 1 : 0;
                totals.FeeProcedures += procedure.Fee > 0 ? 1 : 0;
                totals.FeeProceduresPaidOnline += procedure.Fee > 0 && fullProcess ? 1 : 0;
            }
        }
    }
}
