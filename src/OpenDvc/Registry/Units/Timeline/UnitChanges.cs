using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using C = OpenDvc.Registry.Units.Timeline.UnitChangeColumns;

namespace OpenDvc.Registry.Units.Timeline;

/// <summary>
/// Records changes of the registry over time. Changes are checked in order of their day (versions of a day before
/// its mergers), each against the registry as the changes before it leave it, and written in one transaction only
/// when none breaks a rule. Nothing is deleted: a version closes the one before it, a merger ends a code.
/// A code's <see cref="Unit"/> row keeps its whole span (first day, end, successor) and shows the version of today.
/// </summary>
public sealed class UnitChanges(OpenDvcDbContext db, TimeProvider time)
{
    private Dictionary<string, Unit> units = [];
    private Dictionary<string, List<UnitVersion>> versions = [];
    private List<UnitSuccession> successions = [];

    /// <summary>Admins' changes: each on the first day of a month after today (rollups are monthly; history stays as it was).</summary>
    public Task<UnitChangesResult> RecordAsync(IReadOnlyList<UnitChange> changes, bool dryRun, CancellationToken ct) =>
        RecordAsync(changes, dryRun, reference: false, ct);

    /// <summary>The reference timeline shipped with the program, which may lie in the past; throws when it breaks a rule.</summary>
    internal async Task RecordReferenceAsync(IReadOnlyList<UnitChange> changes, CancellationToken ct)
    {
        var result = await RecordAsync(changes, dryRun: false, reference: true, ct);
        if (!result.Succeeded)
        {
            throw new InvalidDataException("units-2025.csv: " + string.Join("; ", result.Violations.Select(v => $"{changes[v.Index].Code}: {v.Violation.Code} {v.Violation.English}")));
        }
    }

    /// <summary>Gives every code without versions one from its row (a database from before the timeline), then today's view to every row.</summary>
    internal async Task PrepareAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        foreach (var unit in units.Values.Where(u => !versions.ContainsKey(u.Code)))
        {
            var version = new UnitVersion
            {
                Code = unit.Code, ValidFrom = unit.ValidFrom, ValidTo = unit.ValidTo, Kind = unit.Kind, Name = unit.Name,
                ShortName = unit.ShortName, Region = unit.Region, FocalPointAgency = unit.FocalPointAgency,
            };
            db.Set<UnitVersion>().Add(version);
            versions[unit.Code] = [version];
        }

