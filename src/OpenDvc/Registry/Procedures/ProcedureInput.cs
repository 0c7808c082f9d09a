using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Registry.Procedures;

/// <summary>A procedure as an admin writes it (API body, edit form, one imported row); the code comes from the route or file.</summary>
public sealed record ProcedureInput(
    [Required, MaxLength(512)] string Name,
    [Required, MaxLength(128)] string Field,
    Audience Audience,
    ProcedureTier Tier,
    [Required, MaxLength(16)] string ManagingUnitCode,
    [Range(0, 100_000)] int StatutoryTime,
    ProcessingTimeUnit TimeUnit,
    [Range(0, long.MaxValue)] long Fee,
    bool HasPaperResult,
    bool EligibleForFullProcess,
    [MaxLength(512)] string? IneligibleReason)
{
    public static ProcedureInput From(Procedure p) => new(
        p.Name, p.Field, p.Audience, p.Tier, p.ManagingUnitCode, p.StatutoryTime, p.TimeUnit, p.Fee, p.HasPaperResult,
        p.EligibleForFullProcess, p.IneligibleReason);

    public void ApplyTo(Procedure p)
    {
        p.Name = Name.Trim();
        p.Field = Field.Trim();
        p.Audience = Audience;
        p.Tier = Tier;
        p.ManagingUnitCode = ManagingUnitCode.Trim();
        p.StatutoryTime = StatutoryTime;
        p.TimeUnit = TimeUnit;
        p.Fee = Fee;
        p.HasPaperResult = HasPaperResult;
        p.EligibleForFullProcess = EligibleForFullProcess;

        // The reason only means something for a procedure that is not eligible.
        p.IneligibleReason = EligibleForFullProcess || string.IsNullOrWhiteSpace(IneligibleReason) ? null : IneligibleReason.Trim();
    }

    public Procedure ToProcedure(string code)
    {
        var procedure = new Procedure { Code = code, Name = Name, Field = Field, ManagingUnitCode = ManagingUnitCode };
        ApplyTo(procedure);
        return procedure;
    }
}

/// <summary>The registry's rules for a procedure, beyond the shape of its fields.</summary>
public static partial class ProcedureRules
{
    /// <summary>National catalog codes look like <c>1.001612</c>; letters, digits, dots and dashes, no spaces.</summary>
    public static bool IsValidCode(string code) => CodePattern().IsMatch(code);

    /// <param name="code">The procedure's code.</param>
    /// <param name="input">What is to be written.</param>
    /// <param name="unitExists">Whether a unit code is in the registry.</param>
    /// <param name="hasFullProcessServices">Whether some unit already offers this procedure full-process.</param>
    public static IEnumerable<RuleViolation> Check(string code, ProcedureInput input, Func<string, bool> unitExists, bool hasFullProcessServices)
    {
        if (!IsValidCode(code))
        {
            yield return new RuleViolation(ProcedureColumns.Code, Refusal.Of(RegistryCodes.ProcedureCodeInvalid, code));
        }

        if (!unitExists(input.ManagingUnitCode))
        {
            yield return new RuleViolation(ProcedureColumns.ManagingUnit, Refusal.Of(PlatformCodes.UnitUnknown, input.ManagingUnitCode));
        }

        if (!input.EligibleForFullProcess && string.IsNullOrWhiteSpace(input.IneligibleReason))
        {
            yield return new RuleViolation(ProcedureColumns.IneligibleReason, Refusal.Of(RegistryCodes.ProcedureReasonRequired));
        }

        if (!input.EligibleForFullProcess && hasFullProcessServices)
        {
            yield return new RuleViolation(ProcedureColumns.EligibleForFullProcess, Refusal.Of(RegistryCodes.ServiceLevelNotEligible, code).Saying("Offered"));
        }
    }

    [GeneratedRegex(@"^[0-9A-Za-z][0-9A-Za-z.\-_]{0,31}$")]
    private static partial Regex CodePattern();
}

/// <summary>Column names of the procedures file: import and export use the same ones.</summary>
public static class ProcedureColumns
{
    public const string Code = "code";
    public const string Name = "name";
    public const string Field = "field";
    public const string Audience = "audience";
    public const string Tier = "tier";
    public const string ManagingUnit = "managing_unit";
    public const string StatutoryTime = "statutory_time";
    public const string TimeUnit = "time_unit";
    public const string Fee = "fee";
    public const string PaperResult = "paper_result";
    public const string EligibleForFullProcess = "eligible_full_process";
    public const string IneligibleReason = "ineligible_reason";
}
