using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenDvc.Indicators.Definitions;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Indicators.Calculation;

/// <summary>
/// What to compute: a unit (or all), a procedure (with a unit: one online service), a period, an audience, and
/// whether a unit's figures include the units merged into it (<see cref="UnitLineage.Successor"/>).
/// </summary>
public sealed record IndicatorQuery(Period Period, string? UnitCode = null, string? ProcedureCode = null, AudienceFilter Audience = AudienceFilter.Both, UnitLineage Lineage = UnitLineage.AsItStood);

/// <summary>Every indicator for one scope and period, and its index score.</summary>
public sealed record ScopeIndicators(string? UnitCode, string? ProcedureCode, Period Period, Totals Totals, IReadOnlyList<IndicatorValue> Values, IndexScore Index)
{
    public IndicatorValue? this[string code] => Values.FirstOrDefault(v => v.Code == code);
}

/// <summary>
/// Computes every indicator from the ledger's rollups and the registry (docs/decisions/004-rollups-feed-dashboards.md):
/// it never reads the dossier table. One GROUP BY over the rollup rows of the period, then the catalog facts of the
/// period's last day, then the definitions in force. National and unit figures read the unit level of the rollups
/// (<see cref="UnitRollup"/>, and <see cref="ServiceMonth"/> for which services had dossiers), whose size does not
/// grow with the dossiers; only a question about procedures reads the fine level (docs/decisions/010-coarse-rollups.md).
/// </summary>
public sealed class IndicatorCalculator(OpenDvcDbContext db, TimeProvider time, IOptions<IndicatorsOptions> options, IMemoryCache cache, DataChanges changes, RegistryFacts registry)
{
    /// <summary>
    /// Figures are kept until the data behind them changes (<see cref="DataChanges"/>: an ingest batch, a saved
    /// registry or definition row) or the day changes (pending dossiers fall overdue), and at most 10 minutes: every
    /// page and endpoint asks the same few questions, and the answer from the rollups takes far longer than a look-up.
    /// </summary>
    private async Task<T> CachedAsync<T>(object key, Func<Task<T>> compute)
    {
        return (await cache.GetOrCreateAsync(CacheKey(key), entry =>
        {
            entry.AddExpirationToken(changes.Token);
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return compute();
        }))!;
    }

    // Today's date is part of the key: pending dossiers fall overdue when the day turns.
    private (Type, object, DateOnly) CacheKey(object key) => (typeof(IndicatorCalculator), key, VietnamTime.DateOf(time.GetUtcNow()));

    /// <summary>Whether the figures of a scope are in memory now, computed since the data behind them last changed (the dashboard's warmer is tested by it).</summary>
    public bool HasComputed(IndicatorQuery query) => cache.TryGetValue(CacheKey(("scope", query)), out _);

    private Formulas.FormulaSettings Settings => new(options.Value.MinimumRatings);

