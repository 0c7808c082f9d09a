namespace OpenDvc.Indicators.Calculation;

/// <summary>
/// The counts every indicator is a ratio of, for one scope (a service, a unit, the nation) and one period: dossier
/// counts summed from the ledger's rollups, catalog counts from the registry as it stood on the period's last day.
/// </summary>
public sealed class Totals
{
    private const int Count = 43;

    /// <summary>Every count in one array, so sums over thousands of parts are a tight loop.</summary>
    private readonly long[] values = new long[Count];

    // From the rollups (Ledger/Rollups/DossierRollup.cs); inter-agency copies are never in them.
    public long Dossiers { get => values[0]; set => values[0] = value; }
    public long Received { get => values[1]; set => values[1] = value; }
    public long FinishedEarly { get => values[2]; set => values[2] = value; }
    public long FinishedOnTime { get => values[3]; set => values[3] = value; }
    public long FinishedLate { get => values[4]; set => values[4] = value; }
    public long Pending { get => values[5]; set => values[5] = value; }

    /// <summary>Pending dossiers whose effective due day is today or later (overdue = <see cref="Pending"/> − this).</summary>
    public long PendingWithinDeadline { get => values[6]; set => values[6] = value; }
    public long OnlineRemote { get => values[7]; set => values[7] = value; }

    /// <summary>Submitted online, remotely or with help at the counter.</summary>
    public long Online { get => values[8]; set => values[8] = value; }

    /// <summary>Decision 766, 3.3 numerator: online dossiers (remote or assisted), those with a paper result only with an electronic result.</summary>
    public long OnlineCounted { get => values[9]; set => values[9] = value; }
    public long FeeBearing { get => values[10]; set => values[10] = value; }
    public long PaidOnline { get => values[11]; set => values[11] = value; }
    public long PaidOnlineAmount { get => values[12]; set => values[12] = value; }
    public long DigitisedComplete { get => values[13]; set => values[13] = value; }
    public long Reused { get => values[14]; set => values[14] = value; }
    public long DataStore { get => values[15]; set => values[15] = value; }
    public long PopulationData { get => values[16]; set => values[16] = value; }
    public long PaperResult { get => values[17]; set => values[17] = value; }
    public long PaperResultWithElectronicResult { get => values[18]; set => values[18] = value; }
    public long RatedVerySatisfied { get => values[19]; set => values[19] = value; }
    public long RatedSatisfied { get => values[20]; set => values[20] = value; }
    public long RatedNotSatisfied { get => values[21]; set => values[21] = value; }
    public long ProcessingMinutes { get => values[22]; set => values[22] = value; }
    public long ProcessingCount { get => values[23]; set => values[23] = value; }

    // By channel, for the time and cost saved (docs/domain.md): counter (direct) against remote online dossiers.
    public long CounterProcessingMinutes { get => values[33]; set => values[33] = value; }
    public long CounterProcessingCount { get => values[34]; set => values[34] = value; }
    public long RemoteProcessingMinutes { get => values[35]; set => values[35] = value; }
    public long RemoteProcessingCount { get => values[36]; set => values[36] = value; }
    public long CounterFeeBearing { get => values[37]; set => values[37] = value; }
    public long CounterFeeAmount { get => values[38]; set => values[38] = value; }
    public long RemoteFeeBearing { get => values[39]; set => values[39] = value; }
    public long RemoteFeeAmount { get => values[40]; set => values[40] = value; }

    // Received by channel, for the figures a unit's monthly report states (Directives compares them).
    /// <summary>Received (NgayTiepNhan present) and submitted online, remotely or with help at the counter.</summary>
    public long OnlineReceived { get => values[41]; set => values[41] = value; }

    /// <summary>Received and submitted online remotely: the remote online rate of an action plan is this ÷ <see cref="Received"/>.</summary>
    public long RemoteReceived { get => values[42]; set => values[42] = value; }

    // From the registry, as of the period's last day.
    /// <summary>Procedures the unit carries out (central ones by their ministry, others by every province).</summary>
    public long Procedures { get => values[24]; set => values[24] = value; }
    public long ProceduresOnline { get => values[25]; set => values[25] = value; }
    public long EligibleProcedures { get => values[26]; set => values[26] = value; }
    public long FullProcessServices { get => values[27]; set => values[27] = value; }
    public long Level4Services { get => values[28]; set => values[28] = value; }
    public long OnlineServices { get => values[29]; set => values[29] = value; }
    public long OnlineServicesWithDossiers { get => values[30]; set => values[30] = value; }
    public long FeeProcedures { get => values[31]; set => values[31] = value; }
    public long FeeProceduresPaidOnline { get => values[32]; set => values[32] = value; }

    public long Finished => FinishedEarly + FinishedOnTime + FinishedLate;

    /// <summary>Dossiers on the clock: finished, or pending.</summary>
    public long Clocked => Finished + Pending;

    public long Overdue => Pending - PendingWithinDeadline;

    public long Rated => RatedVerySatisfied + RatedSatisfied + RatedNotSatisfied;

    public void Add(Totals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < Count; i++)
        {
            values[i] += other.values[i];
        }
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
