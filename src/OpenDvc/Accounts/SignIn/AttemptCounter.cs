namespace OpenDvc.Accounts.SignIn;

/// <summary>
/// Counts attempts per key in fixed windows (a window starts at a key's first attempt), remembering at most
/// <c>maxKeys</c> keys.
/// </summary>
internal sealed class AttemptCounter(int limit, TimeSpan window, int maxKeys, TimeProvider time)
{
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> windows = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public int TrackedKeys
    {
        get
        {
            lock (gate)
            {
                return windows.Count;
            }
        }
    }

    /// <summary>Takes an attempt for the key; false, with the time until its window ends, when the key has used its limit.</summary>
    public bool TryTake(string key, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!windows.TryGetValue(key, out var current) || now - current.Start >= window)
            {
                if (!windows.ContainsKey(key) && windows.Count >= maxKeys)
                {
                    MakeRoom(now);
                }

                current = (now, 0);
            }

            if (current.Count >= limit)
            {
                retryAfter = current.Start + window - now;
                return false;
            }

            windows[key] = (current.Start, current.Count + 1);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Gives back an attempt that succeeded, so only failures use up the limit.</summary>
    public void GiveBack(string key)
    {
        lock (gate)
        {
            if (windows.TryGetValue(key, out var current) && current.Count > 0)
            {
                windows[key] = (current.Start, current.Count - 1);
            }
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (key, (start, _)) in windows)
        {
            if (now - start >= window)
            {
                windows.Remove(key);
            }
        }

        // Still full: the oldest window goes. An attacker who floods the table frees one key's count at best; a real
        // account's lockout in the database still holds.
        if (windows.Count >= maxKeys)
        {
            windows.Remove(windows.MinBy(w => w.Value.Start).Key);
        }
    }
}
