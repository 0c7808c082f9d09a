using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenDvc.Directives.Submissions;

/// <summary>
/// The structured part of a submission; the section matching the deliverable's kind is the one that counts.
/// Stored as JSON beside the submission, so each kind keeps its own shape without a table per kind.
/// </summary>
public sealed record SubmissionContent
{
    public IReadOnlyList<CatalogEntry>? Catalog { get; init; }

    public IReadOnlyList<PlanTarget>? Plan { get; init; }

    /// <summary>Why the plan's targets fall short of the letter's, when they do: required then (issue 18).</summary>
    public string? PlanShortfallReason { get; init; }

    public MonthlyFigures? Report { get; init; }

    public IncentivePolicyTerms? Incentive { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SubmissionContent FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new SubmissionContent() : JsonSerializer.Deserialize<SubmissionContent>(json, Json) ?? new SubmissionContent();
}

/// <summary>One procedure of the unit in its catalog: full-process, partial, or not eligible (with the reason).</summary>
public sealed record CatalogEntry(string Procedure, CatalogStatus Status, string? Reason);

/// <summary>How a unit classes one of its procedures (letter of 2023: due 21/4/2023).</summary>
public enum CatalogStatus
{
    /// <summary>Đủ điều kiện toàn trình.</summary>
    FullProcess = 1,

    /// <summary>Chỉ đủ điều kiện một phần: a reason is required.</summary>
    Partial = 2,

    /// <summary>Không đủ điều kiện: a reason is required.</summary>
    NotEligible = 3,
}

/// <summary>A target of an action plan: an indicator, for the unit or one sub-unit, by a month, with who answers for it.</summary>
public sealed record PlanTarget(PlanIndicator Indicator, string? SubUnit, string Month, decimal TargetPercent, string Responsible);

/// <summary>The targets of the programme's plans (2021: level 4; 2023 plan: the other four).</summary>
public enum PlanIndicator
{
    /// <summary>Full-process services ÷ procedures eligible for full-process; target 100 %.</summary>
    FullProcessCoverage = 1,

    /// <summary>Remote online dossiers ÷ dossiers received; target 50 %.</summary>
    RemoteOnlineRate = 2,

    /// <summary>Civil servants using online services; target 100 %.</summary>
    CivilServantsOnline = 3,

    /// <summary>Households with at least one member able to use VNeID and the portals.</summary>
    HouseholdsWithVneid = 4,

    /// <summary>Level-4 services ÷ eligible services (2021 letter; target 100 %).</summary>
    Level4Coverage = 5,
}

/// <summary>A unit's own monthly totals, compared with what its one-stop system synced to the ledger.</summary>
public sealed record MonthlyFigures(long Received, long Online, long OnTime, string? Narrative);

/// <summary>An incentive policy: fee reduction and faster processing for online dossiers, its legal basis and the services covered.</summary>
public sealed record IncentivePolicyTerms(string LegalDocument, DateOnly EffectiveFrom, DateOnly? EffectiveTo, decimal FeeReductionPercent, int FasterByDays, IReadOnlyList<string> Services);
