using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Platform.Database;

namespace OpenDvc.Tests.Platform;

public sealed class DataChangesTests
{
    private static DataChanges Create(FakeTimeProvider time, int seconds) =>
        new(time, Options.Create(new DataChangesOptions { BatchInterval = TimeSpan.FromSeconds(seconds) }));

    [Fact]
    public void Ingest_batches_within_the_interval_are_signalled_once_at_its_end()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2023, 6, 1, 8, 0, 0, TimeSpan.Zero));
        using var changes = Create(time, 30);
        var token = changes.Token;

        changes.BatchCommitted();
        var afterFirst = (changes.Generation, token.HasChanged);
        var second = changes.Token;
        time.Advance(TimeSpan.FromSeconds(5));
        changes.BatchCommitted();
        time.Advance(TimeSpan.FromSeconds(5));
        changes.BatchCommitted();
        var duringInterval = (changes.Generation, second.HasChanged);
        time.Advance(TimeSpan.FromSeconds(20));
        var atItsEnd = (changes.Generation, second.HasChanged);
        time.Advance(TimeSpan.FromMinutes(5));
        var quiet = changes.Generation;

        Assert.Equal((1L, true), afterFirst);
        Assert.Equal((1L, false), duringInterval);
        Assert.Equal((2L, true), atItsEnd);
        Assert.Equal(2L, quiet);
    }

    [Fact]
    public void A_deliberate_edit_is_signalled_at_once_even_while_batches_wait()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2023, 6, 1, 8, 0, 0, TimeSpan.Zero));
        using var changes = Create(time, 30);
        changes.BatchCommitted();
        changes.BatchCommitted();
        var token = changes.Token;

        changes.Changed();
        var afterEdit = (changes.Generation, token.HasChanged);
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal((2L, true), afterEdit);
        Assert.Equal(2L, changes.Generation);
    }

    [Fact]
    public void With_no_interval_every_batch_is_signalled()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2023, 6, 1, 8, 0, 0, TimeSpan.Zero));
        using var changes = Create(time, 0);

        changes.BatchCommitted();
        changes.BatchCommitted();
        changes.BatchCommitted();

        Assert.Equal(3L, changes.Generation);
    }
}
