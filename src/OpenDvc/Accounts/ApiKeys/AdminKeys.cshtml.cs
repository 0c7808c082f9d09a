using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Resources;

namespace OpenDvc.Accounts.ApiKeys;

/// <summary>/admin/keys: issue a unit's sync key (shown once, on the answer to the form), list, revoke.</summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class AdminKeysModel(ApiKeyAdministration admin, OpenDvcDbContext db, IStringLocalizer<AccountsText> text) : PageModel
{
    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public int Id { get; set; }

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    /// <summary>The key just issued: rendered once, in this response only, never stored in plain text.</summary>
    public IssuedApiKey? Issued { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Keys = await ApiKeysApi.ListAsync(db, UsersApi.NullIfBlank(Unit), ct);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var (issued, refusal) = await admin.IssueAsync((Unit ?? "").Trim(), UsersApi.NullIfBlank(Name) ?? "one-stop system", ct);
        if (refusal is not null)
        {
            return await ShowAsync(refusal, ct);
        }

        var key = issued!.Key;
        Issued = new IssuedApiKey(key.Id, key.UnitCode, key.Name, key.Prefix, issued.PlainText);
        Response.Headers.CacheControl = "no-store";
        Keys = await ApiKeysApi.ListAsync(db, key.UnitCode, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var error = await admin.RevokeAsync(Id, ct);
        if (error is not null)
        {
            return await ShowAsync(error, ct);
        }

        Message = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Keys.Revoked"], Id);
        return RedirectToPage(new { Unit });
    }

    private async Task<IActionResult> ShowAsync(Refusal error, CancellationToken ct)
    {
        Error = $"{error.Message} ({error.Code})";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Keys = await ApiKeysApi.ListAsync(db, null, ct);
        return Page();
    }
}
