using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Ledger.Sync;

/// <summary>
/// What one sync request may cost, section <c>Ledger:Sync</c> (e.g. <c>Ledger__Sync__MaxRecords</c>); validated at start.
/// Every limit is checked before the work it bounds and answered with 413 or 429 and a problem document
/// (docs/security.md, "Limits").
/// </summary>
public sealed class SyncOptions
{
    public const string Section = "Ledger:Sync";

    /// <summary>Records in one request; a request with more is refused whole (413 <c>OD-SYNC-TOO-MANY-RECORDS</c>).</summary>
    [Range(1, 100_000)]
    public int MaxRecords { get; set; } = 10_000;

    /// <summary>Bytes of body as sent, compressed or not (413 <c>OD-SYNC-BODY-TOO-LARGE</c>), with or without Content-Length.</summary>
    [Range(1_024, 256L << 20)]
    public long MaxBodyBytes { get; set; } = 16L << 20;

    /// <summary>Bytes the body may expand to once decompressed (413 <c>OD-SYNC-BODY-TOO-LARGE</c>).</summary>
    [Range(1_024, 1L << 30)]
    public long MaxDecodedBytes { get; set; } = 32L << 20;

    /// <summary>Decoded bytes per gzip byte, checked after the first MiB (413 <c>OD-SYNC-COMPRESSION-RATIO</c>).</summary>
    [Range(2, 10_000)]
    public int MaxCompressionRatio { get; set; } = 64;

    /// <summary>Refused records a unit's keys may have kept in quarantine per day (Vietnam time); past it they are answered, not kept.</summary>
    [Range(0, 10_000_000)]
    public int QuarantinePerUnitPerDay { get; set; } = 20_000;

    /// <summary>Sync requests of one unit at the same time; one more is answered 429 <c>OD-SYNC-BUSY</c> at once.</summary>
    [Range(1, 64)]
    public int MaxConcurrentPerUnit { get; set; } = 2;

    /// <summary>Sync requests of all units at the same time; one more waits up to <see cref="QueueTimeout"/>, then 429.</summary>
    [Range(1, 256)]
    public int MaxConcurrent { get; set; } = 8;

    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
