using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using OpenDvc.Platform.Database;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// Writes batches of ledger entries: the dossier rows, their rollup deltas and the quarantined records of a batch
/// are written in one transaction, so a crash leaves a batch wholly stored or wholly absent. A writer opened to
/// group commits may keep several batches in one transaction until <see cref="FlushAsync"/> (or its own limit);
/// otherwise each batch is committed before <see cref="WriteAsync"/> returns. Two real implementations
/// (docs/decisions/002-ef-without-repositories.md): SQLite prepared statements and PostgreSQL binary COPY. One writer
/// per ingest run or request; it owns an open connection, and is not thread-safe.
/// </summary>
public interface IDossierWriter : IAsyncDisposable
{
    Task<BatchResult> WriteAsync(IReadOnlyList<LedgerEntry> batch, CancellationToken cancellationToken);

    /// <summary>Commits the batches written since the last commit. Disposing a writer without it rolls them back.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}

public static class DossierWriter
{
    /// <summary>
    /// Records per transaction for bulk ingest: large enough to amortise the commit and the round trips, small enough
    /// to bound memory (three batches are alive at once: being read, queued, being written). Measured
    /// (docs/benchmarks.md): 10,000 keeps a large stream's peak working set under 400 MiB and is no slower than 50,000.
    /// </summary>
    public const int BulkBatchSize = 10_000;

    /// <summary>
    /// Records per transaction when the caller groups batches: random MaHoSo keys dirty pages all over the key
    /// indexes, and every commit writes each dirty page out once (SQLite to its WAL, which a checkpoint copies back),
    /// however few of its rows changed; five batches to a commit write most of those pages once instead of five times
    /// (docs/benchmarks.md, change 14). The memory a batch holds is freed as soon as it is written.
    /// </summary>
    public const int GroupRecords = 50_000;

    /// <summary>
    /// Opens the writer for the context's provider for the context's database: PostgreSQL on the context's
    /// connection, SQLite on a connection of its own. With <paramref name="groupCommits"/> the writer keeps up to
    /// <see cref="GroupRecords"/> records in a transaction (the caller flushes).
    /// </summary>
    public static async Task<IDossierWriter> OpenAsync(OpenDvcDbContext db, TimeProvider time, CancellationToken cancellationToken, bool groupCommits = false)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        DbConnection connection = db.Database.GetDbConnection();
        IDossierWriter writer = connection switch
        {
            Microsoft.Data.Sqlite.SqliteConnection sqlite => await SqliteDossierWriter.OpenAsync(sqlite, time, groupCommits, cancellationToken),
            Npgsql.NpgsqlConnection postgres => await PostgresDossierWriter.OpenAsync(postgres, time, groupCommits, cancellationToken),
            _ => throw new NotSupportedException($"no dossier writer for {connection.GetType().Name}"),
        };
        var changes = db.GetService<IDbContextOptions>()
            .FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<DataChanges>();
        return changes is null ? writer : new SignallingWriter(writer, changes);
    }

    /// <summary>
    /// Every write path of the ledger goes through a writer: after each batch and each flush, caches of figures
    /// learn the ledger changed (coalesced, see <see cref="DataChanges"/>; the flush's signal covers the batches of
    /// a grouped commit).
    /// </summary>
    private sealed class SignallingWriter(IDossierWriter inner, DataChanges changes) : IDossierWriter
    {
        public async Task<BatchResult> WriteAsync(IReadOnlyList<LedgerEntry> batch, CancellationToken cancellationToken)
        {
            var result = await inner.WriteAsync(batch, cancellationToken);
            changes.BatchCommitted();
            return result;
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            await inner.FlushAsync(cancellationToken);
            changes.BatchCommitted();
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
