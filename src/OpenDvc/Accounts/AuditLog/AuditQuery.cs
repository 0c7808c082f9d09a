using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Time;
using OpenDvc.Platform.Web;

namespace OpenDvc.Accounts.AuditLog;

/// <summary>
/// The audit log's filters, shared by the admin page, the API and the export (the same query-string names everywhere,
/// so the page's export link is its own query string). Dates are calendar days in Vietnam time, both inclusive.
/// </summary>
public sealed record AuditFilter(string? EntityType, string? EntityKey, string? Unit, string? Actor, DateOnly? From, DateOnly? To)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query)
    {
        if (!string.IsNullOrWhiteSpace(EntityType))
        {
            query = query.Where(e => e.EntityType == EntityType.Trim());
        }

        if (!string.IsNullOrWhiteSpace(EntityKey))
        {
            query = query.Where(e => e.EntityKey == EntityKey.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Unit))
        {
            query = query.Where(e => e.UnitCode == Unit.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Actor))
        {
            query = query.Where(e => e.Actor == Actor.Trim());
        }

        // The calendar's first day begins before the first UTC instant and its last has no next day: no bound there.
        if (From is { } from && from > DateOnly.MinValue)
        {
            // PostgreSQL's timestamptz takes UTC instants only.
            var start = VietnamTime.StartOfDay(from).ToUniversalTime();
            query = query.Where(e => e.At >= start);
        }

        if (To is { } to && to < DateOnly.MaxValue)
        {
            var end = VietnamTime.StartOfDay(to.AddDays(1)).ToUniversalTime();
            query = query.Where(e => e.At < end);
        }

        return query;
    }

    /// <summary>One page, newest first, by keyset on the id (the cursor is the last id shown).</summary>
    public async Task<Page<AuditEntry>> PageAsync(IQueryable<AuditEntry> source, string? after, int? limit, CancellationToken cancellationToken)
    {
        var take = Keyset.Limit(limit);
        var query = Apply(source.AsNoTracking());
        if (long.TryParse(Keyset.Decode(after, 1)?[0], NumberStyles.None, CultureInfo.InvariantCulture, out var afterId))
        {
            query = query.Where(e => e.Id < afterId);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(cancellationToken);
        return Keyset.ToPage(rows, take, e => [e.Id.ToString(CultureInfo.InvariantCulture)]);
    }
}

/// <summary>One field of an audited row, before and after a change.</summary>
public sealed record AuditField(string Name, string? Before, string? After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);

    /// <summary>The union of the fields of the before and after snapshots, by name.</summary>
    public static IReadOnlyList<AuditField> Compare(string? before, string? after)
    {
        var old = Read(before);
        var now = Read(after);
        return old.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Select(name => new AuditField(name, old.GetValueOrDefault(name), now.GetValueOrDefault(name)))
            .ToList();
    }

    private static Dictionary<string, string?> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind != JsonValueKind.Object
            ? []
            : document.RootElement.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => p.Value.GetString(),
                    _ => p.Value.GetRawText(),
                },
                StringComparer.Ordinal);
    }
}
