using System.Threading.Channels;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Storage;
using OpenDvc.Platform.Database;

namespace OpenDvc.Ledger.Ingest;

/// <summary>The closing count of an ingest: read = accepted + unchanged + stale + quarantined, always.</summary>
public sealed class IngestSummary
{
    private readonly Dictionary<string, IngestRefusal> refusals = [];

    public long Read { get; private set; }
    public long Accepted { get; private set; }
    public long Unchanged { get; private set; }
    public long Stale { get; private set; }
    public long Quarantined { get; private set; }

    /// <summary>Quarantine rows that were new (the rest were the same bad records, already kept).</summary>
    public long QuarantineAdded { get; private set; }

    /// <summary>Whether the run changed anything at all: a re-run of the same file does not.</summary>
    public bool ChangedAnything => Accepted > 0 || QuarantineAdded > 0;

    /// <summary>Records refused, and none taken into the ledger (accepted, unchanged or stale): the input or the catalog is wrong.</summary>
    public bool RefusedEverything => Quarantined > 0 && Quarantined == Read;

    /// <summary>Refused records by reason code, most frequent first; a record refused for two reasons counts under both.</summary>
    public IReadOnlyList<IngestRefusal> Refusals => refusals.Values.OrderByDescending(r => r.Count).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();

    public void Add(BatchResult batch)
    {
        foreach (var result in batch.Results)
        {
            Read++;
            switch (result.Outcome)
            {
                case LedgerOutcome.Accepted: Accepted++; break;
                case LedgerOutcome.Unchanged: Unchanged++; break;
                case LedgerOutcome.Stale: Stale++; break;
                default:
                    Quarantined++;
                    foreach (var reason in result.Reasons)
                    {
                        Refuse(reason, 1);
                    }

                    break;
            }
        }

        QuarantineAdded += batch.QuarantineAdded;
    }

    public void Add(IngestSummary other)
    {
        Read += other.Read;
        Accepted += other.Accepted;
        Unchanged += other.Unchanged;
        Stale += other.Stale;
        Quarantined += other.Quarantined;
        QuarantineAdded += other.QuarantineAdded;
        foreach (var refusal in other.refusals.Values)
        {
            Refuse(refusal.Reason, refusal.Count);
        }
    }

    /// <summary>Counts under the code's name: <c>DATE_ORDER:NgayTra</c> and <c>DATE_ORDER:NgayTiepNhan</c> are one reason.</summary>
    private void Refuse(QuarantineReason reason, long count)
    {
        var colon = reason.Code.IndexOf(':', StringComparison.Ordinal);
        var code = colon < 0 ? reason.Code : reason.Code[..colon];
        if (!refusals.TryGetValue(code, out var refusal))
        {
            refusals[code] = refusal = new IngestRefusal(code, reason);
        }

        refusal.Count += count;
    }

    /// <summary>The closing line, with invariant digit grouping so logs and scripts read it the same everywhere.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"read {Read:N0} = accepted {Accepted:N0} + unchanged {Unchanged:N0} + stale {Stale:N0} + quarantined {Quarantined:N0}");
}

/// <summary>How many records an ingest refused for one reason code, with the code's messages.</summary>
public sealed class IngestRefusal(string code, QuarantineReason reason)
{
    public string Code { get; } = code;

    /// <summary>One of the code's reasons as stored in quarantine: its messages in Vietnamese and English.</summary>
    public QuarantineReason Reason { get; } = reason;

    public long Count { get; internal set; }
}

/// <summary>How one stream is ingested.</summary>
public sealed record IngestOptions(string Source)
{
    public DossierFormat? Format { get; init; }

    /// <summary>The sync API's caller: records of any other unit are refused.</summary>
    public string? CallerUnit { get; init; }

    public int BatchSize { get; init; } = DossierWriter.BulkBatchSize;

    /// <summary>
    /// The most records the input may hold (the sync API's limit per request). When set, the whole input is one batch
    /// and one transaction, written only once it has been read whole: an input past a limit stores nothing.
    /// </summary>
    public int? MaxRecords { get; init; }

    /// <summary>The most bytes the input may expand to once decompressed (<see cref="DossierReader.MaxDecodedBytes"/>).</summary>
    public long MaxDecodedBytes { get; init; } = long.MaxValue;

    /// <summary>The most a gzip input may expand per compressed byte (<see cref="DossierReader.MaxCompressionRatio"/>).</summary>
    public int MaxCompressionRatio { get; init; } = int.MaxValue;

    /// <summary>Quarantine rows this run may still add; past it refused records are answered but not kept.</summary>
    public QuarantineQuota? QuarantineQuota { get; init; }

    /// <summary>Called after each batch is committed, with its entries and their outcomes (progress, the sync API's answer).</summary>
    public Action<IReadOnlyList<LedgerEntry>, BatchResult>? OnBatch { get; init; }
}

/// <summary>
/// Streams records into the ledger: the reader never holds more than a record, entries are cut into batches of
/// <see cref="IngestOptions.BatchSize"/>, and the writer groups batches into commits while the next batch is
/// already waiting (committing whenever it would otherwise wait, and at the end). Reading and validating
/// the next batch overlaps writing the current one (a one-slot channel between two tasks), which is what two
/// cores can give. The catalog is read once per run.
/// </summary>
public sealed class DossierIngest(IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task<IngestSummary> IngestAsync(Stream input, IngestOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var catalog = await CatalogSnapshot.LoadAsync(db, cancellationToken);
        var entries = new LedgerEntries(new DossierValidator(catalog, time), options.Source, options.CallerUnit);
        await using var writer = await DossierWriter.OpenAsync(db, time, cancellationToken, groupCommits: true);

        var batches = System.Threading.Channels.Channel.CreateBounded<LedgerBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(input, options, entries, batches.Writer, stop.Token), stop.Token);

        var summary = new IngestSummary();
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                var result = await writer.WriteAsync(batch, stop.Token);
                summary.Add(result);
                options.OnBatch?.Invoke(batch, result);
                if (!batches.Reader.TryPeek(out _))
                {
                    // Nothing to write next: commit now rather than hold the ledger's write lock while waiting.
                    await writer.FlushAsync(stop.Token);
                }
            }

            await writer.FlushAsync(stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The writer failed or the run was cancelled; the writer's exception (if any) is the one to see.
            }
        }

        return summary;
    }

    private static LedgerBatch NewBatch(IngestOptions options) =>
        new(Math.Min(options.BatchSize, 4096)) { Quota = options.QuarantineQuota };

    private static async Task ProduceAsync(Stream input, IngestOptions options, LedgerEntries entries, ChannelWriter<LedgerBatch> output, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = new DossierReader(input, options.Format, leaveOpen: true)
            {
                MaxDecodedBytes = options.MaxDecodedBytes,
                MaxCompressionRatio = options.MaxCompressionRatio,
            };
            var batchSize = options.MaxRecords is null ? options.BatchSize : int.MaxValue;
            var batch = NewBatch(options);
            await foreach (var line in reader.ReadAsync(cancellationToken))
            {
                if (batch.Count == options.MaxRecords)
                {
                    throw new InputTooLargeException(InputLimit.Records, options.MaxRecords.Value);
                }

                batch.Add(entries.From(line, reader.CsvHeader));
                if (batch.Count >= batchSize)
                {
                    await output.WriteAsync(batch.Prepare(), cancellationToken);
                    batch = NewBatch(options);
                }
            }

            if (batch.Count > 0)
            {
                await output.WriteAsync(batch.Prepare(), cancellationToken);
            }

            output.Complete();
        }
        catch (Exception error)
        {
            output.Complete(error);
            throw;
        }
    }
}
