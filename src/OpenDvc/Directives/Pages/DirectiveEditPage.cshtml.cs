using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Database;
using OpenDvc.Registry;

namespace OpenDvc.Directives.Pages;

/// <summary>/directives/edit/{id?}: an admin writes or changes a directive (number, date, subject, signer, recipients, published).</summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class DirectiveEditPage(OpenDvcDbContext db) : PageModel
{
    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Signer { get; set; }

    [BindProperty]
    public RecipientScope Recipients { get; set; } = RecipientScope.AllUnits;

    [BindProperty]
    public string? Units { get; set; }

    [BindProperty]
    public bool Published { get; set; }

    public int? Id { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            return Page();
        }

        if (await DirectiveBook.GetAsync(db, id.Value, true, ct) is not { } d)
        {
            return NotFound();
        }

        (Number, Date, Subject, Signer, Recipients, Units, Published) = (d.Number, d.Date, d.Subject, d.Signer, d.Recipients, string.Join(", ", d.Units), d.Published);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (string.IsNullOrWhiteSpace(Number) || string.IsNullOrWhiteSpace(Subject) || string.IsNullOrWhiteSpace(Signer) || Date is null)
        {
            Errors = [RegistryPages.IsVietnamese ? "Cần số hiệu, ngày, trích yếu và người ký." : "Number, date, subject and signer are needed."];
            return Page();
        }

        var units = (Units ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (saved, violations) = await DirectiveBook.SaveAsync(db, id, new DirectiveInput(Number, Date.Value, Subject, Signer, Recipients, units, Published), ct);
        if (saved is not null)
        {
            return Redirect($"/directives/{saved}");
        }

        Errors = violations.Select(RegistryPages.Message).ToList();
        return Page();
    }
}
