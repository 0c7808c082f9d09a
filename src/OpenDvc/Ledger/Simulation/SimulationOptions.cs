namespace OpenDvc.Ledger.Simulation;

/// <summary>What <c>opendvc simulate</c> writes: how many records, from which seed, in which format and range.</summary>
public sealed record SimulationOptions
{
    public static readonly DateOnly DefaultFrom = new(2021, 1, 1);
    public static readonly DateOnly DefaultTo = new(2023, 12, 31);

    /// <summary>The simulator spreads dossiers over at least a year, so that every lifecycle fits in the range.</summary>
    public const int MinimumRangeDays = 365;

    /// <summary>Records written (lines of data): new dossiers, their later versions, inter-agency copies, malformed ones.</summary>
    public long Records { get; init; }

    public long Seed { get; init; }

    public SimulationFormat Format { get; init; } = SimulationFormat.Ndjson;

    /// <summary>Share of records that break one contract rule each, 0 to 1.</summary>
    public double MalformedShare { get; init; }

    public DateOnly From { get; init; } = DefaultFrom;

    public DateOnly To { get; init; } = DefaultTo;

    /// <summary>Why these options cannot run, or null.</summary>
    public string? Problem() =>
        Records < 0 ? "the number of dossiers must not be negative"
        : MalformedShare is < 0 or > 1 || double.IsNaN(MalformedShare) ? "the malformed share must be between 0 and 1"
        : To.DayNumber - From.DayNumber < MinimumRangeDays ? $"the range must span at least {MinimumRangeDays} days"
        : null;
}

public enum SimulationFormat
{
    Ndjson = 1,
    Csv = 2,
}

/// <summary>What a simulation wrote, by kind of record.</summary>
public sealed class SimulationSummary
{
    public long Records { get; internal set; }

    /// <summary>Records of dossiers seen for the first time (valid ones).</summary>
    public long NewDossiers { get; internal set; }

    /// <summary>Later versions of a dossier already written (newer <c>ThoiDiemCapNhat</c>).</summary>
    public long Updates { get; internal set; }

    /// <summary>Earlier versions written again after a newer one: a validator's <c>stale</c> records.</summary>
    public long OutOfOrder { get; internal set; }

    public long InterAgencyCopies { get; internal set; }

    public long Malformed { get; internal set; }

    public Dictionary<MalformedKind, long> MalformedByKind { get; } = [];

    public long Bytes { get; internal set; }
}
