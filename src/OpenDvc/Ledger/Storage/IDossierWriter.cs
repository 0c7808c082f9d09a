using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using OpenDvc.Platform.Database;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// Writes batches of ledger entries: each batch is one transaction holding the dossier rows, their rollup deltas
/// and the quarantined records, so a crash leaves a batch wholly stored or wholly absent. Two real
/// implementations (CONVENTIONS.md, "Data"): SQLite prepared statements and PostgreSQL binary COPY. One writer
/// per ingest run or request; it owns an open connection, and is not thread-safe.
/// </summary>
public interface IDossierWriter : IAsyncDisposable
{
    Task<BatchResult> WriteAsync(IReadOnlyList<LedgerEntry> batch, CancellationToken cancellationToken);
}

public static class DossierWriter
{
    /// <summary>
    /// Records per transaction for bulk ingest: large enough to amortise the commit and the round trips, small enough
    /// to bound memory (three batches are alive at once: being read, queued, being written). Measured
    /// (docs/benchmarks.md): 10,000 keeps a large stream's peak working set under 400 MiB and is no slower than 50,000.
    /// </summary>
    public const int BulkBatchSize = 10_000;

    /// <summary>Opens the writer for the context's provider for the context's database: PostgreSQL on the context's connection, SQLite on a connection of its own.</summary>
    public static async Task<IDossierWriter> OpenAsync(OpenDvcDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        DbConnection connection = db.Database.GetDbConnection();
        IDossierWriter writer = connection switch
        {
            Microsoft.Data.Sqlite.SqliteConnection sqlite => await SqliteDossierWriter.OpenAsync(sqlite, time, cancellationToken),
            Npgsql.NpgsqlConnection postgres => await PostgresDossierWriter.OpenAsync(postgres, time, cancellationToken),
            _ => throw new NotSupportedException($"no dossier writer for {connection.GetType().Name}"),
        };
        var changes = db.GetService<IDbContextOptions>()
            .FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<DataChanges>();
        return changes is null ? writer : new SignallingWriter(writer, changes);
    }

    /// <summary>Every write path of the ledger goes through a writer: after each batch, caches of figures learn the ledger changed (coalesced, see <see cref="DataChanges"/>).</summary>
    private sealed class SignallingWriter(IDossierWriter inner, DataChanges changes) : IDossierWriter
    {
        public async Task<BatchResult> WriteAsync(IReadOnlyList<LedgerEntry> batch, CancellationToken cancellationToken)
        {
            var result = await inner.WriteAsync(batch, cancellationToken);
            changes.BatchCommitted();
            return result;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
