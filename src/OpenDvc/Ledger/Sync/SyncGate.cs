using Microsoft.Extensions.Options;

namespace OpenDvc.Ledger.Sync;

/// <summary>
/// Bounds the sync requests in flight, per unit and in all, before any body is read: each holds up to its
/// <see cref="SyncOptions.MaxDecodedBytes"/> of records in memory until it is written, so the server's memory for sync is
/// bounded by the number let in.
/// </summary>
public sealed class SyncGate(IOptions<SyncOptions> options) : IDisposable
{
    private readonly SyncOptions limits = options.Value;
    private readonly SemaphoreSlim all = new(options.Value.MaxConcurrent, options.Value.MaxConcurrent);
    private readonly Dictionary<string, int> perUnit = new(StringComparer.Ordinal);

    /// <summary>A place for one request of <paramref name="unit"/>, or null: the unit is at its limit, or no place came free in time.</summary>
    public async Task<IDisposable?> EnterAsync(string unit, CancellationToken cancellationToken)
    {
        lock (perUnit)
        {
            var running = perUnit.GetValueOrDefault(unit);
            if (running >= limits.MaxConcurrentPerUnit)
            {
                return null;
            }

            perUnit[unit] = running + 1;
        }

        var entered = false;
        try
        {
            entered = await all.WaitAsync(limits.QueueTimeout, cancellationToken);
        }
        finally
        {
            if (!entered)
            {
                Leave(unit);
            }
        }

        return entered ? new Place(this, unit) : null;
    }

    public void Dispose() => all.Dispose();

    private void Leave(string unit)
    {
        lock (perUnit)
        {
            var running = perUnit[unit] - 1;
            if (running == 0)
            {
                perUnit.Remove(unit);
            }
            else
            {
                perUnit[unit] = running;
            }
        }
    }

    private sealed class Place(SyncGate gate, string unit) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                gate.all.Release();
                gate.Leave(unit);
            }
        }
    }
}
