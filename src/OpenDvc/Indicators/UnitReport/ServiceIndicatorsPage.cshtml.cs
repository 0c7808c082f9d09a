using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;

namespace OpenDvc.Indicators.UnitReport;

/// <summary>/indicators/units/{code}/services/{procedure}: one online service's indicators and monthly trends.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class ServiceIndicatorsPage(OpenDvcDbContext db, IndicatorCalculator calculator, TimeProvider time, IOptions<IndicatorsOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true)]
    public AudienceFilter Audience { get; set; }

    /// <summary><c>successor</c>: the service's figures include those of the units merged into the unit.</summary>
    [BindProperty(SupportsGet = true, Name = "lineage")]
    public string? LineageText { get; set; }

    public Unit Unit { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    public ScopeIndicators Indicators { get; private set; } = null!;

    public IReadOnlyList<ScopeIndicators> Trend { get; private set; } = [];

    public int MinimumRatings => options.Value.MinimumRatings;

    public Savings.SavingsEstimate Savings => OpenDvc.Indicators.Savings.SavingsEstimate.From(Indicators.Totals, SavingsAssumptions);

    public Savings.SavingsOptions SavingsAssumptions => options.Value.Savings;

    public async Task<IActionResult> OnGetAsync(string code, string procedure, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, ct);
        var (query, problem) = await new IndicatorRequest(PeriodText, code, procedure, Audience, LineageText).ResolveAsync(db, time, ct);
        if (unit is null || (problem is not null && problem.StatusCode == StatusCodes.Status404NotFound))
        {
            return NotFound();
        }

        Unit = unit;
        var lineage = Lineage.TryParse(LineageText, out var asked) ? asked : UnitLineage.AsItStood;
        query ??= new IndicatorQuery(await IndicatorRequest.DefaultPeriodAsync(db, time, ct), code, procedure, Audience, lineage);
        PeriodText = query.Period.ToString();
        ProcedureName = await db.Set<Procedure>().Where(p => p.Code == procedure).Select(p => p.Name).SingleOrDefaultAsync(ct) ?? procedure;
        Indicators = await calculator.ComputeAsync(query, ct);
        Trend = await calculator.TrendAsync(query, ct);
        return Page();
    }
}
