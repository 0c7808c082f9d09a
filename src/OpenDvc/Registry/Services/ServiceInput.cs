using System.ComponentModel.DataAnnotations;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;

namespace OpenDvc.Registry.Services;

/// <summary>An online service as an admin or the unit's focal point writes it; unit and procedure come from the route or file.</summary>
public sealed record ServiceInput(
    ServiceLevel Level,
    [Range(1, 4)] int? LegacyLevel,
    DateOnly OnlineSince,
    DateOnly? FullProcessSince)
{
    public void ApplyTo(OnlineService s)
    {
        s.Level = Level;
        s.LegacyLevel = LegacyLevel;
        s.OnlineSince = OnlineSince;
        s.FullProcessSince = FullProcessSince;
    }
}

/// <summary>The registry's rules for an online service (Decree 42/2022 art. 11 for the level).</summary>
public static class ServiceRules
{
    public static IEnumerable<RuleViolation> Check(string unitCode, string procedureCode, ServiceInput input, Unit? unit, Procedure? procedure)
    {
        if (unit is null)
        {
            yield return new RuleViolation(ServiceColumns.Unit, Refusal.Of(PlatformCodes.UnitUnknown, unitCode));
        }

        if (procedure is null)
        {
            yield return new RuleViolation(ServiceColumns.Procedure, Refusal.Of(RegistryCodes.ProcedureUnknown, procedureCode));
        }
        else
        {
            if (input.Level == ServiceLevel.FullProcess && !procedure.EligibleForFullProcess)
            {
                yield return new RuleViolation(ServiceColumns.Level, Refusal.Of(RegistryCodes.ServiceLevelNotEligible, procedureCode));
            }

            if (unit is not null && !procedure.IsCarriedOutBy(unit))
            {
                yield return new RuleViolation(ServiceColumns.Procedure, Refusal.Of(RegistryCodes.ServiceNotUnitsProcedure, unitCode, procedureCode));
            }
        }

        if (input.LegacyLevel is < 1 or > 4)
        {
            yield return new RuleViolation(ServiceColumns.LegacyLevel, Refusal.Of(RegistryCodes.ServiceLegacyLevel));
        }

        if (input.FullProcessSince is { } since && since < input.OnlineSince)
        {
            yield return new RuleViolation(ServiceColumns.FullProcessSince, Refusal.Of(RegistryCodes.ServiceDates));
        }
    }
}

/// <summary>Column names of the services file: import and export use the same ones.</summary>
public static class ServiceColumns
{
    public const string Unit = "unit";
    public const string Procedure = "procedure";
    public const string Level = "level";
    public const string LegacyLevel = "legacy_level";
    public const string OnlineSince = "online_since";
    public const string FullProcessSince = "full_process_since";
}
