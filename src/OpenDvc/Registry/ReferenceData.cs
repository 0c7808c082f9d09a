using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Registry;

/// <summary>
/// Master data every installation needs: the 86 units of 2023 and Vietnam's working-day calendar 2021–2026, loaded
/// once into an empty database, and the 2025 reorganisations (units-2025.csv), recorded into new and existing
/// databases alike at every start unless already there. All ship inside the program, never read from outside it.
/// </summary>
public static class ReferenceData
{
    /// <summary>The day the 2023 unit list is taken to be valid from; earlier data keeps these units too.</summary>
    public static readonly DateOnly UnitsValidFrom = new(2008, 8, 1);

    public static async Task LoadAsync(OpenDvcDbContext db, UnitChanges changes, CancellationToken cancellationToken = default)
    {
        if (!await db.Set<Unit>().AnyAsync(cancellationToken))
        {
            db.Set<Unit>().AddRange(Units2023());
        }

        if (!await db.Set<CalendarDay>().AnyAsync(cancellationToken))
        {
            db.Set<CalendarDay>().AddRange(VietnamCalendar());
        }

        await db.SaveChangesAsync(cancellationToken);
        await changes.PrepareAsync(cancellationToken);
        var versions = await db.Set<UnitVersion>().AsNoTracking().ToListAsync(cancellationToken);
        var successions = await db.Set<UnitSuccession>().AsNoTracking().ToListAsync(cancellationToken);
        var missing = Timeline2025(new UnitTimeline(versions, successions)).ToList();
        if (missing.Count > 0)
        {
            await changes.RecordReferenceAsync(missing, cancellationToken);
        }
    }

    /// <summary>
    /// The changes units-2025.csv describes that the timeline does not hold yet. A row with a day is a version of its
    /// code from that day, unless the code already names the same unit then (BTC only absorbs BKHDT); each code it
    /// absorbs is a merger into it on that day.
    /// </summary>
    public static IEnumerable<UnitChange> Timeline2025(UnitTimeline timeline)
    {
        foreach (var r in ReadEmbeddedCsv("OpenDvc.units-2025.csv").Where(r => r[5].Length > 0))
        {
            var day = DateOnly.ParseExact(r[5], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var change = new UnitChange(day, UnitChangeKind.Version, r[0], null, ParseKind(r[1]), r[2], r[3], NullIfEmpty(r[4]), Note: NullIfEmpty(r[7]));
            var before = timeline.VersionOn(r[0], day.AddDays(-1));
            var same = before is not null && before.Kind == change.Kind && before.Name == change.Name && before.ShortName == change.ShortName;
            if (!same && !timeline.VersionsOf(r[0]).Any(v => v.ValidFrom == day))
            {
                yield return change;
            }

            foreach (var absorbed in r[6].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!timeline.SuccessorsOf(absorbed).Any(s => s.SuccessorCode == r[0] && s.Kind == SuccessionKind.Merger))
                {
                    yield return new UnitChange(day, UnitChangeKind.Merger, absorbed, r[0]);
                }
            }
        }
    }

    /// <summary>
    /// The units as the registry holds them once the reference timeline is recorded, without a database: the 86 units
    /// of 2023 and the codes the 2025 reorganisations add, each with its span and successor (what the simulator needs
    /// to sync the old codes before the days and the new ones after). Names and kinds are each code's first.
    /// </summary>
    public static IReadOnlyList<Unit> UnitsOverTime()
    {
        var units = Units2023().ToDictionary(u => u.Code, StringComparer.Ordinal);
        var versions = units.Values.Select(u => new UnitVersion { Code = u.Code, ValidFrom = u.ValidFrom, Kind = u.Kind, Name = u.Name, ShortName = u.ShortName });
        foreach (var change in Timeline2025(new UnitTimeline(versions, [])))
        {
            if (change.Change == UnitChangeKind.Merger)
            {
                units[change.Code].ValidTo = change.Day.AddDays(-1);
                units[change.Code].SuccessorCode = change.Successor;
            }
            else if (!units.ContainsKey(change.Code))
            {
                units[change.Code] = new Unit
                {
                    Code = change.Code, Kind = change.Kind!.Value, Name = change.Name!, ShortName = change.ShortName!, Region = change.Region, ValidFrom = change.Day,
                };
            }
        }

        return units.Values.OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
    }

    public static IEnumerable<Unit> Units2023() =>
        ReadEmbeddedCsv("OpenDvc.units-2023.csv").Select(r => new Unit
        {
            Code = r[0],
            Kind = ParseKind(r[1]),
            Name = r[2],
            ShortName = r[3],
            Region = NullIfEmpty(r[4]),
            ValidFrom = UnitsValidFrom,
        });

    private static UnitKind ParseKind(string kind) => kind switch
    {
        "ministry" => UnitKind.Ministry,
        "ministry_level" => UnitKind.MinistryLevel,
        "government_agency" => UnitKind.GovernmentAgency,
        "city" => UnitKind.City,
        "province" => UnitKind.Province,
        _ => throw new InvalidDataException($"unit reference data: unknown kind '{kind}'"),
    };

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public static IEnumerable<CalendarDay> VietnamCalendar() =>
        ReadEmbeddedCsv("OpenDvc.vietnam-calendar.csv").Select(r => new CalendarDay
        {
            Date = DateOnly.ParseExact(r[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Kind = r[1] == "make_up_working_day" ? CalendarDayKind.MakeUpWorkingDay : CalendarDayKind.DayOff,
            Name = r[2],
        });

    /// <summary>The rows of an embedded CSV file (reference data kept in the repository), without its header.</summary>
    internal static List<string[]> ReadEmbeddedCsv(string name)
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return Csv.ReadRecords(reader).Skip(1).Where(r => r.Length > 1).ToList();
    }
}