        ShowToday();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Brings every unit row to the version in force today; run daily and after every change.</summary>
    public async Task ShowTodayAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        ShowToday();
        await db.SaveChangesAsync(ct);
    }

    private async Task<UnitChangesResult> RecordAsync(IReadOnlyList<UnitChange> changes, bool dryRun, bool reference, CancellationToken ct)
    {
        await LoadAsync(ct);
        var today = Platform.Time.VietnamTime.DateOf(time.GetUtcNow());
        var violations = new List<UnitChangeViolation>();
        var order = Enumerable.Range(0, changes.Count)
            .OrderBy(i => changes[i].Day).ThenBy(i => changes[i].Change == UnitChangeKind.Version ? 0 : 1).ThenBy(i => i).ToList();
        var cycles = Cycles(changes);
        foreach (var i in order)
        {
            var found = Check(changes[i], today, reference, cycles.Contains(i));
            violations.AddRange(found.Select(v => new UnitChangeViolation(i, v)));
            if (found.Count == 0)
            {
                Apply(changes[i]);
            }
        }

        // A successor must be in force on the day once every change of the batch is in place (it may itself end then).
        foreach (var i in order.Where(i => changes[i].Change != UnitChangeKind.Version && !cycles.Contains(i) && violations.All(v => v.Index != i)))
        {
            if (VersionOn(changes[i].Successor!, changes[i].Day) is null)
            {
                violations.Add(new UnitChangeViolation(i, new RuleViolation(C.Successor, Refusal.Of(RegistryCodes.UnitSuccessorNotInForce, changes[i].Successor, changes[i].Day))));
            }
        }

        if (violations.Count > 0 || dryRun)
        {
            var (created, updated) = Counts();
            db.ChangeTracker.Clear();
            return new UnitChangesResult(changes.Count, violations.Count > 0 ? 0 : created, violations.Count > 0 ? 0 : updated, dryRun,
                violations.OrderBy(v => v.Index).ToList());
        }

        ShowToday();
        var (c, u) = Counts();
        await db.SaveChangesAsync(ct);
        return new UnitChangesResult(changes.Count, c, u, false, []);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        units = await db.Set<Unit>().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        versions = (await db.Set<UnitVersion>().ToListAsync(ct)).GroupBy(v => v.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.ValidFrom).ToList(), StringComparer.Ordinal);
        successions = await db.Set<UnitSuccession>().ToListAsync(ct);
    }

    private List<RuleViolation> Check(UnitChange change, DateOnly today, bool reference, bool inCycle)
    {
        var found = new List<RuleViolation>();
        if (change.Day.Day != 1)
        {
            found.Add(new(C.Day, Refusal.Of(RegistryCodes.UnitChangeDay)));
        }

        if (!reference && change.Day <= today)
        {
            found.Add(new(C.Day, Refusal.Of(RegistryCodes.UnitChangePast)));
        }

        var versionsOfCode = versions.GetValueOrDefault(change.Code);
        var unit = units.GetValueOrDefault(change.Code);
        if (change.Change == UnitChangeKind.Version)
        {
            Required(found, C.Kind, change.Kind?.ToString());
            Required(found, C.Name, change.Name);
            Required(found, C.ShortName, change.ShortName);
            if (versionsOfCode is null)
            {
                return found;
            }

            if (unit!.ValidTo < change.Day)
            {
                found.Add(NotInForce(C.Code, change.Code, change.Day));
            }
            else if (versionsOfCode[^1].ValidFrom >= change.Day)
            {
                found.Add(Order(change.Code, versionsOfCode[^1].ValidFrom));
            }

            return found;
        }

        if (unit is null)
        {
            found.Add(new(C.Code, Refusal.Of(PlatformCodes.UnitUnknown, change.Code)));
            return found;
        }

        if (string.IsNullOrWhiteSpace(change.Successor))
        {
            Required(found, C.Successor, null);
            return found;
        }

        if (inCycle)
        {
            found.Add(new(C.Successor, Refusal.Of(RegistryCodes.UnitSuccessorCycle, change.Code)));
        }

        if (change.Change == UnitChangeKind.Merger && unit.SuccessorCode is not null)
        {
            found.Add(new(C.Code, Refusal.Of(RegistryCodes.UnitAbsorbedTwice, change.Code, unit.SuccessorCode)));
        }
        else if (VersionOn(change.Code, change.Day.AddDays(-1)) is null)
        {
            found.Add(NotInForce(C.Code, change.Code, change.Day.AddDays(-1)));
        }
        else if (change.Change == UnitChangeKind.Merger && versionsOfCode![^1].ValidFrom >= change.Day)
        {
            found.Add(Order(change.Code, versionsOfCode[^1].ValidFrom));
        }

        if (successions.Exists(s => s.PredecessorCode == change.Code && s.SuccessorCode == change.Successor))
        {
            found.Add(new(C.Successor, Refusal.Of(RegistryCodes.UnitSuccessionDuplicate, change.Successor, change.Code)));
        }

        return found;
    }

    private static void Required(List<RuleViolation> found, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            found.Add(new(field, Refusal.Of(RegistryCodes.ImportRequired, field)));
        }
    }

    private static RuleViolation NotInForce(string field, string code, DateOnly day) =>
        new(field, Refusal.Of(RegistryCodes.UnitNotInForce, code, day));

    private static RuleViolation Order(string code, DateOnly latest) =>
        new(C.Day, Refusal.Of(RegistryCodes.UnitChangeOrder, code, latest));

    /// <summary>The changes whose successor leads back to their code, through the recorded mergers and the batch's.</summary>
    private HashSet<int> Cycles(IReadOnlyList<UnitChange> changes)
    {
        var next = units.Values.Where(u => u.SuccessorCode is not null).GroupBy(u => u.Code).ToDictionary(g => g.Key, g => new List<string> { g.First().SuccessorCode! });
        foreach (var change in changes.Where(c => c.Change == UnitChangeKind.Merger && c.Successor is not null))
        {
            next.TryAdd(change.Code, []);
            next[change.Code].Add(change.Successor!);
        }

        return Enumerable.Range(0, changes.Count)
            .Where(i => changes[i].Change != UnitChangeKind.Version && changes[i].Successor is { } s && (s == changes[i].Code || (changes[i].Change == UnitChangeKind.Merger && Reaches(next, s, changes[i].Code))))
            .ToHashSet();
    }

    private static bool Reaches(Dictionary<string, List<string>> next, string from, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>([from]);
        while (todo.TryPop(out var code))
        {
            if (code == target)
            {
                return true;
            }

            if (seen.Add(code) && next.TryGetValue(code, out var after))
            {
                after.ForEach(todo.Push);
            }
        }

        return false;
    }

    private void Apply(UnitChange change)
    {
        if (change.Change == UnitChangeKind.Version)
        {
            AddVersion(change);
            return;
        }

        if (change.Change == UnitChangeKind.Merger)
        {
            var unit = units[change.Code];
            unit.ValidTo = change.Day.AddDays(-1);
            unit.SuccessorCode = change.Successor;
            versions[change.Code][^1].ValidTo = unit.ValidTo;
        }

        var succession = new UnitSuccession
        {
            PredecessorCode = change.Code, SuccessorCode = change.Successor!, Day = change.Day,
            Kind = change.Change == UnitChangeKind.Merger ? SuccessionKind.Merger : SuccessionKind.Functions, Note = Clean(change.Note),
        };
        successions.Add(succession);
        db.Set<UnitSuccession>().Add(succession);
    }

    private void AddVersion(UnitChange change)
    {
        var before = versions.GetValueOrDefault(change.Code)?[^1];
        var version = new UnitVersion
        {
            Code = change.Code, ValidFrom = change.Day, ValidTo = before?.ValidTo, Kind = change.Kind!.Value, Name = change.Name!.Trim(),
            ShortName = change.ShortName!.Trim(), Region = Clean(change.Region),
            FocalPointAgency = Clean(change.FocalPointAgency) ?? before?.FocalPointAgency, Note = Clean(change.Note),
        };
        if (before is null)
        {
            var unit = new Unit { Code = change.Code, Name = version.Name, ShortName = version.ShortName, Kind = version.Kind, ValidFrom = change.Day };
            units[change.Code] = unit;
            versions[change.Code] = [];
            db.Set<Unit>().Add(unit);
        }
        else
        {
            before.ValidTo = change.Day.AddDays(-1);
        }

        versions[change.Code].Add(version);
        db.Set<UnitVersion>().Add(version);
    }

    private UnitVersion? VersionOn(string code, DateOnly day) => versions.GetValueOrDefault(code)?.Find(v => v.IsValidOn(day));

    /// <summary>Each row shows today's version; a code not yet begun its first, an ended one its last.</summary>
    private void ShowToday()
    {
        var today = Platform.Time.VietnamTime.DateOf(time.GetUtcNow());
        foreach (var unit in units.Values)
        {
            if (!versions.TryGetValue(unit.Code, out var list))
            {
                continue;
            }

            var shown = list.Find(v => v.IsValidOn(today)) ?? (today < list[0].ValidFrom ? list[0] : list[^1]);
            unit.Kind = shown.Kind;
            unit.Name = shown.Name;
            unit.ShortName = shown.ShortName;
            unit.Region = shown.Region;
            unit.FocalPointAgency = shown.FocalPointAgency;
        }
    }

    private (int Created, int Updated) Counts()
    {
        db.ChangeTracker.DetectChanges();
        var changed = db.ChangeTracker.Entries().Where(e => e.Entity is IAudited).ToList();
        return (changed.Count(e => e.State == EntityState.Added), changed.Count(e => e.State == EntityState.Modified));
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
