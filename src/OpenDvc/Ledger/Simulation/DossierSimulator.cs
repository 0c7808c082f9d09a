using OpenDvc.Ledger.Contract;
using OpenDvc.Registry;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Demo;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;

namespace OpenDvc.Ledger.Simulation;

/// <summary>
/// Writes a deterministic stream of dossier sync records of national shape (see <see cref="NationalShape"/>):
/// the same options give the same bytes. Records come in submission order across the range; some dossiers
/// are sent twice (on receipt, then final), a few of those have their earlier version arrive again late, and
/// about 2 % have an inter-agency copy. Memory stays constant: only dossiers awaiting their later version
/// (a bounded window of records) are held.
/// </summary>
public sealed class DossierSimulator
{
    private static readonly DateTime ProgrammeStart = new(2021, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly MalformedKind[] MalformedKinds = Enum.GetValues<MalformedKind>();

    /// <summary>How far (in records) a dossier's later version or copy may trail its first record.</summary>
    private const int MaxUpdateDelay = 5000;

    private readonly SimulationOptions options;
    private readonly Era[] eras;
    private readonly WorkingDayTable workingDays;
    private readonly DateTime rangeStart;
    private readonly DateTime rangeEnd;

    /// <summary>
    /// <paramref name="units"/> carry their spans and successors (<see cref="Unit.ValidFrom"/>, <see cref="Unit.ValidTo"/>,
    /// <see cref="Unit.SuccessorCode"/>): each dossier goes to a unit in force on its received date.
    /// </summary>
    public DossierSimulator(SimulationOptions options, IReadOnlyList<Unit> units, IReadOnlyList<Procedure> procedures,
        IEnumerable<OnlineService> services, WorkingCalendar calendar)
    {
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        this.options = options;
        rangeStart = options.From.ToDateTime(TimeOnly.MinValue);
        rangeEnd = options.To.ToDateTime(new TimeOnly(23, 59, 59));
        workingDays = new WorkingDayTable(calendar, options.From.AddDays(-7), options.To.AddDays(400));
        eras = BuildEras(options, units, BuildUnits(options.Seed, units, procedures, services));
    }

    /// <summary>
    /// A simulator over the units of 2023 and the 2025 reorganisations (the old codes before the days, the new ones
    /// after), the Vietnamese calendar and the demo registry.
    /// </summary>
    public static DossierSimulator ForDemoRegistry(SimulationOptions options)
    {
        var units = ReferenceData.UnitsOverTime();
        var procedures = DemoRegistry.Procedures().ToList();
        return new DossierSimulator(options, units, procedures, DemoRegistry.Services(units, procedures),
            new WorkingCalendar(ReferenceData.VietnamCalendar()));
    }

    /// <summary>
    /// Writes the records to <paramref name="output"/>. <paramref name="progress"/> hears the record count now and
    /// then; <paramref name="malformed"/> hears the kind of each malformed record, in file order.
    /// </summary>
    public SimulationSummary Write(Stream output, Action<long>? progress = null, Action<MalformedKind>? malformed = null,
        CancellationToken cancellationToken = default)
    {
        var run = new Run(this, options.Seed, malformed);
        return run.Write(output, progress, cancellationToken);
    }

    private static Dictionary<string, SimulatedUnit> BuildUnits(long seed, IReadOnlyList<Unit> units, IReadOnlyList<Procedure> procedures, IEnumerable<OnlineService> services)
    {
        var random = new SimulationRandom(seed ^ 0x5EED_0001);
        var byCode = procedures.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var offered = services
            .Where(s => byCode.ContainsKey(s.ProcedureCode))
            .GroupBy(s => s.UnitCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => byCode[s.ProcedureCode]).OrderBy(p => p.Code, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var result = new Dictionary<string, SimulatedUnit>(StringComparer.Ordinal);
        var provinceIndex = 0;
        var ministryIndex = 0;
        foreach (var unit in units.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            var mark = unit.IsProvince ? $"H{++provinceIndex:D2}" : $"G{++ministryIndex:D2}";
            var simulated = new SimulatedUnit(unit.Code, $"dichvucong.{unit.Code.ToLowerInvariant()}.gov.vn", 0.7 + (0.6 * random.NextDouble())) { LastDay = unit.ValidTo };
            result.Add(unit.Code, simulated);
            for (var agency = 0; agency < 6; agency++)
            {
                var code = unit.IsProvince
                    ? $"000.{random.Next(0, 40):D2}.{random.Next(0, 15):D2}.{mark}"
                    : $"000.00.{agency + 1:D2}.{mark}";
                simulated.Agencies.Add(new SimulatedAgency(simulated, code));
            }

            // Only services the unit really offers, and only procedures it carries out (the registry's rule).
            var own = offered.GetValueOrDefault(unit.Code, []).Where(p => p.IsCarriedOutBy(unit)).ToList();
            if (own.Count == 0)
            {
                continue;
            }

            // A few procedures (civil status, residence, social insurance) take most dossiers: Zipf-like weights
            // over a seeded shuffle of the unit's services.
            var order = own.Select(p => (Procedure: p, Key: random.NextUInt64())).OrderBy(x => x.Key).Select(x => x.Procedure).ToList();
            simulated.Services.AddRange(order.Select(p => new SimulatedService(p)));
            simulated.ServiceCumulativeWeights = Zipf(order.Count);
        }

        return result;
    }

    /// <summary>
    /// The stretches of the range over which the same units are in force (the range itself before 2025; from 1/3/2025
    /// and 1/7/2025 the merged codes are gone and their successors carry their weight), each with its units' offers.
    /// </summary>
    private static Era[] BuildEras(SimulationOptions options, IReadOnlyList<Unit> units, Dictionary<string, SimulatedUnit> simulated)
    {
        var byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        return units.SelectMany(u => u.ValidTo is { } last ? [u.ValidFrom, last.AddDays(1)] : new[] { u.ValidFrom })
            .Where(day => day > options.From && day <= options.To).Append(options.From).Distinct().Order()
            .Select(day => BuildEra(day, units, byCode, simulated)).ToArray();
    }

    private static Era BuildEra(DateOnly day, IReadOnlyList<Unit> units, Dictionary<string, Unit> byCode, Dictionary<string, SimulatedUnit> simulated)
    {
        var offers = new List<SimulatedOffer>();
        foreach (var unit in units.Where(u => u.IsValidOn(day)).OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            // The units merged into this one by the day: their dossiers are now its own, and their central procedures
            // are carried out by it (the owner in force), as an absorbed ministry's are by its successor.
            var merged = units.Where(u => !u.IsValidOn(day) && simulated[u.Code].Services.Count > 0 && SuccessorOn(byCode, u.Code, day) == unit.Code).ToList();
            var services = simulated[unit.Code].Services
                .Concat(merged.SelectMany(m => simulated[m.Code].Services.Where(s => s.Procedure.Tier == ProcedureTier.Central)))
                .DistinctBy(s => s.Procedure.Code).ToList();
            if (services.Count > 0)
            {
                var weight = merged.Prepend(unit).Sum(u => NationalShape.UnitWeights.GetValueOrDefault(u.Code, NationalShape.DefaultUnitWeight));
                offers.Add(new SimulatedOffer(simulated[unit.Code], services, Zipf(services.Count), weight));
            }
        }

        return new Era(day, [.. offers], Cumulative(offers.Select(o => o.Weight)));
    }

    /// <summary>The unit in force on the day that carries on the code's work, following its mergers (as <c>UnitTimeline.SuccessorOn</c>).</summary>
    private static string? SuccessorOn(Dictionary<string, Unit> units, string code, DateOnly day)
    {
        for (var (current, steps) = (code, 0); steps <= units.Count && units.TryGetValue(current, out var unit); steps++)
        {
            if (unit.IsValidOn(day))
            {
                return current;
            }

            if (unit.SuccessorCode is null || unit.ValidTo >= day)
            {
                return null;
            }

            current = unit.SuccessorCode;
        }

        return null;
    }

    private Era EraOn(DateOnly day)
    {
        var found = eras[0];
        foreach (var era in eras)
        {
            if (era.From <= day)
            {
                found = era;
            }
        }

        return found;
    }

    /// <summary>A few procedures (civil status, residence, social insurance) take most dossiers: Zipf-like weights by rank.</summary>
    private static double[] Zipf(int count) => Cumulative(Enumerable.Range(0, count).Select(rank => 1.0 / Math.Pow(rank + 1, 0.9)));

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = weights.ToList();
        var cumulative = new double[list.Count];
        var total = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            total += list[i];
            cumulative[i] = total;
        }

        for (var i = 0; i < cumulative.Length; i++)
        {
            cumulative[i] /= total;
        }

        return cumulative;
    }

