using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Indicators.Definitions;
using OpenDvc.Platform.Database;

namespace OpenDvc.Indicators.Methodology;

/// <summary>/indicators/methodology: the public methodology, generated from the definitions held (every version).</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class MethodologyPage(OpenDvcDbContext db, IOptions<IndicatorsOptions> options) : PageModel
{
    public IReadOnlyList<IndicatorDefinition> Definitions { get; private set; } = [];

    public int MinimumRatings => options.Value.MinimumRatings;

    public Savings.SavingsOptions SavingsAssumptions => options.Value.Savings;

    public Quality.QualityOptions QualityThresholds => options.Value.Quality;

    public async Task OnGetAsync(CancellationToken ct) =>
        Definitions = await db.Set<IndicatorDefinition>().AsNoTracking()
            .OrderBy(d => d.DisplayOrder).ThenBy(d => d.Code).ThenBy(d => d.Version).ToListAsync(ct);
}
