using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace OpenDvc.Accounts.SignIn;

/// <summary>
/// How many failed sign-ins are let through, by client address and by account name (<see cref="AccountsOptions"/>):
/// kept in this process's memory, bounded, and checked before any password is hashed.
/// </summary>
public sealed class SignInLimits(IOptions<AccountsOptions> options, TimeProvider time)
{
    private readonly AttemptCounter clients = new(options.Value.SignInAttemptsPerClient, options.Value.SignInWindow, options.Value.SignInTrackedKeys, time);
    private readonly AttemptCounter accounts = new(options.Value.SignInAttemptsPerAccount, options.Value.SignInWindow, options.Value.SignInTrackedKeys, time);

    public bool TryTake(SignInAttempt attempt, out TimeSpan retryAfter) =>
        clients.TryTake(attempt.Client, out retryAfter) && accounts.TryTake(attempt.Account, out retryAfter);

    public void GiveBack(SignInAttempt attempt)
    {
        clients.GiveBack(attempt.Client);
        accounts.GiveBack(attempt.Account);
    }
}

/// <summary>Who tries to sign in: the client's address and the account name (with the device, for a known browser).</summary>
public sealed record SignInAttempt(string Client, string Account)
{
    /// <summary>An account name as a key: names longer than Identity's 256 characters exist nowhere, and no key may grow the limiter's memory.</summary>
    public static string Key(string account) => account.Length > 256 ? account[..256] : account;

    public static string ClientOf(IPAddress? address) => address switch
    {
        null => "",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),

        // One IPv6 subscriber gets a whole /64: counted as one client.
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"{new IPAddress([.. address.GetAddressBytes()[..8], .. new byte[8]])}/64",
        _ => address.ToString(),
    };
}
