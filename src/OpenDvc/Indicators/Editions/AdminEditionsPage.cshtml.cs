using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OpenDvc.Accounts;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Resources;

namespace OpenDvc.Indicators.Editions;

/// <summary>/admin/editions: publish a dated, immutable edition of the rankings (anti-forgery form, audited) and list the editions.</summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class AdminEditionsPage(EditionPublisher publisher, OpenDvcDbContext db, IStringLocalizer<IndicatorsText> text) : PageModel
{
    [BindProperty]
    public string? Period { get; set; }

    [BindProperty]
    public AudienceFilter Audience { get; set; }

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<RankingEdition> Editions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Editions = await EditionPublisher.HeadersAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (edition, problem) = await publisher.PublishAsync(new PublishEditionInput(Period, Audience), User.Identity?.Name ?? "?", ct);
        if (edition is null)
        {
            var details = problem!.ProblemDetails;
            var vietnamese = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";
            Error = $"{details.Extensions[vietnamese ? "message_vi" : "message_en"]} ({details.Extensions["code"]})";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Editions = await EditionPublisher.HeadersAsync(db, ct);
            return Page();
        }

        Message = string.Format(CultureInfo.CurrentCulture, text["Editions.Published"], edition.Id);
        return RedirectToPage();
    }
}
