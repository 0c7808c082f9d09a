using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Refusals;
using OpenDvc.Resources;

namespace OpenDvc.Accounts.Pages;

/// <summary>/account: who I am, and changing my own password (the current one is required).</summary>
[Authorize]
public sealed class MyAccountModel(UserManager<User> users, SignInManager<User> signIn, UserAdministration admin, IStringLocalizer<AccountsText> text) : PageModel
{
    public UserView? Me { get; private set; }

    [BindProperty]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    public string ConfirmPassword { get; set; } = "";

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Me = await admin.FindAsync(User.Identity!.Name!, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var error = NewPassword != ConfirmPassword
            ? Refusal.Of(AccountCodes.PasswordMismatch)
            : await admin.ChangeOwnPasswordAsync(user, CurrentPassword, NewPassword);
        if (error is not null)
        {
            Error = $"{error.Message} ({error.Code})";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await OnGetAsync(ct);
            return Page();
        }

        // The security stamp changed with the password: a fresh cookie keeps this session and ends the others.
        await signIn.RefreshSignInAsync(user);
        Message = text["Account.PasswordChanged"];
        return RedirectToPage();
    }
}