    /// <summary>The indicators of one scope: a unit, a service (unit + procedure), a procedure everywhere, or the nation.</summary>
    public Task<ScopeIndicators> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        return CachedAsync(("scope", query), () => ComputeUncachedAsync(query, ct));
    }

    private async Task<ScopeIndicators> ComputeUncachedAsync(IndicatorQuery query, CancellationToken ct)
    {
        var definitions = await DefinitionsAsync(query.Period, ct);
        var totals = await AggregateAsync(query, _ => "", byProcedure: false, ct);
        return Evaluate(query.UnitCode, query.ProcedureCode, query.Period, totals.GetValueOrDefault("") ?? new Totals(), definitions);
    }

    /// <summary>
    /// The indicators of every unit in force on <paramref name="unitsOn"/>, each with the units merged into it by then
    /// folded in, in one pass over the period's rollups (rankings, the dashboard's table). A period's rankings ask for
    /// its last day; the previous period's ranks ask for the same day, so both rank the same units.
    /// </summary>
    public Task<IReadOnlyList<ScopeIndicators>> ComputeUnitsAsync(Period period, AudienceFilter audience, DateOnly unitsOn, CancellationToken ct) =>
        CachedAsync(("units", period, audience, unitsOn), () => ComputeUnitsUncachedAsync(period, audience, unitsOn, ct));

    private async Task<IReadOnlyList<ScopeIndicators>> ComputeUnitsUncachedAsync(Period period, AudienceFilter audience, DateOnly unitsOn, CancellationToken ct)
    {
        var definitions = await DefinitionsAsync(period, ct);
        var timeline = await TimelineAsync(ct);
        var into = Lineage.IntoUnitsOn(timeline, unitsOn);
        var byUnit = await AggregateAsync(new IndicatorQuery(period, Audience: audience), pair => into(pair.Unit), byProcedure: false, ct);
        return timeline.InForceOn(unitsOn)
            .Select(v => Evaluate(v.Code, null, period, byUnit.GetValueOrDefault(v.Code) ?? new Totals(), definitions))
            .ToList();
    }

    private UnitTimeline? timeline;

    /// <summary>The units over time, read once per scope (a request).</summary>
    public async Task<UnitTimeline> TimelineAsync(CancellationToken ct) => timeline ??= await UnitTimeline.LoadAsync(db, ct);

    /// <summary>The unit codes whose rollups a query sums: none (every unit), the unit's, or with its lineage the codes merged into it.</summary>
    private async Task<IReadOnlyList<string>?> CodesAsync(IndicatorQuery query, CancellationToken ct) => query.UnitCode switch
    {
        null => null,
        { } unit when query.Lineage == UnitLineage.Successor => Lineage.FoldOf(await TimelineAsync(ct), unit),
        { } unit => [unit],
    };

    /// <summary>The indicators of each service (procedure) of a unit: those it carries out and those it has dossiers for.</summary>
    public Task<IReadOnlyList<ScopeIndicators>> ComputeServicesAsync(string unitCode, Period period, AudienceFilter audience, CancellationToken ct, UnitLineage lineage = UnitLineage.AsItStood) =>
        CachedAsync(("services", unitCode, period, audience, lineage), () => ComputeServicesUncachedAsync(new IndicatorQuery(period, unitCode, Audience: audience, Lineage: lineage), ct));

    private async Task<IReadOnlyList<ScopeIndicators>> ComputeServicesUncachedAsync(IndicatorQuery query, CancellationToken ct)
    {
        var (unitCode, period) = (query.UnitCode!, query.Period);
        var definitions = await DefinitionsAsync(period, ct);
        var byProcedure = await AggregateAsync(query, pair => pair.Procedure, byProcedure: true, ct);
        return byProcedure.Select(p => Evaluate(unitCode, p.Key, period, p.Value, definitions))
            .OrderBy(s => s.ProcedureCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The indicators of a scope month by month over the period (trend charts).</summary>
    public Task<IReadOnlyList<ScopeIndicators>> TrendAsync(IndicatorQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        return CachedAsync(("trend", query), () => TrendUncachedAsync(query, ct));
    }

    private async Task<IReadOnlyList<ScopeIndicators>> TrendUncachedAsync(IndicatorQuery query, CancellationToken ct)
    {
        var result = new List<ScopeIndicators>();
        var definitions = await DefinitionsAsync(query.Period, ct);
        var monthly = query.ProcedureCode is null
            ? (await UnitMonthSumsAsync(query, ct)).GroupBy(s => s.Month).ToDictionary(g => g.Key, g => Totals.Sum(g.Select(s => s.Totals)))
            : await SumRollupsAsync(FineRows(query), query, r => r.Month, ct);
        var catalog = await CatalogAsync(ct);
        var codes = await CodesAsync(query, ct);
        var covered = catalog.Of(codes, query.ProcedureCode, query.Audience);
        foreach (var month in query.Period.EachMonth())
        {
            var period = new Period(month, month);
            var totals = monthly.GetValueOrDefault(month) ?? new Totals();
            if (query.ProcedureCode is null)
            {
                AddUnitFacts(catalog, period.LastDay, query.Audience, codes, _ => totals);
            }
            else
            {
                covered.AddTo(period.LastDay, _ => totals, withDossiers: null);
            }

            // 3.2 needs to know which services had dossiers each month, another grouping per month: trends leave it
            // out (no data) rather than guess.
            totals.OnlineServices = 0;
            result.Add(Evaluate(query.UnitCode, query.ProcedureCode, period, totals, definitions));
        }

        return result;
    }

    /// <summary>The definitions in force on the period's last day: per code, the latest version effective by then.</summary>
    public async Task<IReadOnlyList<IndicatorDefinition>> DefinitionsAsync(Period period, CancellationToken ct)
    {
        var lastDay = period.LastDay;
        var all = await db.Set<IndicatorDefinition>().AsNoTracking().ToListAsync(ct);
        return all.Where(d => d.EffectiveFrom <= lastDay)
            .GroupBy(d => d.Code, StringComparer.Ordinal)
            .Select(g => g.MaxBy(d => d.Version)!)
            .Where(d => Formulas.All.ContainsKey(d.FormulaKey))
            .OrderBy(d => d.DisplayOrder).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
    }

    private ScopeIndicators Evaluate(string? unit, string? procedure, Period period, Totals totals, IReadOnlyList<IndicatorDefinition> definitions)
    {
        var values = definitions.Select(d => Scoring.Evaluate(d, totals, Settings)).ToList();
        return new ScopeIndicators(unit, procedure, period, totals, values, Scoring.Index(values));
    }

    /// <summary>
    /// Rollup sums and catalog facts, summed per <paramref name="keyOf"/> of each unit × procedure, then the catalog in
    /// memory. A question about procedures (<paramref name="byProcedure"/>, or a query naming one) reads the fine
    /// rollups grouped by unit and procedure, which also tell 3.2 which services had dossiers; any other reads the unit
    /// level grouped by unit (<paramref name="keyOf"/> then sees an empty procedure) and the services with dossiers
    /// from <see cref="ServiceMonth"/>: the same sums from rows that do not grow with the ledger.
    /// </summary>
    private async Task<Dictionary<string, Totals>> AggregateAsync(IndicatorQuery query, Func<(string Unit, string Procedure), string> keyOf, bool byProcedure, CancellationToken ct)
    {
        var result = new Dictionary<string, Totals>(StringComparer.Ordinal);
        Totals At((string Unit, string Procedure) pair)
        {
            var key = keyOf(pair);
            if (!result.TryGetValue(key, out var totals))
            {
                result[key] = totals = new Totals();
            }

            return totals;
        }

        var catalog = await CatalogAsync(ct);
        var codes = await CodesAsync(query, ct);
        if (byProcedure || query.ProcedureCode is not null)
        {
            HashSet<(string, string)> withDossiers = [];
            foreach (var (pair, totals) in await PairSumsAsync(query, ct))
            {
                At(pair).Add(totals);
                if (totals.Dossiers > 0)
                {
                    withDossiers.Add(pair);
                }
            }

            catalog.Of(codes, query.ProcedureCode, query.Audience).AddTo(query.Period.LastDay, At, withDossiers);
            return result;
        }

        foreach (var (unit, totals) in await UnitSumsAsync(query, ct))
        {
            At((unit, "")).Add(totals);
        }

        var withDossiersOf = await OnlineServicesWithDossiersAsync(query, ct);
        AddUnitFacts(catalog, query.Period.LastDay, query.Audience, codes, unit =>
        {
            var totals = At((unit, ""));
            totals.OnlineServicesWithDossiers += withDossiersOf.GetValueOrDefault(unit);
            return totals;
        });
        return result;
    }

    /// <summary>Adds the catalog facts of each unit of <paramref name="codes"/> (null: every unit) on the day to <paramref name="at"/>.</summary>
    private static void AddUnitFacts(RegistryCatalog catalog, DateOnly day, AudienceFilter audience, IReadOnlyList<string>? codes, Func<string, Totals> at)
    {
        foreach (var (unit, facts) in catalog.UnitFacts(day, audience))
        {
            if (codes is null || codes.Contains(unit, StringComparer.Ordinal))
            {
                at(unit).Add(facts);
            }
        }
    }

    /// <summary>
    /// The fine rollup sums of each unit × procedure a question about procedures covers, kept like the figures: a
    /// unit's services, or a service and its unit's services, are summed from the same rows. The sums are shared:
    /// callers add them, never change them.
    /// </summary>
    private Task<List<((string Unit, string Procedure) Pair, Totals Totals)>> PairSumsAsync(IndicatorQuery query, CancellationToken ct) =>
        CachedAsync(("pairs", query), async () => (await SumRollupsAsync(FineRows(query), query, r => new { r.UnitCode, r.ProcedureCode }, ct))
            .Select(p => ((p.Key.UnitCode, p.Key.ProcedureCode), p.Value))
            .ToList());

    /// <summary>
    /// The unit-level rollup sums of each unit a question covers, kept like the figures: the nation's figures and its
    /// units' (the dashboard, the rankings) are summed from the same rows. Shared like <see cref="PairSumsAsync"/>.
    /// </summary>
    private Task<List<(string Unit, Totals Totals)>> UnitSumsAsync(IndicatorQuery query, CancellationToken ct) =>
        CachedAsync(("units-level", query), async () => (await UnitMonthSumsAsync(query, ct))
            .GroupBy(s => s.Unit, StringComparer.Ordinal)
            .Select(g => (g.Key, Totals.Sum(g.Select(s => s.Totals))))
            .ToList());

    /// <summary>
    /// The unit-level rollup sums of each unit × month a question covers: summed per unit for the period's figures
    /// (<see cref="UnitSumsAsync"/>) and per month for its trend, so the dashboard, which asks both, reads the period's
    /// rows once. Shared like <see cref="PairSumsAsync"/>.
    /// </summary>
    private Task<List<(string Unit, int Month, Totals Totals)>> UnitMonthSumsAsync(IndicatorQuery query, CancellationToken ct) =>
        CachedAsync(("unit-months", query), async () => (await SumRollupsAsync(db.Set<UnitRollup>(), query, r => new { r.UnitCode, r.Month }, ct))
            .Select(p => (p.Key.UnitCode, p.Key.Month, p.Value))
            .ToList());

    /// <summary>
    /// Per unit, its online services with dossiers in the period (indicator 3.2): those the catalog counts on the
    /// period's last day (online by then, a procedure the unit carries out, of the audience) with a
    /// <see cref="ServiceMonth"/> row of dossiers in scope. Counted by the database, one look-up of the service months'
    /// key per online service, instead of grouping the period's service months into pairs and matching them here: the
    /// work follows the registry's size, not the ledger's. Shared, never changed.
    /// </summary>
    private Task<Dictionary<string, long>> OnlineServicesWithDossiersAsync(IndicatorQuery query, CancellationToken ct) =>
        CachedAsync(("with-dossiers", query), async () =>
        {
            var day = query.Period.LastDay;
            var months = await InScopeAsync(db.Set<ServiceMonth>(), query, ct);
            var procedures = RegistryCatalog.ServedTo(query.Audience) is { } served ? db.Set<Procedure>().Where(served) : db.Set<Procedure>();

            // Procedure.IsCarriedOutBy, as SQL. A count of dossiers never falls below zero, so a row above zero is a sum above zero.
            var counts = await (
                from s in db.Set<OnlineService>()
                join p in procedures on s.ProcedureCode equals p.Code
                join u in db.Set<Unit>() on s.UnitCode equals u.Code
                where s.OnlineSince <= day
                    && (p.Tier == ProcedureTier.Central ? p.ManagingUnitCode == u.Code : u.Kind == UnitKind.Province || u.Kind == UnitKind.City)
                    && months.Any(m => m.UnitCode == s.UnitCode && m.ProcedureCode == s.ProcedureCode && m.Dossiers > 0)
                group s by s.UnitCode into g
                select new { Unit = g.Key, Count = g.LongCount() }).ToListAsync(ct);
            return counts.ToDictionary(c => c.Unit, c => c.Count, StringComparer.Ordinal);
        });

    /// <summary>The applicant type an audience filter keeps; null for both.</summary>
    private static ApplicantType? Applicant(IndicatorQuery query) => query.Audience switch
    {
        AudienceFilter.Citizens => ApplicantType.Citizen,
        AudienceFilter.Businesses => ApplicantType.Business,
        _ => null,
    };

    /// <summary>The fine rollups, of the query's procedure when it names one.</summary>
    private IQueryable<DossierRollup> FineRows(IndicatorQuery query) => query.ProcedureCode is { } procedure
        ? db.Set<DossierRollup>().Where(r => r.ProcedureCode == procedure)
        : db.Set<DossierRollup>();

    /// <summary>The rows of a rollup table in the query's period, units and audience.</summary>
    private async Task<IQueryable<TRow>> InScopeAsync<TRow>(IQueryable<TRow> table, IndicatorQuery query, CancellationToken ct)
        where TRow : class, IMonthlyUnitRow
    {
        var (from, to) = (query.Period.FromMonth, query.Period.ToMonth);
        var rows = table.AsNoTracking().Where(r => r.Month >= from && r.Month <= to);
        var codes = await CodesAsync(query, ct);
        if (codes is [var unit])
        {
            rows = rows.Where(r => r.UnitCode == unit);
        }
        else if (codes is not null)
        {
            rows = rows.Where(r => codes.Contains(r.UnitCode));
        }

        if (Applicant(query) is { } applicant)
        {
            rows = rows.Where(r => r.ApplicantType == applicant);
        }

        return rows;
    }

    /// <summary>The one rollup query, on either level: the period's rows, filtered, summed per <paramref name="key"/>.</summary>
    private async Task<Dictionary<TKey, Totals>> SumRollupsAsync<TRow, TKey>(IQueryable<TRow> level, IndicatorQuery query, System.Linq.Expressions.Expression<Func<TRow, TKey>> key, CancellationToken ct)
        where TRow : RollupRow
        where TKey : notnull
    {
        var rows = await InScopeAsync(level, query, ct);

        var today = VietnamTime.DateOf(time.GetUtcNow());
        var asOf = (today.Year * 10000) + (today.Month * 100) + today.Day;
        var sums = await rows.GroupBy(key).Select(g => new KeyedTotals<TKey>
        {
            Key = g.Key,
            Totals = new Totals
            {
                Dossiers = g.Sum(r => r.Dossiers),
                Received = g.Sum(r => r.Received),
                FinishedEarly = g.Sum(r => r.FinishedEarly),
                FinishedOnTime = g.Sum(r => r.FinishedOnTime),
                FinishedLate = g.Sum(r => r.FinishedLate),
                Pending = g.Sum(r => r.Pending),
                PendingWithinDeadline = g.Sum(r => r.PendingDueDate >= asOf ? r.Pending : 0),
                OnlineRemote = g.Sum(r => r.Channel == DossierChannel.OnlineRemote ? r.Dossiers : 0),
                Online = g.Sum(r => r.Channel == DossierChannel.OnlineRemote || r.Channel == DossierChannel.OnlineAssisted ? r.Dossiers : 0),
                OnlineCounted = g.Sum(r => r.Channel == DossierChannel.OnlineRemote || r.Channel == DossierChannel.OnlineAssisted
                    ? r.Dossiers - r.PaperResult + r.PaperResultWithElectronicResult : 0),
                FeeBearing = g.Sum(r => r.FeeBearing),
                PaidOnline = g.Sum(r => r.PaidOnline),
                PaidOnlineAmount = g.Sum(r => r.PaidOnlineAmount),
                DigitisedComplete = g.Sum(r => r.DigitisedComplete),
                Reused = g.Sum(r => r.Reused),
                DataStore = g.Sum(r => r.DataStore),
                PopulationData = g.Sum(r => r.PopulationData),
                PaperResult = g.Sum(r => r.PaperResult),
                PaperResultWithElectronicResult = g.Sum(r => r.PaperResultWithElectronicResult),
                RatedVerySatisfied = g.Sum(r => r.RatedVerySatisfied),
                RatedSatisfied = g.Sum(r => r.RatedSatisfied),
                RatedNotSatisfied = g.Sum(r => r.RatedNotSatisfied),
                ProcessingMinutes = g.Sum(r => r.ProcessingMinutes),
                ProcessingCount = g.Sum(r => r.ProcessingCount),
                CounterProcessingMinutes = g.Sum(r => r.Channel == DossierChannel.Direct ? r.ProcessingMinutes : 0),
                CounterProcessingCount = g.Sum(r => r.Channel == DossierChannel.Direct ? r.ProcessingCount : 0),
                RemoteProcessingMinutes = g.Sum(r => r.Channel == DossierChannel.OnlineRemote ? r.ProcessingMinutes : 0),
                RemoteProcessingCount = g.Sum(r => r.Channel == DossierChannel.OnlineRemote ? r.ProcessingCount : 0),
                CounterFeeBearing = g.Sum(r => r.Channel == DossierChannel.Direct ? r.FeeBearing : 0),
                CounterFeeAmount = g.Sum(r => r.Channel == DossierChannel.Direct ? r.FeeAmount : 0),
                RemoteFeeBearing = g.Sum(r => r.Channel == DossierChannel.OnlineRemote ? r.FeeBearing : 0),
                RemoteFeeAmount = g.Sum(r => r.Channel == DossierChannel.OnlineRemote ? r.FeeAmount : 0),
                OnlineReceived = g.Sum(r => r.Channel == DossierChannel.OnlineRemote || r.Channel == DossierChannel.OnlineAssisted ? r.Received : 0),
                RemoteReceived = g.Sum(r => r.Channel == DossierChannel.OnlineRemote ? r.Received : 0),
            },
        }).ToListAsync(ct);
        return sums.ToDictionary(s => s.Key, s => s.Totals);
    }

    /// <summary>A group's key and its sums: the one mapping from rollup counters to <see cref="Totals"/>, read by EF as one projection.</summary>
    private sealed class KeyedTotals<TKey>
    {
        public required TKey Key { get; init; }

        public required Totals Totals { get; init; }
    }

    private RegistryCatalog? scopeCatalog;

    /// <summary>The registry's catalog, its stamp looked up once per scope (a request): a dashboard asks for it several times.</summary>
    private async Task<RegistryCatalog> CatalogAsync(CancellationToken ct) => scopeCatalog ??= await registry.CatalogAsync(db, ct);
}
