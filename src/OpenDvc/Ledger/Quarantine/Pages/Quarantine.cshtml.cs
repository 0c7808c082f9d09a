using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Platform.Web;

namespace OpenDvc.Ledger.Quarantine.Pages;

/// <summary>/quarantine: refused records with their reasons; staff see every unit, a focal point only its own.</summary>
[Authorize]
public sealed class QuarantineModel(QuarantineStore store) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public QuarantineStatus? Status { get; set; } = QuarantineStatus.Open;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public Page<QuarantineView> Records { get; private set; } = new([], null);

    public int Total { get; private set; }

    public bool CanReplay { get; private set; }

    public ReplaySummary? Replayed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (QuarantineScope.For(User, Unit) is not { } scope)
        {
            return Forbid();
        }

        await LoadAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReplayAsync(CancellationToken ct)
    {
        if (QuarantineScope.ForReplay(User, Unit) is not { } scope)
        {
            return Forbid();
        }

        Replayed = await store.ReplayAsync(scope, ct);
        await LoadAsync(scope, ct);
        return Page();
    }

    private async Task LoadAsync(QuarantineScope scope, CancellationToken ct)
    {
        Unit = scope.Unit;
        Records = await store.ListAsync(scope, Status, After, 50, ct);
        Total = await store.CountAsync(scope, Status, ct);
        CanReplay = QuarantineScope.ForReplay(User, Unit) is not null;
    }
}
