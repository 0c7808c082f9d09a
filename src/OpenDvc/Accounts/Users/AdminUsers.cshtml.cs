using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OpenDvc.Platform.Refusals;
using OpenDvc.Resources;

namespace OpenDvc.Accounts.Users;

/// <summary>/admin/users: list, add, change role and unit, reset a password, unlock. Every form carries the anti-forgery token.</summary>
[Authorize(Policy = AccountsModule.AdminPolicy)]
public sealed class AdminUsersModel(UserAdministration admin, IStringLocalizer<AccountsText> text) : PageModel
{
    public IReadOnlyList<UserView> Users { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string Role { get; set; } = Roles.Viewer;

    [BindProperty]
    public string? UnitCode { get; set; }

    [BindProperty]
    public string Password { get; set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => Users = await admin.ListAsync(ct);

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct) =>
        DoneAsync(admin.AddAsync(UserName.Trim(), string.IsNullOrWhiteSpace(DisplayName) ? UserName.Trim() : DisplayName.Trim(), Role, UsersApi.NullIfBlank(UnitCode), Password, ct), "Users.Added", ct);

    public Task<IActionResult> OnPostSetRoleAsync(CancellationToken ct) =>
        DoneAsync(admin.SetRoleAsync(UserName, Role, UsersApi.NullIfBlank(UnitCode), ct), "Users.RoleChanged", ct);

    public Task<IActionResult> OnPostResetPasswordAsync(CancellationToken ct) =>
        DoneAsync(admin.ResetPasswordAsync(UserName, Password), "Users.PasswordReset", ct);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken ct) =>
        DoneAsync(admin.UnlockAsync(UserName), "Users.Unlocked", ct);

    /// <summary>Post, redirect, get on success; on a refusal the page is shown again with the reason and its code.</summary>
    private async Task<IActionResult> DoneAsync(Task<Refusal?> action, string messageKey, CancellationToken ct)
    {
        var error = await action;
        if (error is null)
        {
            Message = string.Format(System.Globalization.CultureInfo.CurrentCulture, text[messageKey], UserName);
            return RedirectToPage();
        }

        Error = $"{error.Message} ({error.Code})";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Users = await admin.ListAsync(ct);
        return Page();
    }
}
