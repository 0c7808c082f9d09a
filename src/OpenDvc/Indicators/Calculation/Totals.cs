using System.Linq.Expressions;

namespace OpenDvc.Indicators.Calculation;

/// <summary>
/// The counts every indicator is a ratio of, for one scope (a service, a unit, the nation) and one period: dossier
/// counts summed from the ledger's rollups, catalog counts from the registry as it stood on the period's last day.
/// </summary>
public sealed class Totals
{
    // From the rollups (Ledger/Rollups/DossierRollup.cs); inter-agency copies are never in them.
    /// <summary>Every counted dossier of the scope and period (by received month), whatever its status.</summary>
    public long Dossiers { get; set; }

    /// <summary>Received by the agency: the denominator of the remote online rate.</summary>
    public long Received { get; set; }

    // The clock's verdicts (Decision 766, 2.1): finished before, on or after the due day, or still pending.
    public long FinishedEarly { get; set; }
    public long FinishedOnTime { get; set; }
    public long FinishedLate { get; set; }
    public long Pending { get; set; }

    /// <summary>Pending dossiers whose effective due day is today or later (overdue = <see cref="Pending"/> − this).</summary>
    public long PendingWithinDeadline { get; set; }
    public long OnlineRemote { get; set; }

    /// <summary>Submitted online, remotely or with help at the counter.</summary>
    public long Online { get; set; }

    /// <summary>Decision 766, 3.3 numerator: online dossiers (remote or assisted), those with a paper result only with an electronic result.</summary>
    public long OnlineCounted { get; set; }
    public long FeeBearing { get; set; }
    public long PaidOnline { get; set; }
    public long PaidOnlineAmount { get; set; }
    public long DigitisedComplete { get; set; }
    public long Reused { get; set; }
    public long DataStore { get; set; }
    public long PopulationData { get; set; }
    public long PaperResult { get; set; }
    public long PaperResultWithElectronicResult { get; set; }
    public long RatedVerySatisfied { get; set; }
    public long RatedSatisfied { get; set; }
    public long RatedNotSatisfied { get; set; }
    public long ProcessingMinutes { get; set; }
    public long ProcessingCount { get; set; }

    // By channel, for the time and cost saved (docs/domain.md): counter (direct) against remote online dossiers.
    public long CounterProcessingMinutes { get; set; }
    public long CounterProcessingCount { get; set; }
    public long RemoteProcessingMinutes { get; set; }
    public long RemoteProcessingCount { get; set; }
    public long CounterFeeBearing { get; set; }
    public long CounterFeeAmount { get; set; }
    public long RemoteFeeBearing { get; set; }
    public long RemoteFeeAmount { get; set; }

    // Received by channel, for the figures a unit's monthly report states (Directives compares them).
    /// <summary>Received (NgayTiepNhan present) and submitted online, remotely or with help at the counter.</summary>
    public long OnlineReceived { get; set; }

    /// <summary>Received and submitted online remotely: the remote online rate of an action plan is this ÷ <see cref="Received"/>.</summary>
    public long RemoteReceived { get; set; }

    // From the registry, as of the period's last day.
    /// <summary>Procedures the unit carries out (central ones by their ministry, others by every province).</summary>
    public long Procedures { get; set; }
    public long ProceduresOnline { get; set; }
    public long EligibleProcedures { get; set; }
    public long FullProcessServices { get; set; }
    public long Level4Services { get; set; }
    public long OnlineServices { get; set; }
    public long OnlineServicesWithDossiers { get; set; }
    public long FeeProcedures { get; set; }
    public long FeeProceduresPaidOnline { get; set; }

    public long Finished => FinishedEarly + FinishedOnTime + FinishedLate;

    /// <summary>Dossiers on the clock: finished, or pending.</summary>
    public long Clocked => Finished + Pending;

    public long Overdue => Pending - PendingWithinDeadline;

    public long Rated => RatedVerySatisfied + RatedSatisfied + RatedNotSatisfied;

    public void Add(Totals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        AddEach(this, other);
    }

    /// <summary>
    /// <c>(sum, part) => { sum.Dossiers += part.Dossiers; … }</c> over every settable count, compiled once from the
    /// properties themselves: a count added to this class is summed with no list or slot number to keep in step.
    /// </summary>
    private static readonly Action<Totals, Totals> AddEach = CompileAddEach();

    private static Action<Totals, Totals> CompileAddEach()
    {
        var sum = Expression.Parameter(typeof(Totals), "sum");
        var part = Expression.Parameter(typeof(Totals), "part");
        var adds = typeof(Totals).GetProperties()
            .Where(p => p.PropertyType == typeof(long) && p.CanWrite)
            .Select(p => Expression.AddAssign(Expression.Property(sum, p), Expression.Property(part, p)));
        return Expression.Lambda<Action<Totals, Totals>>(Expression.Block(adds), sum, part).Compile();
    }

    public static Totals Sum(IEnumerable<Totals> parts)
    {
        var sum = new Totals();
        foreach (var part in parts)
        {
            sum.Add(part);
        }

        return sum;
    }
}
