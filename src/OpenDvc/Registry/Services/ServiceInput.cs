using System.ComponentModel.DataAnnotations;
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
            yield return new RuleViolation(ServiceColumns.Unit, "OD-UNIT-UNKNOWN",
                $"Không có đơn vị mã '{unitCode}'.", $"No unit with code '{unitCode}'.");
        }

        if (procedure is null)
        {
            yield return new RuleViolation(ServiceColumns.Procedure, "OD-PROCEDURE-UNKNOWN",
                $"Không có thủ tục mã '{procedureCode}'.", $"No procedure with code '{procedureCode}'.");
        }
        else
        {
            if (input.Level == ServiceLevel.FullProcess && !procedure.EligibleForFullProcess)
            {
                yield return new RuleViolation(ServiceColumns.Level, "OD-SERVICE-LEVEL-NOT-ELIGIBLE",
                    $"Thủ tục '{procedureCode}' không đủ điều kiện toàn trình nên không thể cung cấp toàn trình.",
                    $"Procedure '{procedureCode}' is not eligible for full-process service, so it cannot be offered full-process.");
            }

            if (unit is not null && !procedure.IsCarriedOutBy(unit))
            {
                yield return new RuleViolation(ServiceColumns.Procedure, "OD-SERVICE-NOT-UNITS-PROCEDURE",
                    $"Đơn vị '{unitCode}' không thực hiện thủ tục '{procedureCode}' (theo cấp thực hiện và bộ quản lý).",
                    $"Unit '{unitCode}' does not carry out procedure '{procedureCode}' (by its tier and managing ministry).");
            }
        }

        if (input.LegacyLevel is < 1 or > 4)
        {
            yield return new RuleViolation(ServiceColumns.LegacyLevel, "OD-SERVICE-LEGACY-LEVEL",
                "Mức độ cũ (Nghị định 43/2011) phải từ 1 đến 4.", "The legacy level (Decree 43/2011) must be 1 to 4.");
        }

        if (input.FullProcessSince is { } since && since < input.OnlineSince)
        {
            yield return new RuleViolation(ServiceColumns.FullProcessSince, "OD-SERVICE-DATES",
                "Ngày cung cấp toàn trình không thể trước ngày cung cấp trực tuyến.", "Full-process since cannot be before online since.");
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
