using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace OpenDvc.Platform.Database;

/// <summary>
/// Tells caches of computed figures that the data behind them changed: an ingest committed a batch, or a save through
/// the context (registry, definitions, editions) changed rows. A cache entry takes <see cref="Token"/> when it starts
/// computing, so a change during the computation also evicts it.
/// A deliberate edit is signalled at once. Ingest batches are coalesced: the first after a quiet spell is signalled at
/// once, the ones that follow within <see cref="DataChangesOptions.BatchInterval"/> once at its end. One-stop systems
/// sync all day, a batch every few seconds; without this every batch would throw away every cached figure and page,
/// and the next visitor of each would wait for it to be computed again from the rollups.
/// </summary>
public sealed class DataChanges : IDisposable
{
    private readonly TimeProvider time;
    private readonly TimeSpan batchInterval;
    private readonly Lock gate = new();
    private CancellationTokenSource source = new();
    private long generation;
    private DateTimeOffset lastSignal = DateTimeOffset.MinValue;
    private ITimer? due;

    public DataChanges(TimeProvider time, IOptions<DataChangesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.time = time;
        batchInterval = options.Value.BatchInterval;
    }

    public IChangeToken Token => new CancellationChangeToken(Volatile.Read(ref source).Token);

    /// <summary>Counts the signals: a cache keyed by it never serves what was computed before the latest one.</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>A deliberate edit (registry, definitions, a published edition): caches drop their figures now.</summary>
    public void Changed()
    {
        CancellationTokenSource replaced;
        lock (gate)
        {
            replaced = Signal();
        }

        replaced.Cancel();
    }

    /// <summary>An ingest batch committed: signalled now after a quiet spell, otherwise once at the end of the interval.</summary>
    public void BatchCommitted()
    {
        CancellationTokenSource? replaced = null;
        lock (gate)
        {
            if (due is not null)
            {
                return;
            }

            var wait = lastSignal + batchInterval - time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                replaced = Signal();
            }
            else
            {
                due = time.CreateTimer(_ => Changed(), null, wait, Timeout.InfiniteTimeSpan);
            }
        }

        replaced?.Cancel();
    }

    // Under the gate. The replaced source is cancelled by the caller outside the gate, and not disposed: a reader may
    // still be taking a token from it.
    private CancellationTokenSource Signal()
    {
        due?.Dispose();
        due = null;
        lastSignal = time.GetUtcNow();
        Interlocked.Increment(ref generation);
        return Interlocked.Exchange(ref source, new CancellationTokenSource());
    }

    public void Dispose()
    {
        lock (gate)
        {
            due?.Dispose();
            due = null;
        }

        source.Dispose();
    }
}

/// <summary>Configuration section <c>DataChanges</c>.</summary>
public sealed class DataChangesOptions
{
    /// <summary>How often, at most, ingest batches renew cached figures and public pages (<c>DataChanges:BatchInterval</c>, default 30 s; 0 = every batch).</summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the server looks for writes of other processes (<c>DataChanges:PollInterval</c>, default 2 s; 0 = never; <see cref="DataChangeFeed"/>).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
