namespace OpenDvc.Ledger.Simulation;

/// <summary>
/// One record as the simulator writes it: a dossier's state at one sync, in the sync contract's terms.
/// Mutable and reused (the simulator writes millions without allocating per record); codes are kept as
/// their parts and formatted straight into the output buffer.
/// </summary>
internal sealed class SimulatedDossier
{
    public const int MaxSupplements = 2;
    public const int MaxFees = 2;
    public const int MaxComponents = 4;

    public SimulatedAgency Agency = null!;
    public long Serial;
    public DateOnly CodeDay;

    public SimulatedAgency? OriginalAgency;
    public long OriginalSerial;
    public DateOnly OriginalCodeDay;

    public SimulatedService Service = null!;
    public int ApplicantType;
    public int Channel;
    /// <summary>Where it was submitted, <c>NoiNopHoSo</c>: 1 remote, 2 at the one-stop counter, 0 not sent.</summary>
    public int SubmissionPlace;
    public int Status;

    public DateTime Submitted;
    public DateTime? Received;
    public DateTime? Due;
    public DateTime? Finished;
    public DateTime? Returned;
    public DateTime? Refused;
    public DateTime Updated;

    public int SupplementCount;
    public readonly DateTime[] SupplementRequested = new DateTime[MaxSupplements];
    public readonly DateTime?[] SupplementCompleted = new DateTime?[MaxSupplements];

    public int FeeCount;
    public readonly long[] FeeAmounts = new long[MaxFees];
    public int PaidOnline;
    public int Digitised;
    public int VneidAuthenticated;

    public int ComponentCount;
    public readonly int[] ComponentDigitised = new int[MaxComponents];
    public readonly int[] ComponentReused = new int[MaxComponents];
    public readonly int[] ComponentFromDataStore = new int[MaxComponents];

    public bool HasResult;
    public bool ElectronicResult;

    public int Rating;
    public DateTime? RatedAt;

    /// <summary>The rule this record breaks, or null for a valid record.</summary>
    public MalformedKind? Malformed;

    public SimulatedRole Role;

    public bool IsInterAgencyCopy => OriginalAgency is not null;

    public void CopyFrom(SimulatedDossier other)
    {
        Agency = other.Agency;
        Serial = other.Serial;
        CodeDay = other.CodeDay;
        OriginalAgency = other.OriginalAgency;
        OriginalSerial = other.OriginalSerial;
        OriginalCodeDay = other.OriginalCodeDay;
        Service = other.Service;
        ApplicantType = other.ApplicantType;
        Channel = other.Channel;
        SubmissionPlace = other.SubmissionPlace;
        Status = other.Status;
        Submitted = other.Submitted;
        Received = other.Received;
        Due = other.Due;
        Finished = other.Finished;
        Returned = other.Returned;
        Refused = other.Refused;
        Updated = other.Updated;
        SupplementCount = other.SupplementCount;
        other.SupplementRequested.CopyTo(SupplementRequested, 0);
        other.SupplementCompleted.CopyTo(SupplementCompleted, 0);
        FeeCount = other.FeeCount;
        other.FeeAmounts.CopyTo(FeeAmounts, 0);
        PaidOnline = other.PaidOnline;
        Digitised = other.Digitised;
        VneidAuthenticated = other.VneidAuthenticated;
        ComponentCount = other.ComponentCount;
        other.ComponentDigitised.CopyTo(ComponentDigitised, 0);
        other.ComponentReused.CopyTo(ComponentReused, 0);
        other.ComponentFromDataStore.CopyTo(ComponentFromDataStore, 0);
        HasResult = other.HasResult;
        ElectronicResult = other.ElectronicResult;
        Rating = other.Rating;
        RatedAt = other.RatedAt;
        Malformed = other.Malformed;
        Role = other.Role;
    }

    /// <summary>
    /// Total days the applicant took to complete supplements (CSV <c>SoNgayBoSung</c>): supplements last whole
    /// quarters of a day, so the decimal is exact and the CSV clock equals the NDJSON one.
    /// </summary>
    public decimal SupplementDays()
    {
        var hours = 0.0;
        for (var i = 0; i < SupplementCount; i++)
        {
            if (SupplementCompleted[i] is { } completed)
            {
                hours += (completed - SupplementRequested[i]).TotalHours;
            }
        }

        return (decimal)hours / 24m;
    }

    public long TotalFee()
    {
        long total = 0;
        for (var i = 0; i < FeeCount; i++)
        {
            total += FeeAmounts[i];
        }

        return total;
    }

    public bool AnyComponent(int[] flags)
    {
        for (var i = 0; i < ComponentCount; i++)
        {
            if (flags[i] != 0)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Why a record is in the stream, counted when it is written.</summary>
internal enum SimulatedRole
{
    NewDossier,
    Update,
    OutOfOrder,
    InterAgencyCopy,
    Malformed,
}

/// <summary>A receiving agency of a unit (cơ quan), with its identifier code, pre-encoded for output.</summary>
internal sealed class SimulatedAgency(SimulatedUnit unit, string code)
{
    public SimulatedUnit Unit { get; } = unit;
    public string Code { get; } = code;
    public byte[] Utf8Code { get; } = System.Text.Encoding.UTF8.GetBytes(code);
}

/// <summary>A unit as the simulator uses it: its agencies, its online services and how busy it is.</summary>
internal sealed class SimulatedUnit(string code, string portalHost, double onlineFactor)
{
    public string Code { get; } = code;
    public byte[] Utf8Code { get; } = System.Text.Encoding.UTF8.GetBytes(code);
    public byte[] Utf8ResultPrefix { get; } = System.Text.Encoding.UTF8.GetBytes($"https://{portalHost}/kq/");
    public double OnlineFactor { get; } = onlineFactor;

    /// <summary>The unit's last day (the day before its merger), or null while it goes on.</summary>
    public DateOnly? LastDay { get; init; }
    public List<SimulatedAgency> Agencies { get; } = [];
    public List<SimulatedService> Services { get; } = [];
    public double[] ServiceCumulativeWeights { get; set; } = [];
}

/// <summary>A unit in force over a stretch of the range: the services its dossiers go to and its share of the country's dossiers.</summary>
internal sealed class SimulatedOffer(SimulatedUnit unit, List<SimulatedService> services, double[] serviceCumulativeWeights, double weight)
{
    public SimulatedUnit Unit { get; } = unit;
    public List<SimulatedService> Services { get; } = services;
    public double[] ServiceCumulativeWeights { get; } = serviceCumulativeWeights;
    public double Weight { get; } = weight;
}

/// <summary>A procedure as a unit offers it, with what the simulator needs from the catalog.</summary>
internal sealed class SimulatedService(Registry.Procedures.Procedure procedure)
{
    public Registry.Procedures.Procedure Procedure { get; } = procedure;
    public byte[] Utf8Code { get; } = System.Text.Encoding.UTF8.GetBytes(procedure.Code);
}
