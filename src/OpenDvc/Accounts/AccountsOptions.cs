using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Accounts;

/// <summary>Settings of the accounts capability, section <c>Accounts</c>: how many failed sign-ins are let through.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Failed sign-ins one client address (an IPv6 /64) may make in a <see cref="SignInWindow"/>.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerClient { get; set; } = 10;

    /// <summary>Failed sign-ins on one account name (from browsers it never signed in from) in a <see cref="SignInWindow"/>.</summary>
    [Range(1, 1_000)]
    public int SignInAttemptsPerAccount { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Clients, and account names, whose attempts are remembered at most: the limiter's memory stays bounded.</summary>
    [Range(100, 1_000_000)]
    public int SignInTrackedKeys { get; set; } = 10_000;
}
