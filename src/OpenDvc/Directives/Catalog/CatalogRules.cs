using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;

namespace OpenDvc.Directives.Catalog;

/// <summary>The catalog file's columns: the unit, the procedure (its name for the reader), the status and the reason.</summary>
public static class CatalogColumns
{
    public const string Unit = "unit";
    public const string Procedure = "procedure";
    public const string Name = "name";
    public const string Status = "status";
    public const string Reason = "reason";

    public static readonly IReadOnlyList<string> All = [Unit, Procedure, Name, Status, Reason];
}

/// <summary>
/// What a catalog row must satisfy, against the registry: the procedure exists and the unit carries it out
/// (central procedures their ministry, the others every province), a reason when not full-process, and no
/// procedure marked below full-process that some unit already offers full-process (the registry's own rule).
/// </summary>
public sealed class CatalogRules(Unit unit, IReadOnlyDictionary<string, Procedure> procedures, IReadOnlySet<string> offeredFullProcess)
{
    public Unit Unit => unit;

    /// <summary>The unit's procedures, in code order: what a complete catalog covers.</summary>
    public IEnumerable<Procedure> UnitProcedures => procedures.Values.Where(p => p.IsCarriedOutBy(unit)).OrderBy(p => p.Code, StringComparer.Ordinal);

    public IEnumerable<RuleViolation> Check(CatalogEntry entry)
    {
        if (!procedures.TryGetValue(entry.Procedure, out var procedure))
        {
            yield return new RuleViolation(CatalogColumns.Procedure, Refusal.Of(RegistryCodes.ProcedureUnknown, entry.Procedure));
        }
        else if (!procedure.IsCarriedOutBy(unit))
        {
            yield return new RuleViolation(CatalogColumns.Procedure, Refusal.Of(RegistryCodes.ServiceNotUnitsProcedure, unit.Code, entry.Procedure));
        }

        if (entry.Status != CatalogStatus.FullProcess && string.IsNullOrWhiteSpace(entry.Reason))
        {
            yield return new RuleViolation(CatalogColumns.Reason, Refusal.Of(RegistryCodes.ProcedureReasonRequired));
        }

        if (entry.Status != CatalogStatus.FullProcess && offeredFullProcess.Contains(entry.Procedure))
        {
            yield return new RuleViolation(CatalogColumns.Status, Refusal.Of(RegistryCodes.ServiceLevelNotEligible, entry.Procedure).Saying("Catalog"));
        }
    }

    /// <summary>Every row's violations (field prefixed by its position) and the unit's procedures the catalog leaves out.</summary>
    public IReadOnlyList<RuleViolation> CheckAll(IReadOnlyList<CatalogEntry> entries)
    {
        var violations = new List<RuleViolation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            violations.AddRange(Check(entries[i]).Select(v => v with { Field = $"catalog[{i}].{v.Field}" }));
            if (!seen.Add(entries[i].Procedure))
            {
                violations.Add(new RuleViolation($"catalog[{i}].{CatalogColumns.Procedure}", Refusal.Of(RegistryCodes.ImportDuplicate, entries[i].Procedure).Saying("Procedure")));
            }
        }

        var missing = UnitProcedures.Select(p => p.Code).Where(c => !seen.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            violations.Add(new RuleViolation("catalog", Refusal.Of(DirectiveCodes.CatalogIncomplete, missing.Count, string.Join(", ", missing.Take(5)))));
        }

        return violations;
    }
}
