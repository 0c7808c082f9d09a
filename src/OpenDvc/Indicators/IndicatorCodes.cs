using OpenDvc.Platform.Refusals;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace OpenDvc.Indicators;

/// <summary>The indicators' refusal codes (messages in Resources/RefusalText.resx, listed in docs/refusal-codes.md).</summary>
public static class IndicatorCodes
{
    /// <summary>Column '…' is missing.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportColumnMissing = "OD-IMPORT-COLUMN-MISSING";

    /// <summary>The month must be YYYY-MM (2000–2100).</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeclaredMonthInvalid = "OD-DECLARED-MONTH-INVALID";

    /// <summary>The value must be a whole number of zero or more, without separators.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeclaredValueInvalid = "OD-DECLARED-VALUE-INVALID";

    /// <summary>The source is required (at most 256 characters).</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeclaredSourceMissing = "OD-DECLARED-SOURCE-MISSING";

    /// <summary>The source's date must be YYYY-MM-DD.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeclaredDateInvalid = "OD-DECLARED-DATE-INVALID";

    /// <summary>A source cannot be dated before the month it speaks of.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeclaredDateBeforeMonth = "OD-DECLARED-DATE-BEFORE-MONTH";

    /// <summary>Month … has metric '…' more than once.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeclaredDuplicate = "OD-DECLARED-DUPLICATE";

    /// <summary>Month '…' is not valid: a monthly report needs one month such as 2023-06.</summary>
    [RefusedWith(Status400BadRequest)] public const string ReportMonthInvalid = "OD-REPORT-MONTH-INVALID";

    /// <summary>No ranking edition ….</summary>
    [RefusedWith(Status404NotFound)] public const string EditionUnknown = "OD-EDITION-UNKNOWN";

    /// <summary>Period '…' is not valid: use 2023, 2023-Q2, 2023-05 or 2023-01..2023-06.</summary>
    [RefusedWith(Status400BadRequest)] public const string PeriodInvalid = "OD-PERIOD-INVALID";

    /// <summary>Lineage '…' is not valid: leave it out or use 'successor'.</summary>
    [RefusedWith(Status400BadRequest)] public const string LineageInvalid = "OD-LINEAGE-INVALID";

    /// <summary>The metric is not one of the declared statistics.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string DeclaredMetricUnknown = "OD-DECLARED-METRIC-UNKNOWN";
}
