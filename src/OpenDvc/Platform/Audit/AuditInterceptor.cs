using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpenDvc.Platform.Audit;

/// <summary>
/// Writes an audit row, in the same transaction, for every added, changed or deleted <see cref="IAudited"/> entity,
/// so no code path can change registry data without leaving a trace.
/// </summary>
/// <remarks>
/// The changes are seen before the save, but their rows are written after it, when the database has given added rows
/// their keys (before, EF Core holds temporary ones, the same for every context). Both saves share one transaction:
/// the caller's, or one begun here and committed once the audit rows are in, so an audit row is never written
/// without its change, nor a change without its row.
/// </remarks>
public sealed class AuditInterceptor(ICurrentActor actor, TimeProvider time, Database.DataChanges changes) : SaveChangesInterceptor
{
    private List<Change> seen = [];
    private IDbContextTransaction? own;
    private bool writing;

    /// <summary>An audited row as it was before the save; its key and after-image are read once the save gave it its key.</summary>
    private sealed record Change(EntityEntry Entry, string Action, string? Key, string? UnitCode, string? Before);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (!writing && eventData.Context is { } context && See(context))
        {
            own = context.Database.BeginTransaction();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!writing && eventData.Context is { } context && See(context))
        {
            own = await context.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (AuditRowsAdded(eventData.Context) is { } context)
        {
            try
            {
                context.SaveChanges();
                own?.Commit();
            }
            finally
            {
                Written();
            }
        }

        return Saved(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (AuditRowsAdded(eventData.Context) is { } context)
        {
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                if (own is not null)
                {
                    await own.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                Written();
            }
        }

        return Saved(result);
    }

    // A save that fails, is cancelled or meets a concurrency conflict takes its audit rows with it: the transaction
    // begun here is rolled back (a caller's is the caller's to roll back).
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget();
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget();
        return Task.CompletedTask;
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Forget();
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Forget();
        return ValueTask.FromResult(result);
    }

    /// <summary>Notes the audited changes about to be saved; true when they need a transaction begun here.</summary>
    private bool See(DbContext context)
    {
        Forget();
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            // A change only to secrets (a password hash, a security stamp) is recorded by the code that makes it,
            // with a named action, because its before and after would show nothing.
            if (entry.State == EntityState.Modified && !entry.Properties.Any(p => p.IsModified && !IsSecret(p.Metadata.Name)))
            {
                continue;
            }

            var audited = (IAudited)entry.Entity;
            seen.Add(entry.State switch
            {
                EntityState.Added => new Change(entry, "create", null, null, null),
                EntityState.Deleted => new Change(entry, "delete", audited.AuditKey ?? KeyOf(entry), audited.AuditUnitCode, Snapshot(entry, original: true)),
                _ => new Change(entry, "update", null, null, Snapshot(entry, original: true)),
            });
        }

        return seen.Count > 0 && context.Database.CurrentTransaction is null && context.Database.AutoTransactionBehavior != AutoTransactionBehavior.Never;
    }

    /// <summary>Adds the audit rows of the changes just saved, now that they have their keys; the context to save them with, if any.</summary>
    private DbContext? AuditRowsAdded(DbContext? context)
    {
        if (writing || context is null || seen.Count == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        foreach (var change in seen)
        {
            var audited = (IAudited)change.Entry.Entity;
            var deleted = change.Action == "delete";
            context.Add(new AuditEntry
            {
                At = now,
                Actor = actor.Name,
                Action = change.Action,
                EntityType = change.Entry.Metadata.ClrType.Name,
                EntityKey = deleted ? change.Key! : audited.AuditKey ?? KeyOf(change.Entry),
                UnitCode = deleted ? change.UnitCode : audited.AuditUnitCode,
                Before = change.Before,
                After = deleted ? null : Snapshot(change.Entry, original: false),
            });
        }

        writing = true;
        return context;
    }

    private void Written()
    {
        writing = false;
        Forget();
    }

    // Saved rows may be behind cached figures (registry facts, definitions): caches listening to DataChanges drop them.
    private int Saved(int result)
    {
        if (!writing)
        {
            changes.Changed();
        }

        return result;
    }

    private void Forget()
    {
        seen = [];
        own?.Dispose();
        own = null;
    }

    /// <summary>
    /// Never written to the audit log: password and key hashes, security and concurrency stamps, secrets.
    /// Matched by name so an entity added later cannot leak one by forgetting to opt out.
    /// </summary>
    public static bool IsSecret(string propertyName) =>
        propertyName.Contains("Hash", StringComparison.OrdinalIgnoreCase)
        || propertyName.Contains("Stamp", StringComparison.OrdinalIgnoreCase)
        || propertyName.Contains("Secret", StringComparison.OrdinalIgnoreCase)
        || propertyName.Contains("Password", StringComparison.OrdinalIgnoreCase);

    private static string KeyOf(EntityEntry entry) =>
        string.Join('|', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (property.Metadata.IsShadowProperty() || IsSecret(property.Metadata.Name))
            {
                continue;
            }

            values[property.Metadata.Name] = original ? property.OriginalValue : property.CurrentValue;
        }

        return JsonSerializer.Serialize(values);
    }
}
