using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace OpenDvc.Accounts.SignIn;

/// <summary>
/// A browser that has signed in to an account carries a signed cookie saying so (OWASP's "device cookie"): its
/// attempts on that account are counted apart from everyone else's, and the account's lockout does not stop it,
/// so an attacker who knows only the name cannot lock the owner out of their usual browser.
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection)
{
    private const string CookieName = "opendvc.device";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("OpenDvc.Accounts.KnownDevice").ToTimeLimitedDataProtector();

    /// <summary>The device's id when this browser has signed in to the (normalised) account before, else null.</summary>
    public string? Find(HttpContext http, string account)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return null;
        }

        string value;
        try
        {
            value = protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var separator = value.LastIndexOf('\n');
        return separator > 0 && value[..separator] == account ? value[(separator + 1)..] : null;
    }

    /// <summary>Remembers that this browser signed in to the account (one account per browser: the last one).</summary>
    public void Remember(HttpContext http, string account, string? device)
    {
        var id = device ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(CookieName, protector.Protect($"{account}\n{id}", Lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/account/login",
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }
}
