using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;

namespace OpenDvc.Directives.Reminders;

public sealed record ReminderView(long Id, int DeliverableId, string UnitCode, int OffsetDays, DateOnly DueDate, DateTimeOffset CreatedAt, string? Email, string Subject, string Body, ReminderDelivery Delivery, string? Error);

/// <summary>The reminder log: a focal point reads its own unit's reminders (in-app), staff read all (and the e-mail outbox).</summary>
public static class RemindersApi
{
    public static void MapRemindersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reminders", ListReminders).WithTags("Reminders").RequireAuthorization()
            .WithName(nameof(ListReminders)).WithSummary("Reminders, newest first (unit: a focal point sees only its own; delivery: Outbox for the development outbox).");
    }

    public static async Task<Results<Ok<Page<ReminderView>>, ProblemHttpResult>> ListReminders(
        string? unit, ReminderDelivery? delivery, string? after, int? limit, ClaimsPrincipal user, OpenDvcDbContext db, CancellationToken ct)
    {
        var scope = UnitAccess.IsStaff(user) ? unit : UnitAccess.UnitOf(user);
        if (scope is null && !UnitAccess.IsStaff(user))
        {
            return Problems.Forbidden();
        }

        if (unit is not null && scope != unit)
        {
            return Problems.Forbidden();
        }

        return TypedResults.Ok(await PageAsync(db, scope, delivery, after, limit, ct));
    }

    public static async Task<Page<ReminderView>> PageAsync(OpenDvcDbContext db, string? unit, ReminderDelivery? delivery, string? after, int? limit, CancellationToken ct)
    {
        var take = Keyset.Limit(limit);
        var query = db.Set<ReminderLog>().AsNoTracking().Where(r => (unit == null || r.UnitCode == unit) && (delivery == null || r.Delivery == delivery));
        if (Keyset.Decode(after, 1)?[0] is { } cursor && long.TryParse(cursor, System.Globalization.CultureInfo.InvariantCulture, out var before))
        {
            query = query.Where(r => r.Id < before);
        }

        var rows = await query.OrderByDescending(r => r.Id).Take(take + 1)
            .Select(r => new ReminderView(r.Id, r.DeliverableId, r.UnitCode, r.OffsetDays, r.DueDate, r.CreatedAt, r.Email, r.Subject, r.Body, r.Delivery, r.Error))
            .ToListAsync(ct);
        return Keyset.ToPage(rows, take, r => [r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }
}
