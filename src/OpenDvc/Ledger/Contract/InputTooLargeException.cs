namespace OpenDvc.Ledger.Contract;

/// <summary>Which of a sync request's stated limits an input went past (docs/security.md, "Limits").</summary>
public enum InputLimit
{
    /// <summary>More records than one request may carry.</summary>
    Records,

    /// <summary>More bytes once decompressed than one request may expand to.</summary>
    DecodedBytes,

    /// <summary>A gzip body that expands more than the stated ratio.</summary>
    CompressionRatio,
}

/// <summary>
/// An input went past a stated limit while it was being read. Thrown from inside the streaming read, where no result
/// can be returned, and caught by the sync API before anything is written: it answers 413 and stores nothing.
/// </summary>
public sealed class InputTooLargeException(InputLimit limit, long value)
    : Exception($"The input is past its limit: {limit} {value}.")
{
    public InputLimit Limit { get; } = limit;

    /// <summary>The limit that was passed, in its own unit (records, bytes, or decoded bytes per compressed byte).</summary>
    public long Value { get; } = value;
}