    /// <summary>From its first day: the units in force, each with the services its dossiers go to, and their cumulative weights.</summary>
    private sealed record Era(DateOnly From, SimulatedOffer[] Offers, double[] Cumulative);

    private static int Pick(double[] cumulative, double u)
    {
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (cumulative[middle] > u)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>One pass over the output: its random stream, pending later versions and counters.</summary>
    private sealed class Run(DossierSimulator simulator, long seed, Action<MalformedKind>? malformedSeen)
    {
        private readonly SimulationRandom random = new(seed);
        private readonly PriorityQueue<SimulatedDossier, long> later = new();
        private readonly Stack<SimulatedDossier> pool = new();
        private readonly SimulationSummary summary = new();
        private long nextSerial = 1;
        private long queued;

        public SimulationSummary Write(Stream output, Action<long>? progress, CancellationToken cancellationToken)
        {
            using IRecordFormat format = simulator.options.Format == SimulationFormat.Csv ? new CsvRecordFormat() : new NdjsonRecordFormat();
            using var buffer = new RecordBuffer();
            format.WriteHeader(buffer);
            var total = simulator.options.Records;
            var share = simulator.options.MalformedShare;
            for (long i = 0; i < total; i++)
            {
                SimulatedDossier record;
                var recycle = true;
                if (Math.Floor((i + 1) * share) > Math.Floor(i * share))
                {
                    record = NewMalformed(i, total);
                }
                else if (later.TryPeek(out var pending, out var due) && due >>> 20 <= i)
                {
                    record = later.Dequeue();
                }
                else
                {
                    record = NewDossier(i, total, out recycle);
                }

                format.Write(record, buffer);
                Count(record);
                if (recycle)
                {
                    pool.Push(record);
                }

                if (buffer.Length >= 1 << 16)
                {
                    summary.Bytes += buffer.Length;
                    buffer.WriteTo(output);
                }

                if ((i & 0xFFFF) == 0xFFFF)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Invoke(i + 1);
                }
            }

            summary.Bytes += buffer.Length;
            buffer.WriteTo(output);
            output.Flush();
            summary.Records = total;
            progress?.Invoke(total);
            return summary;
        }

        private void Count(SimulatedDossier record)
        {
            switch (record.Role)
            {
                case SimulatedRole.NewDossier:
                    summary.NewDossiers++;
                    break;
                case SimulatedRole.Update:
                    summary.Updates++;
                    break;
                case SimulatedRole.OutOfOrder:
                    summary.OutOfOrder++;
                    break;
                case SimulatedRole.InterAgencyCopy:
                    summary.InterAgencyCopies++;
                    break;
                default:
                    malformedSeen?.Invoke(record.Malformed!.Value);
                    summary.Malformed++;
                    summary.MalformedByKind[record.Malformed!.Value] = summary.MalformedByKind.GetValueOrDefault(record.Malformed.Value) + 1;
                    break;
            }
        }

        private SimulatedDossier Rent() => pool.Count > 0 ? pool.Pop() : new SimulatedDossier();

        /// <summary>Queues a record to come <paramref name="delay"/> records later; ties keep their queueing order.</summary>
        private void Enqueue(SimulatedDossier record, long at) => later.Enqueue(record, (at << 20) | (queued++ & 0xFFFFF));

        private SimulatedDossier NewDossier(long index, long total, out bool recycle)
        {
            var final = Rent();
            Lifecycle(final, TimeAt(index, total), simulator.rangeEnd, forceReturned: false);
            final.Role = SimulatedRole.NewDossier;
            if (random.Chance(NationalShape.InterAgencyShare))
            {
                var copy = Rent();
                copy.CopyFrom(final);
                copy.OriginalAgency = final.Agency;
                copy.OriginalSerial = final.Serial;
                copy.OriginalCodeDay = final.CodeDay;
                var unit = final.Agency.Unit;
                copy.Agency = unit.Agencies[random.Next(0, unit.Agencies.Count)];
                copy.Serial = nextSerial++;
                copy.Service = unit.Services.Count == 0 ? final.Service : unit.Services[Pick(unit.ServiceCumulativeWeights, random.NextDouble())];
                copy.Role = SimulatedRole.InterAgencyCopy;
                Enqueue(copy, index + random.Next(1, 500));
            }

            var canUpdate = final.Received is { } received && final.Status is not ((int)DossierStatus.Submitted or (int)DossierStatus.Received) && final.Updated > received.AddMinutes(10);
            if (!canUpdate || !random.Chance(NationalShape.UpdatedShare))
            {
                recycle = true;
                return final;
            }

            // Sent once on receipt, then again in the final state.
            var first = Rent();
            first.CopyFrom(final);
            first.Status = random.Chance(0.5) ? (int)DossierStatus.Received : (int)DossierStatus.Processing;
            first.Finished = null;
            first.Returned = null;
            first.SupplementCount = 0;
            first.HasResult = false;
            first.Rating = 0;
            first.RatedAt = null;
            first.PaidOnline = 0;
            first.Updated = final.Received!.Value.AddMinutes(random.Next(1, 10));
            var finalAt = index + random.Next(200, MaxUpdateDelay);
            final.Role = SimulatedRole.Update;
            Enqueue(final, finalAt);
            if (random.Chance(NationalShape.OutOfOrderShare))
            {
                var stale = Rent();
                stale.CopyFrom(first);
                stale.Role = SimulatedRole.OutOfOrder;
                Enqueue(stale, finalAt + random.Next(1, 2000));
            }

            recycle = true;
            return first;
        }

        private DateTime TimeAt(long index, long total)
        {
            var span = (simulator.rangeEnd - simulator.rangeStart).Ticks;
            var fraction = (index + random.NextDouble()) / Math.Max(total, 1);
            return simulator.rangeStart.AddTicks((long)(span * fraction));
        }

        /// <summary>A valid returned dossier from early in the range with one rule broken.</summary>
        private SimulatedDossier NewMalformed(long index, long total)
        {
            var kind = MalformedKinds[summary.Malformed % MalformedKinds.Length];
            var record = Rent();
            var room = (simulator.rangeEnd - simulator.rangeStart).Ticks - TimeSpan.FromDays(200).Ticks;
            var submitted = simulator.rangeStart.AddTicks((long)(room * ((index + 0.5) / Math.Max(total, 1))));
            Lifecycle(record, submitted, simulator.rangeEnd, forceReturned: true);
            Break(record, kind);
            record.Malformed = kind;
            record.Role = SimulatedRole.Malformed;
            return record;
        }

        private static void Break(SimulatedDossier record, MalformedKind kind)
        {
            var received = record.Received!.Value;
            switch (kind)
            {
                case MalformedKind.BadApplicantType:
                    record.ApplicantType = 3;
                    break;
                case MalformedKind.BadChannel:
                    record.Channel = 7;
                    record.SubmissionPlace = 0;
                    break;
                case MalformedKind.MissingNoiNopHoSoForOnline:
                    record.Channel = 2;
                    record.SubmissionPlace = 0;
                    break;
                case MalformedKind.BadNoiNopHoSo:
                    record.Channel = 2;
                    record.SubmissionPlace = 5;
                    break;
                case MalformedKind.BadStatus:
                    record.Status = (int)DossierStatus.Returned + 1; // one past the contract's last status
                    break;
                case MalformedKind.SubmittedAfterReceived:
                    record.Submitted = received.AddHours(1);
                    break;
                case MalformedKind.FinishedBeforeReceived:
                    record.Finished = received.AddHours(-1);
                    record.Submitted = received.AddHours(-2);
                    break;
                case MalformedKind.ReturnedBeforeFinished:
                    record.Returned = record.Finished!.Value.AddHours(-1);
                    record.Rating = 0;
                    record.RatedAt = null;
                    break;
                case MalformedKind.DueBeforeReceived:
                    record.Due = received.AddDays(-1);
                    break;
                case MalformedKind.FutureTimestamp:
                    record.Updated = SimulatedValues.FarFuture;
                    break;
                case MalformedKind.MissingReceivedDate:
                    record.Received = null;
                    break;
                case MalformedKind.MissingFinishedDate:
                    record.Status = (int)DossierStatus.Processed;
                    record.Finished = null;
                    record.Returned = null;
                    record.Rating = 0;
                    record.RatedAt = null;
                    break;
                case MalformedKind.MissingReturnedDate:
                    record.Returned = null;
                    record.Rating = 0;
                    record.RatedAt = null;
                    break;
                case MalformedKind.NegativeFee:
                    record.FeeCount = Math.Max(record.FeeCount, 1);
                    record.FeeAmounts[0] = -50_000;
                    break;
                case MalformedKind.BadPaymentFlag:
                    record.PaidOnline = 5;
                    break;
                case MalformedKind.BadRating:
                    record.Rating = 4;
                    record.RatedAt = record.Returned!.Value.AddHours(2);
                    break;
                default:
                    // Written differently by the format (syntax, codes, timestamp text): the record stays as it is.
                    break;
            }
        }

        /// <summary>
        /// Fills <paramref name="d"/> with one dossier submitted around <paramref name="around"/>, in its state
        /// at <paramref name="horizon"/> (the end of the range): later events have not happened yet.
        /// </summary>
        private void Lifecycle(SimulatedDossier d, DateTime around, DateTime horizon, bool forceReturned)
        {
            var era = simulator.EraOn(DateOnly.FromDateTime(around));
            var offer = era.Offers[Pick(era.Cumulative, random.NextDouble())];
            var unit = offer.Unit;
            var service = offer.Services[Pick(offer.ServiceCumulativeWeights, random.NextDouble())];
            var procedure = service.Procedure;
            var year = (around - ProgrammeStart).TotalDays / 365.25;
            d.Malformed = null;
            d.OriginalAgency = null;
            d.Agency = unit.Agencies[random.Next(0, unit.Agencies.Count)];
            d.Serial = nextSerial++;
            d.Service = service;
            d.ApplicantType = procedure.Audience switch
            {
                Audience.Citizens => 1,
                Audience.Businesses => 2,
                _ => random.Chance(0.7) ? 1 : 2,
            };

            Channel(d, unit, year);
            var workingDays = simulator.workingDays;
            var day = DateOnly.FromDateTime(around);
            var counterHours = d.Channel != 2 || d.SubmissionPlace == 2;
            if (counterHours)
            {
                day = workingDays.OnOrAfter(day);
                while (day > simulator.options.To)
                {
                    day = day.AddDays(-1);
                }
            }

            d.Submitted = day.ToDateTime(TimeOnly.MinValue).AddMinutes(counterHours ? random.Next(450, 990) : random.Next(360, 1380));
            d.CodeDay = DateOnly.FromDateTime(d.Submitted);
            d.Received = d.Channel switch
            {
                1 => d.Submitted.AddMinutes(random.Next(2, 20)),
                2 when d.SubmissionPlace == 2 => d.Submitted.AddMinutes(random.Next(2, 20)),
                2 => Morning(workingDays.AddWorkingDays(d.CodeDay, random.Next(0, 2) + (workingDays.IsWorkingDay(d.CodeDay) ? 0 : 1)), d.Submitted),
                _ => Morning(workingDays.AddWorkingDays(d.CodeDay, random.Next(1, 4)), d.Submitted),
            };
            if (unit.LastDay < DateOnly.FromDateTime(d.Received.Value))
            {
                // Received after its unit ended (merged between submission and receipt): the dossier is one of a unit
                // in force on its received date, the day the ledger files it under.
                Lifecycle(d, d.Received.Value, horizon, forceReturned);
                return;
            }

            ClearOutcome(d);
            Extras(d, procedure, year);

            if (!forceReturned && random.Chance(NationalShape.RefusedShare))
            {
                d.Received = null;
                d.Refused = d.Submitted.AddHours(random.Next(1, 30));
                d.Status = (int)DossierStatus.Refused;
                Settle(d, horizon, d.Refused.Value);
                return;
            }

            var received = d.Received.Value;
            if (received > horizon)
            {
                d.Received = null;
                d.Status = (int)DossierStatus.Submitted;
                d.Updated = Min(d.Submitted.AddMinutes(1), horizon);
                return;
            }

            d.Due = DueDate(procedure, received);
            var due = d.Due.Value;
            var allowed = due - received;

            // Supplements: the applicant's time is not the agency's, so finishing moves by it.
            var supplements = random.NextDouble() switch
            {
                < NationalShape.TwoSupplementsShare => 2,
                < NationalShape.TwoSupplementsShare + NationalShape.OneSupplementShare => 1,
                _ => 0,
            };
            var applicantTime = TimeSpan.Zero;
            var cursor = received;
            for (var i = 0; i < supplements; i++)
            {
                var requested = cursor + (allowed * (0.1 + (0.2 * random.NextDouble())));
                var completed = requested.AddHours(6 * random.Next(3, 20));
                d.SupplementRequested[i] = requested;
                d.SupplementCompleted[i] = completed;
                d.SupplementCount = i + 1;
                applicantTime += completed - requested;
                cursor = completed;
            }

            var stopped = forceReturned ? 1.0 : random.NextDouble();
            if (stopped < NationalShape.WithdrawnShare + NationalShape.StoppedShare)
            {
                var at = cursor.AddDays(random.Next(1, 6));
                d.Status = stopped < NationalShape.WithdrawnShare ? (int)DossierStatus.Withdrawn : (int)DossierStatus.Stopped;
                Settle(d, horizon, at);
                return;
            }

            var finished = random.Chance(NationalShape.LateShare)
                ? due + applicantTime + TimeSpan.FromHours(random.Next(24, 240))
                : received + (allowed * (0.95 * Math.Pow(random.NextDouble(), 1.3))) + applicantTime + TimeSpan.FromMinutes(10);
            var returned = finished.AddHours(random.Next(1, 72));
            d.Finished = finished;
            d.Returned = returned;
            d.Status = (int)DossierStatus.Returned;
            d.HasResult = true;
            d.ElectronicResult = !procedure.HasPaperResult ? random.Chance(0.9) : random.Chance(NationalShape.ElectronicResultShare(year));
            if (random.Chance(NationalShape.RatedShare))
            {
                var level = random.NextDouble();
                d.Rating = level < NationalShape.VerySatisfiedShare ? 1 : level < NationalShape.VerySatisfiedShare + NationalShape.SatisfiedShare ? 2 : 3;
                d.RatedAt = returned.AddHours(random.Next(1, 48));
            }

            if (!forceReturned && random.Chance(0.04))
            {
                // Processed, result not yet handed over.
                d.Status = (int)DossierStatus.Processed;
                d.Returned = null;
                d.Rating = 0;
                d.RatedAt = null;
            }

            Settle(d, horizon, d.RatedAt ?? d.Returned ?? finished);
        }

        /// <summary>Cuts the dossier back to its state at the horizon: later events have not happened yet.</summary>
        private void Settle(SimulatedDossier d, DateTime horizon, DateTime lastEvent)
        {
            if (lastEvent <= horizon)
            {
                d.Updated = Min(lastEvent.AddMinutes(random.Next(1, 30)), horizon);
                return;
            }

            if (d.RatedAt > horizon)
            {
                d.Rating = 0;
                d.RatedAt = null;
            }

            if (d.Status == (int)DossierStatus.Returned && d.Returned > horizon && d.Finished <= horizon)
            {
                d.Status = (int)DossierStatus.Processed;
                d.Returned = null;
                d.Updated = Min(d.Finished.Value.AddMinutes(random.Next(1, 30)), horizon);
                return;
            }

            if (d.Status == (int)DossierStatus.Refused)
            {
                d.Status = (int)DossierStatus.Submitted;
                d.Refused = null;
                d.Updated = Min(d.Submitted.AddMinutes(1), horizon);
                return;
            }

            // Still in the agency's hands.
            d.Finished = null;
            d.Returned = null;
            d.HasResult = false;
            d.Status = (int)DossierStatus.Processing;
            var last = d.Received!.Value;
            var kept = 0;
            for (var i = 0; i < d.SupplementCount && d.SupplementRequested[i] <= horizon; i++)
            {
                kept = i + 1;
                last = d.SupplementRequested[i];
                if (d.SupplementCompleted[i] is { } completed && completed <= horizon)
                {
                    last = completed;
                }
                else
                {
                    d.SupplementCompleted[i] = null;
                    d.Status = (int)DossierStatus.SupplementRequested;
                }
            }

            d.SupplementCount = kept;
            if (d.Status == (int)DossierStatus.Processing && random.Chance(0.03))
            {
                d.Status = (int)DossierStatus.AwaitingFinancialObligation;
            }
            else if (d.Status == (int)DossierStatus.Processing && horizon - last < TimeSpan.FromDays(1))
            {
                d.Status = (int)DossierStatus.Received;
            }

            d.Updated = Min(last.AddMinutes(random.Next(1, 30)), horizon);
        }

        private void Channel(SimulatedDossier d, SimulatedUnit unit, double year)
        {
            var remote = NationalShape.RemoteOnlineShare(year) * unit.OnlineFactor;
            var assisted = NationalShape.AssistedOnlineShare(year);
            var draw = random.NextDouble();
            (d.Channel, d.SubmissionPlace) = draw switch
            {
                _ when draw < remote => (2, 1),
                _ when draw < remote + assisted => (2, 2),
                _ when draw < remote + assisted + NationalShape.PostalShare => (3, 0),
                _ => (1, 0),
            };
        }

        private void Extras(SimulatedDossier d, Procedure procedure, double year)
        {
            var online = d.Channel == 2;
            d.FeeCount = 0;
            d.PaidOnline = 0;
            if (procedure.Fee > 0)
            {
                d.FeeCount = random.Chance(0.2) ? 2 : 1;
                d.FeeAmounts[0] = procedure.Fee;
                d.FeeAmounts[1] = procedure.Fee / 2;
                if (online && random.Chance(NationalShape.OnlinePaymentShare(year)))
                {
                    d.PaidOnline = random.Chance(0.6) ? 1 : 2;
                }
            }

            d.Digitised = random.Chance(NationalShape.DigitisedShare(year)) ? 1 : 0;
            d.VneidAuthenticated = online && random.Chance(NationalShape.VneidShare(year)) ? 1 : 0;
            d.ComponentCount = random.Next(1, SimulatedDossier.MaxComponents + 1);
            var reused = d.Digitised == 1 && random.Chance(NationalShape.ReusedShare(year) / NationalShape.DigitisedShare(year));
            var fromStore = online && random.Chance(NationalShape.DataStoreShare(year));
            for (var i = 0; i < d.ComponentCount; i++)
            {
                d.ComponentDigitised[i] = d.Digitised == 1 && (i == 0 || random.Chance(0.5)) ? 1 : 0;
                d.ComponentReused[i] = reused && i == 0 ? 1 : 0;
                d.ComponentFromDataStore[i] = fromStore && i == 0 ? 1 : 0;
            }
        }

        private static void ClearOutcome(SimulatedDossier d)
        {
            d.Due = null;
            d.Finished = null;
            d.Returned = null;
            d.Refused = null;
            d.SupplementCount = 0;
            d.HasResult = false;
            d.ElectronicResult = false;
            d.Rating = 0;
            d.RatedAt = null;
        }

        /// <summary>The due date on the receipt: statutory time from the received moment, working days by the calendar.</summary>
        private DateTime DueDate(Procedure procedure, DateTime received)
        {
            var day = DateOnly.FromDateTime(received);
            var closing = new TimeOnly(17, 0);
            return procedure.TimeUnit switch
            {
                ProcessingTimeUnit.Hours => received.AddHours(procedure.StatutoryTime),
                ProcessingTimeUnit.Days => day.AddDays(procedure.StatutoryTime).ToDateTime(closing),
                ProcessingTimeUnit.Months => day.AddMonths(procedure.StatutoryTime).ToDateTime(closing),
                _ => simulator.workingDays.AddWorkingDays(day, procedure.StatutoryTime).ToDateTime(closing),
            };
        }

        /// <summary>Some time in office hours on <paramref name="day"/>, never before <paramref name="notBefore"/>.</summary>
        private DateTime Morning(DateOnly day, DateTime notBefore)
        {
            var at = day.ToDateTime(TimeOnly.MinValue).AddMinutes(random.Next(450, 960));
            return at > notBefore ? at : notBefore.AddMinutes(random.Next(5, 120));
        }

        private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    }
}
