using Microsoft.Extensions.Primitives;

namespace OpenDvc.Platform.Database;

/// <summary>
/// Tells caches of computed figures that the data behind them changed: an ingest committed a batch, or a save through
/// the context (registry, definitions, editions) changed rows. A cache entry takes <see cref="Token"/> when it starts
/// computing, so a change during the computation also evicts it.
/// </summary>
public sealed class DataChanges : IDisposable
{
    private CancellationTokenSource source = new();
    private long generation;

    /// <summary>Counts the changes: a cache keyed by it never serves what was computed before the latest one.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public IChangeToken Token => new CancellationChangeToken(Volatile.Read(ref source).Token);

    // The replaced source is cancelled, not disposed: a reader may still be taking a token from it.
    public void Changed()
    {
        Interlocked.Increment(ref generation);
        Interlocked.Exchange(ref source, new CancellationTokenSource()).Cancel();
    }

    public void Dispose() => source.Dispose();
}
