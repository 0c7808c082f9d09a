using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts.SignIn;

namespace OpenDvc.Accounts.Pages;

/// <summary>
/// Sign-in (<see cref="PasswordSignIn"/>): one answer for every refusal, so it never tells which accounts exist or
/// are locked; 429 with Retry-After when a client or an account name has failed too often.
/// </summary>
public sealed class LoginModel(PasswordSignIn signIn) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public bool Remember { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>Seconds until a refused client may try again.</summary>
    public int RetryAfter { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await signIn.SignInAsync(HttpContext, UserName, Password, Remember);
        if (outcome.SignedIn)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (outcome.TooManyFailures is { } wait)
        {
            RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = RetryAfter.ToString(CultureInfo.InvariantCulture);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Error = "Login.TooMany";
            return Page();
        }

        Error = "Login.Failed";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
