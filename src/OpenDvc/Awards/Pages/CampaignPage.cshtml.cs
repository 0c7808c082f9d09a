using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry;

namespace OpenDvc.Awards.Pages;

/// <summary>
/// /awards/campaigns/{id} (admin): the campaign's configuration — years, deadline, quotas, eligibility thresholds,
/// savings assumptions, rubric (one criterion a line: code | Vietnamese name | English name | weight), blend — and
/// deadline extensions per unit. Every change is audited.
/// </summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class CampaignPage(OpenDvcDbContext db, NominationWorkflow store) : PageModel
{
    [BindProperty]
    public CampaignInput? Input { get; set; }

    [BindProperty]
    public string Rubric { get; set; } = "";

    [BindProperty]
    public string? ExtensionUnit { get; set; }

    [BindProperty]
    public DateOnly? ExtensionUntil { get; set; }

    [BindProperty]
    public string? ExtensionReason { get; set; }

    public AwardCampaign? Campaign { get; private set; }

    public IReadOnlyList<CampaignExtension> Extensions { get; private set; } = [];

    public Refusal? Error { get; private set; }

    [TempData]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, string? format, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (TableExport.IsSupported(format))
        {
            return await RegistryPages.SendAsync(HttpContext, TableExport.ToFileAsync(Extensions.ToAsyncEnumerable(), AwardsExports.Extensions, format!, $"extensions-{id}", ct));
        }

        Input = CampaignInput.From(Campaign!);
        Rubric = RubricText(Campaign!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var criteria = ParseRubric(Rubric);

        // The rubric comes from its own text box, not from Input.
        ModelState.Remove("Input.Rubric");
        if (Input is null || !ModelState.IsValid || criteria is null)
        {
            Error = Refusal.Of(AwardCodes.CampaignInvalid);
            return Page();
        }

        var input = Input with { Rubric = criteria };
        Error = Campaign!.PublishedAt is not null ? Refusal.Of(AwardCodes.Published) : input.Check();
        if (Error is not null)
        {
            return Page();
        }

        input.ApplyTo(Campaign);
        await db.SaveChangesAsync(ct);
        Saved = true;
        return Redirect($"/awards/campaigns/{id}");
    }

    public async Task<IActionResult> OnPostExtendAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = CampaignInput.From(Campaign!);
        Rubric = RubricText(Campaign!);
        if (string.IsNullOrWhiteSpace(ExtensionUnit) || ExtensionUntil is null)
        {
            Error = Refusal.Of(AwardCodes.ExtensionInvalid);
            return Page();
        }

        Error = await store.GrantExtensionAsync(id, ExtensionUnit.Trim(), ExtensionUntil.Value, ExtensionReason, ct);
        if (Error is not null)
        {
            return Page();
        }

        Saved = true;
        return Redirect($"/awards/campaigns/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Campaign = await db.Set<AwardCampaign>().SingleOrDefaultAsync(c => c.Id == id, ct);
        Extensions = await db.Set<CampaignExtension>().AsNoTracking().Where(e => e.CampaignId == id).OrderBy(e => e.UnitCode).ToListAsync(ct);
        return Campaign is not null;
    }

    public static string RubricText(AwardCampaign campaign) =>
        string.Join('\n', campaign.Criteria().Select(c => string.Join(" | ", c.Code, c.NameVi, c.NameEn, c.Weight.ToString(CultureInfo.InvariantCulture))));

    /// <summary>One criterion a line: code | Vietnamese name | English name | weight; null when a line does not read.</summary>
    public static List<RubricCriterion>? ParseRubric(string text)
    {
        var criteria = new List<RubricCriterion>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length != 4 || !decimal.TryParse(parts[3], NumberStyles.Number, CultureInfo.InvariantCulture, out var weight))
            {
                return null;
            }

            criteria.Add(new RubricCriterion(parts[0], parts[1], parts[2], weight));
        }

        return criteria;
    }
}
