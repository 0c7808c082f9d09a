using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

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
            yield return new RuleViolation(ProcedureColumns.Code, "OD-PROCEDURE-CODE-INVALID",
                $"Mã thủ tục '{code}' không hợp lệ (chỉ gồm chữ, số, dấu chấm, gạch ngang; tối đa 32 ký tự).",
                $"Procedure code '{code}' is not valid (letters, digits, dots and dashes only; at most 32 characters).");
        }

        if (!unitExists(input.ManagingUnitCode))
        {
            yield return new RuleViolation(ProcedureColumns.ManagingUnit, "OD-UNIT-UNKNOWN",
                $"Không có đơn vị mã '{input.ManagingUnitCode}'.", $"No unit with code '{input.ManagingUnitCode}'.");
        }

        if (!input.EligibleForFullProcess && string.IsNullOrWhiteSpace(input.IneligibleReason))
        {
            yield return new RuleViolation(ProcedureColumns.IneligibleReason, "OD-PROCEDURE-REASON-REQUIRED",
                "Thủ tục không đủ điều kiện toàn trình phải nêu lý do.", "A procedure not eligible for full-process service needs a reason.");
        }

        if (!input.EligibleForFullProcess && hasFullProcessServices)
        {
            yield return new RuleViolation(ProcedureColumns.EligibleForFullProcess, "OD-SERVICE-LEVEL-NOT-ELIGIBLE",
                $"Thủ tục '{code}' đang được cung cấp toàn trình; hạ mức các dịch vụ đó trước khi đánh dấu không đủ điều kiện.",
                $"Procedure '{code}' is offered full-process; lower those services first before marking it not eligible.");
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
