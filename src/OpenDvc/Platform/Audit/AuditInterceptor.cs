using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenDvc.Platform.Audit;

/// <summary>
/// Writes an audit row, in the same transaction, for every added, changed or deleted <see cref="IAudited"/> entity,
/// so no code path can change registry data without leaving a trace.
/// </summary>
public sealed class AuditInterceptor(ICurrentActor actor, TimeProvider time, Database.DataChanges changes) : SaveChangesInterceptor
{
    // Saved rows may be behind cached figures (registry facts, definitions): caches listening to DataChanges drop them.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        changes.Changed();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        changes.Changed();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddAuditEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddAuditEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in entries)
        {
            // A change only to secrets (a password hash, a security stamp) is recorded by the code that makes it,
            // with a named action, because its before and after would show nothing.
            if (entry.State == EntityState.Modified && !entry.Properties.Any(p => p.IsModified && !IsSecret(p.Metadata.Name)))
            {
                continue;
            }

            context.Add(new AuditEntry
            {
                At = now,
                Actor = actor.Name,
                Action = entry.State switch
                {
                    EntityState.Added => "create",
                    EntityState.Deleted => "delete",
                    _ => "update",
                },
                EntityType = entry.Metadata.ClrType.Name,
                EntityKey = ((IAudited)entry.Entity).AuditKey ?? KeyOf(entry),
                UnitCode = ((IAudited)entry.Entity).AuditUnitCode,
                Before = entry.State == EntityState.Added ? null : Snapshot(entry, original: true),
                After = entry.State == EntityState.Deleted ? null : Snapshot(entry, original: false),
            });
        }
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
