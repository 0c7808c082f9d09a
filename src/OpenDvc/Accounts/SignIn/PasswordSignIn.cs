using Microsoft.AspNetCore.Identity;
using OpenDvc.Accounts.Users;

namespace OpenDvc.Accounts.SignIn;

/// <summary>What a sign-in came to: signed in, refused, or refused unheard because of too many failures.</summary>
public sealed record SignInOutcome(bool SignedIn, TimeSpan? TooManyFailures = null);

/// <summary>
/// Sign-in by user name and password that tells an attacker nothing: an unknown account, a wrong password and a
/// locked account get the same answer for the same work (one password hash checked), bursts are refused before
/// any hashing (<see cref="SignInLimits"/>), and lockout stops only browsers the account never signed in from
/// (<see cref="KnownDevices"/>).
/// </summary>
public sealed class PasswordSignIn(SignInManager<User> signIn, SignInLimits limits, KnownDevices devices)
{
    // Checked for unknown accounts so they cost what a known one does; made once with the app's own hasher.
    private static string? unknownAccountHash;

    public async Task<SignInOutcome> SignInAsync(HttpContext http, string userName, string password, bool remember)
    {
        var users = signIn.UserManager;
        var account = users.NormalizeName(userName.Trim()) ?? "";
        var device = devices.Find(http, account);
        var attempt = new SignInAttempt(SignInAttempt.ClientOf(http.Connection.RemoteIpAddress), device is null ? SignInAttempt.Key(account) : $"{SignInAttempt.Key(account)}\n{device}");
        if (!limits.TryTake(attempt, out var retryAfter))
        {
            return new SignInOutcome(false, retryAfter);
        }

        var user = await users.FindByNameAsync(account);
        unknownAccountHash ??= users.PasswordHasher.HashPassword(new User(), Guid.NewGuid().ToString());
        var passwordRight = await users.CheckPasswordAsync(user ?? new User { PasswordHash = unknownAccountHash }, password);
        if (user is null)
        {
            return new SignInOutcome(false);
        }

        var locked = await users.IsLockedOutAsync(user);
        if (!passwordRight)
        {
            await users.AccessFailedAsync(user);
            return new SignInOutcome(false);
        }

        if (locked && device is null)
        {
            return new SignInOutcome(false);
        }

        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        await signIn.SignInAsync(user, remember);
        limits.GiveBack(attempt);
        devices.Remember(http, account, device);
        return new SignInOutcome(true);
    }
}
