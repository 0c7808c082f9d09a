using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Units;

namespace OpenDvc.Indicators.ReportPack;

/// <summary>What a report pack is asked for: a month (yyyy-MM) and optionally a unit; the endpoint and the CLI read it alike.</summary>
public sealed record ReportPackRequest(string? Month, string? Unit)
{
    /// <summary>The month and the unit (null for the national pack), or the problem: a bad month 400, an unknown unit 404.</summary>
    public async Task<(Period Month, Unit? Unit, ProblemHttpResult? Problem)> ResolveAsync(OpenDvcDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Period.TryParse(Month, out var month) || month.Months != 1)
        {
            return (default, null, BadMonth(Month));
        }

        if (Unit is null)
        {
            return (month, null, null);
        }

        var (_, problem) = await new IndicatorRequest(month.ToString(), Unit, null, null).ResolveAsync(db, time, ct);
        if (problem is not null)
        {
            return (month, null, problem);
        }

        return (month, await db.Set<Unit>().AsNoTracking().SingleAsync(u => u.Code == Unit, ct), null);
    }

    public static ProblemHttpResult BadMonth(string? text) => Problems.Create(StatusCodes.Status400BadRequest, "OD-REPORT-MONTH-INVALID",
        $"Tháng '{text}' không hợp lệ: báo cáo tháng cần một tháng dạng 2023-06.",
        $"Month '{text}' is not valid: a monthly report needs one month such as 2023-06.");
}
