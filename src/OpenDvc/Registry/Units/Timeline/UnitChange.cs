using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Registry.Units.Timeline;

/// <summary>
/// One change of the registry from a day on, as an admin records it before the day comes (page, API or file):
/// <list type="bullet">
/// <item><see cref="UnitChangeKind.Version"/>: the code names this unit from the day (a new unit, a rename, a kind change);</item>
/// <item><see cref="UnitChangeKind.Merger"/>: the code ends the day before and <see cref="Successor"/> takes it over;</item>
/// <item><see cref="UnitChangeKind.Functions"/>: some of the code's functions move to <see cref="Successor"/> (a split of functions).</item>
/// </list>
/// </summary>
public sealed record UnitChange(
    DateOnly Day,
    UnitChangeKind Change,
    [Required, MaxLength(16)] string Code,
    [MaxLength(16)] string? Successor = null,
    UnitKind? Kind = null,
    [MaxLength(256)] string? Name = null,
    [MaxLength(128)] string? ShortName = null,
    [MaxLength(128)] string? Region = null,
    [MaxLength(256)] string? FocalPointAgency = null,
    [MaxLength(512)] string? Note = null);

public enum UnitChangeKind
{
    Version = 1,
    Merger = 2,
    Functions = 3,
}

/// <summary>The changes of one request; all are recorded, or none.</summary>
public sealed record UnitChangesInput([Required] IReadOnlyList<UnitChange> Changes);

/// <summary>A rule the change at <see cref="Index"/> (0-based, in the order given) breaks.</summary>
public sealed record UnitChangeViolation(int Index, RuleViolation Violation);

/// <summary>What recording changes did, or would do on a dry run; nothing at all when <see cref="Violations"/> is not empty.</summary>
public sealed record UnitChangesResult(int Changes, int Created, int Updated, bool DryRun, IReadOnlyList<UnitChangeViolation> Violations)
{
    public bool Succeeded => Violations.Count == 0;
}

/// <summary>The columns of a timeline file, the names the fields of a change have in rule violations.</summary>
public static class UnitChangeColumns
{
    public const string Day = "day";
    public const string Change = "change";
    public const string Code = "code";
    public const string Successor = "successor";
    public const string Kind = "kind";
    public const string Name = "name";
    public const string ShortName = "short_name";
    public const string Region = "region";
    public const string FocalPointAgency = "focal_point_agency";
    public const string Note = "note";

    public static readonly IReadOnlyList<string> All = [Day, Change, Code, Successor, Kind, Name, ShortName, Region, FocalPointAgency, Note];
}
