using Microsoft.Extensions.Time.Testing;
using OpenDvc.Accounts.SignIn;

namespace OpenDvc.Tests.Accounts.SignIn;

public sealed class AttemptCounterTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2024, 3, 14, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Remembers_at_most_its_cap_of_keys_however_many_come()
    {
        var counter = new AttemptCounter(5, TimeSpan.FromMinutes(1), 100, clock);

        for (var i = 0; i < 10_000; i++)
        {
            counter.TryTake($"spray-{i}", out _);
        }

        Assert.Equal(100, counter.TrackedKeys);
    }

    [Fact]
    public void Forgets_ended_windows_before_any_current_one()
    {
        var counter = new AttemptCounter(1, TimeSpan.FromMinutes(1), 3, clock);
        counter.TryTake("old-1", out _);
        counter.TryTake("old-2", out _);
        clock.Advance(TimeSpan.FromSeconds(30));
        counter.TryTake("current", out _);
        clock.Advance(TimeSpan.FromSeconds(40));

        counter.TryTake("new", out _);

        Assert.Equal(2, counter.TrackedKeys);
        Assert.False(counter.TryTake("current", out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(20), retryAfter);
    }

    [Fact]
    public void An_attempt_given_back_does_not_count()
    {
        var counter = new AttemptCounter(2, TimeSpan.FromMinutes(1), 100, clock);

        var taken = Enumerable.Range(0, 5).Select(attempt =>
        {
            var ok = counter.TryTake("person", out _);
            counter.GiveBack("person");
            return ok;
        }).ToList();

        Assert.All(taken, Assert.True);
    }
}
