using System.Text.Json;
using OpenDvc.Platform.Database;

namespace OpenDvc.Platform.Audit;

/// <summary>
/// Records a change the interceptor cannot see by itself: a role membership (a row of a table that is not
/// <see cref="IAudited"/>) or a password change (whose only changes are secrets). Saved with the caller's next save.
/// </summary>
public sealed class AuditTrail(OpenDvcDbContext db, ICurrentActor actor, TimeProvider time)
{
    public void Record(string action, string entityType, string entityKey, string? unitCode, object? before, object? after) =>
        db.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityKey = entityKey,
            UnitCode = unitCode,
            Before = before is null ? null : JsonSerializer.Serialize(before),
            After = after is null ? null : JsonSerializer.Serialize(after),
        });
}
