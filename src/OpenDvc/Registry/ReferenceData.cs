using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Units;

namespace OpenDvc.Registry;

/// <summary>
/// Master data every installation needs, loaded once into an empty database: the 86 units of 2023 and
/// Vietnam's working-day calendar 2021–2026. Both ship inside the program, never read from outside it.
/// </summary>
public static class ReferenceData
{
    /// <summary>The day the 2023 unit list is taken to be valid from; earlier data keeps these units too.</summary>
    public static readonly DateOnly UnitsValidFrom = new(2008, 8, 1);

    public static async Task LoadIfEmptyAsync(OpenDvcDbContext db, CancellationToken cancellationToken = default)
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
    }

    public static IEnumerable<Unit> Units2023() =>
        ReadEmbeddedCsv("OpenDvc.units-2023.csv").Select(r => new Unit
        {
            Code = r[0],
            Kind = r[1] switch
            {
                "ministry" => UnitKind.Ministry,
                "ministry_level" => UnitKind.MinistryLevel,
                "government_agency" => UnitKind.GovernmentAgency,
                "city" => UnitKind.City,
                "province" => UnitKind.Province,
                _ => throw new InvalidDataException($"units-2023.csv: unknown kind '{r[1]}'"),
            },
            Name = r[2],
            ShortName = r[3],
            Region = string.IsNullOrWhiteSpace(r[4]) ? null : r[4],
            ValidFrom = UnitsValidFrom,
        });

    public static IEnumerable<CalendarDay> VietnamCalendar() =>
        ReadEmbeddedCsv("OpenDvc.vietnam-calendar.csv").Select(r => new CalendarDay
        {
            Date = DateOnly.ParseExact(r[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Kind = r[1] == "make_up_working_day" ? CalendarDayKind.MakeUpWorkingDay : CalendarDayKind.DayOff,
            Name = r[2],
        });

    private static List<string[]> ReadEmbeddedCsv(string name)
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return Csv.ReadRecords(reader).Skip(1).Where(r => r.Length > 1).ToList();
    }
}
