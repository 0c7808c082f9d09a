using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Accounts;

/// <summary>
/// Issue 14, "Sign-in resists abuse": bursts are refused by client and by account name, an unknown account and a
/// wrong password get the same answer for the same work, and an attacker cannot lock the real user out.
/// Clients are told apart by X-Forwarded-For (each test its own addresses and names); the limits are the defaults
/// (10 failed attempts per client and 5 per account name a minute).
/// </summary>
public abstract partial class SignInAbuseTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture, ISignInFixture
{
    private readonly TFixture fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CountingPasswordHasher Hasher => fixture.Hasher;

    [Fact]
    public async Task A_burst_from_one_client_is_refused_with_429_after_ten_failures()
    {
        using var client = App.Anonymous("203.0.113.10");
        using var neighbour = App.Anonymous("203.0.113.11");
        for (var i = 0; i < 10; i++)
        {
            var failed = await SignInAsync(client, $"burst-client-{i}", "wrong-password-1");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var hashed = Hasher.Verifications;
        var refused = await SignInAsync(client, "burst-client-10", "wrong-password-1");
        var refusedWork = Hasher.Verifications - hashed;
        var other = await SignInAsync(neighbour, "burst-client-11", "wrong-password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(RetryAfterSeconds(refused), 1, 60);
        Assert.Contains("Quá nhiều lần đăng nhập không thành công", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, refusedWork);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    [Fact]
    public async Task A_burst_on_one_account_name_from_many_clients_is_refused_with_429_after_five_failures()
    {
        await App.CreateUserAsync("burst-target", Roles.Viewer);
        for (var i = 0; i < 5; i++)
        {
            using var attacker = App.Anonymous($"198.51.100.{i + 1}");
            var failed = await SignInAsync(attacker, "burst-target", "wrong-password-1");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var another = App.Anonymous("198.51.100.99");
        var refused = await SignInAsync(another, "  BURST-Target ", "wrong-password-1");
        using var english = App.Anonymous("198.51.100.98");
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        var refusedInEnglish = await SignInAsync(english, "burst-target", "wrong-password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(RetryAfterSeconds(refused), 1, 60);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedInEnglish.StatusCode);
        Assert.Contains("Too many failed sign-in attempts", await refusedInEnglish.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_refused_for_a_burst_may_try_again_when_its_minute_is_over()
    {
        using var client = App.Anonymous("203.0.113.20");
        for (var i = 0; i < 10; i++)
        {
            await SignInAsync(client, $"patient-{i}", "wrong-password-1");
        }

        var refused = await SignInAsync(client, "patient-10", "wrong-password-1");
        fixture.Clock.Advance(TimeSpan.FromSeconds(RetryAfterSeconds(refused)));
        var later = await SignInAsync(client, "patient-11", "wrong-password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, later.StatusCode);
    }

    [Fact]
    public async Task Unknown_account_and_wrong_password_get_the_same_answer_for_the_same_work()
    {
        await App.CreateUserAsync("real-person", Roles.Viewer);
        using var first = App.Anonymous("192.0.2.30");
        using var second = App.Anonymous("192.0.2.31");

        var before = Hasher.Verifications;
        var unknown = await SignInAsync(first, "no-such-person", "wrong-password-1");
        var unknownWork = Hasher.Verifications - before;
        before = Hasher.Verifications;
        var wrong = await SignInAsync(second, "real-person", "wrong-password-1");
        var wrongWork = Hasher.Verifications - before;

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(1, unknownWork);
        Assert.Equal(1, wrongWork);
        Assert.Equal(await AnswerAsync(unknown, "no-such-person"), await AnswerAsync(wrong, "real-person"));
    }

    [Fact]
    public async Task A_locked_account_answers_as_an_unknown_one_and_never_says_locked()
    {
        await App.CreateUserAsync("locked-person", Roles.Viewer);
        for (var i = 0; i < 5; i++)
        {
            using var attacker = App.Anonymous($"192.0.2.{40 + i}");
            await SignInAsync(attacker, "locked-person", "wrong-password-1");
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        using var first = App.Anonymous("192.0.2.50");
        using var second = App.Anonymous("192.0.2.51");
        var before = Hasher.Verifications;
        var locked = await SignInAsync(first, "locked-person", TestApp.Password);
        var lockedWork = Hasher.Verifications - before;
        var unknown = await SignInAsync(second, "nobody-at-all", TestApp.Password);
        var lockedAnswer = await AnswerAsync(locked, "locked-person");

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(1, lockedWork);
        Assert.Equal(lockedAnswer, await AnswerAsync(unknown, "nobody-at-all"));
        Assert.DoesNotContain("khóa", lockedAnswer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("locked", lockedAnswer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task After_an_attackers_failures_the_user_still_signs_in_from_their_usual_browser()
    {
        await App.CreateUserAsync("usual-person", Roles.Viewer);
        using var usual = App.Anonymous("192.0.2.60");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(usual, "usual-person", TestApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(usual, "/account/logout", [], formPage: "/")).StatusCode);
        for (var i = 0; i < 20; i++)
        {
            using var attacker = App.Anonymous($"203.0.113.{100 + i}");
            await SignInAsync(attacker, "usual-person", "wrong-password-1");
        }

        using var stranger = App.Anonymous("192.0.2.61");
        var fromStranger = await SignInAsync(stranger, "usual-person", TestApp.Password);
        var fromUsual = await SignInAsync(usual, "usual-person", TestApp.Password);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var fromStrangerLater = await SignInAsync(stranger, "usual-person", TestApp.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, fromStranger.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fromUsual.StatusCode);
        Assert.Contains("usual-person", await usual.GetStringAsync("/", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, fromStrangerLater.StatusCode);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        TestApp.PostFormAsync(client, "/account/login", new() { ["UserName"] = userName, ["Password"] = password });

    private static int RetryAfterSeconds(HttpResponseMessage response) =>
        (int)Assert.IsType<TimeSpan>(response.Headers.RetryAfter?.Delta).TotalSeconds;

    /// <summary>The answer a caller sees, less what differs by request anyway: the anti-forgery token and the name typed.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response, string userName)
    {
        var body = AntiForgeryValue().Replace(await response.Content.ReadAsStringAsync(Ct), "");
        var headers = string.Join('\n', response.Headers.Where(h => h.Key is not ("Date" or "Server-Timing" or "Set-Cookie")).Select(h => $"{h.Key}: {string.Join(',', h.Value)}"));
        return $"{(int)response.StatusCode}\n{headers}\n{body.Replace(userName, "NAME", StringComparison.Ordinal)}";
    }

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]+")]
    private static partial Regex AntiForgeryValue();
}

/// <summary>The app's clock and password hasher, as a sign-in test reaches them.</summary>
public interface ISignInFixture
{
    FakeTimeProvider Clock { get; }

    CountingPasswordHasher Hasher { get; }
}

/// <summary>Identity's own hasher, counting how often it checks a password: the work a sign-in does.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<User>
{
    private readonly PasswordHasher<User> hasher = new();
    private int verifications;

    public int Verifications => Volatile.Read(ref verifications);

    public string HashPassword(User user, string password) => hasher.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class SignInSqliteApp : SqliteApp, ISignInFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 3, 14, 3, 0, 0, TimeSpan.Zero));

    public CountingPasswordHasher Hasher { get; } = new();

    protected override TimeProvider? Time => Clock;

    protected override Action<IServiceCollection>? Services => services => services.AddSingleton<IPasswordHasher<User>>(Hasher);
}

public sealed class SignInPostgresApp(PostgresCluster cluster) : PostgresApp(cluster), ISignInFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 3, 14, 3, 0, 0, TimeSpan.Zero));

    public CountingPasswordHasher Hasher { get; } = new();

    protected override TimeProvider? Time => Clock;

    protected override Action<IServiceCollection>? Services => services => services.AddSingleton<IPasswordHasher<User>>(Hasher);
}

public sealed class SignInAbuseTestsOnSqlite(SignInSqliteApp fixture) : SignInAbuseTests<SignInSqliteApp>(fixture);

public sealed class SignInAbuseTestsOnPostgres(SignInPostgresApp fixture) : SignInAbuseTests<SignInPostgresApp>(fixture);
