using OpenDvc.Indicators.Calculation;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;

namespace OpenDvc.Tests.Indicators;

/// <summary>
/// The oracle: every indicator computed the slow, obvious way from the dossier rows and the catalog, written
/// independently of the rollups and of <see cref="Totals"/>. Keyed by formula key; null is "no data".
/// </summary>
public static class NaiveIndicators
{
    public static Dictionary<string, decimal?> Compute(IEnumerable<Dossier> all, IndicatorData.Registry registry, IndicatorQuery query, int today, int minimumRatings)
    {
        var from = query.Period.FromMonth;
        var to = query.Period.ToMonth;
        var dossiers = all.Where(d => d.OriginalCode == null
                && d.ReceivedMonth >= from && d.ReceivedMonth <= to
                && (query.UnitCode == null || d.UnitCode == query.UnitCode)
                && (query.ProcedureCode == null || d.ProcedureCode == query.ProcedureCode)
                && (query.Audience == AudienceFilter.Both
                    || (query.Audience == AudienceFilter.Citizens && d.ApplicantType == ApplicantType.Citizen)
                    || (query.Audience == AudienceFilter.Businesses && d.ApplicantType == ApplicantType.Business)))
            .ToList();

        bool Has(Dossier d, DossierTraits t) => (d.Flags & t) == t;
        long Count(Func<Dossier, bool> p) => dossiers.LongCount(p);
        var clocked = dossiers.Where(d => d.Clock is ClockBucket.Early or ClockBucket.OnTime or ClockBucket.Late or ClockBucket.Pending).ToList();
        var notLate = clocked.LongCount(d => d.Clock is ClockBucket.Early or ClockBucket.OnTime || (d.Clock == ClockBucket.Pending && d.DueDate >= today));
        var late = clocked.LongCount(d => d.Clock == ClockBucket.Late || (d.Clock == ClockBucket.Pending && d.DueDate < today));
        var rated = dossiers.Where(d => d.Rating is Satisfaction.VerySatisfied or Satisfaction.Satisfied or Satisfaction.NotSatisfied).ToList();
        var finished = dossiers.Where(d => d.ProcessingMinutes is not null).ToList();
        var online = dossiers.Where(d => d.Channel is DossierChannel.OnlineRemote or DossierChannel.OnlineAssisted).ToList();

        // The catalog on the period's last day.
        var day = query.Period.LastDay;
        var procedures = registry.Procedures.Where(p => (query.ProcedureCode == null || p.Code == query.ProcedureCode)
            && (query.Audience == AudienceFilter.Both
                || (query.Audience == AudienceFilter.Citizens && p.Audience != Audience.Businesses)
                || (query.Audience == AudienceFilter.Businesses && p.Audience != Audience.Citizens))).ToList();
        var pairs = (from u in registry.Units
                     where query.UnitCode == null || u.Code == query.UnitCode
                     from p in procedures
                     where p.IsCarriedOutBy(u)
                     let s = registry.Services.SingleOrDefault(s => s.UnitCode == u.Code && s.ProcedureCode == p.Code && s.OnlineSince <= day)
                     select (Unit: u, Procedure: p, Service: s, FullProcess: s is { Level: ServiceLevel.FullProcess } && (s.FullProcessSince == null || s.FullProcessSince <= day)))
            .ToList();
        var usedServices = dossiers.Select(d => (d.UnitCode, d.ProcedureCode)).ToHashSet();

        decimal? Ratio(decimal n, decimal d) => d == 0 ? null : n / d;
        var paperOnline = online.LongCount(d => Has(d, DossierTraits.PaperResult) && !Has(d, DossierTraits.ElectronicResult));

        return new Dictionary<string, decimal?>
        {
            [Formulas.OnTime] = Ratio(notLate, clocked.Count),
            [Formulas.AverageProcessingDays] = Ratio(finished.Sum(d => (long)d.ProcessingMinutes!.Value) / 1440m, finished.Count),
            [Formulas.ProceduresOnline] = Ratio(pairs.Count(p => p.Service != null), pairs.Count),
            [Formulas.ServicesWithDossiers] = Ratio(pairs.Count(p => p.Service != null && usedServices.Contains((p.Unit.Code, p.Procedure.Code))), pairs.Count(p => p.Service != null)),
            [Formulas.OnlineDossiers] = Ratio(online.Count - paperOnline, dossiers.Count),
            [Formulas.FeeProceduresPaidOnline] = Ratio(pairs.Count(p => p.Procedure.Fee > 0 && p.FullProcess), pairs.Count(p => p.Procedure.Fee > 0)),
            [Formulas.DossiersPaidOnline] = Ratio(Count(d => d.Fee > 0 && d.PaidOnline > 0), Count(d => d.Fee > 0)),
            [Formulas.ElectronicResults] = Ratio(Count(d => Has(d, DossierTraits.PaperResult) && Has(d, DossierTraits.ElectronicResult)), Count(d => Has(d, DossierTraits.PaperResult))),
            [Formulas.Digitised] = Ratio(Count(d => Has(d, DossierTraits.Digitised) && (!Has(d, DossierTraits.PaperResult) || Has(d, DossierTraits.ElectronicResult))), dossiers.Count),
            [Formulas.Reused] = Ratio(Count(d => Has(d, DossierTraits.Reused)), dossiers.Count),
            [Formulas.DataStore] = Ratio(Count(d => Has(d, DossierTraits.DataStore)), dossiers.Count),
            [Formulas.PopulationData] = Ratio(Count(d => Has(d, DossierTraits.DataStore) || Has(d, DossierTraits.Vneid)), dossiers.Count),
            [Formulas.NotLateNotDissatisfied] = clocked.Count == 0 || rated.Count == 0
                ? null
                : Math.Max(0m, 1m - (((decimal)late / clocked.Count) + ((decimal)rated.Count(d => d.Rating == Satisfaction.NotSatisfied) / rated.Count))),
            [Formulas.Satisfaction] = rated.Count > 0 && rated.Count < minimumRatings ? null : Ratio(rated.Count(d => d.Rating is Satisfaction.VerySatisfied or Satisfaction.Satisfied), rated.Count),
            [Formulas.FullProcessCoverage] = Ratio(pairs.Count(p => p.FullProcess && p.Procedure.EligibleForFullProcess), pairs.Count(p => p.Procedure.EligibleForFullProcess)),
            [Formulas.Level4Coverage] = Ratio(pairs.Count(p => p.Service?.LegacyLevel == 4 && p.Procedure.EligibleForFullProcess), pairs.Count(p => p.Procedure.EligibleForFullProcess)),
            [Formulas.RemoteOnline] = Ratio(Count(d => d.Channel == DossierChannel.OnlineRemote), dossiers.Count),
        };
    }
}
