using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
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
        app.MapGet("/api/v1/reminders/export", ExportReminders).WithTags("Reminders").RequireAuthorization()
            .WithName(nameof(ExportReminders)).WithSummary("The same reminders (up to the newest 10,000) as xlsx, csv or pdf.");
    }

    public static readonly IReadOnlyList<ExportColumn<ReminderView>> ExportColumns =
    [
        new("id", r => r.Id),
        new("created_at", r => r.CreatedAt),
        new("unit", r => r.UnitCode),
        new("deliverable", r => r.DeliverableId),
        new("due_date", r => r.DueDate),
        new("offset_days", r => r.OffsetDays),
        new("email", r => r.Email),
        new("subject", r => r.Subject),
        new("delivery", r => r.Delivery),
        new("error", r => r.Error),
    ];

    public static async Task<IResult> ExportReminders(string? unit, ReminderDelivery? delivery, string? format, ClaimsPrincipal user, OpenDvcDbContext db, CancellationToken ct)
    {
        format ??= "xlsx";
        if (Scope(user, unit) is not { } scope)
        {
            return Problems.Forbidden();
        }

        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        var rows = db.Set<ReminderLog>().AsNoTracking().Where(r => (scope.Unit == null || r.UnitCode == scope.Unit) && (delivery == null || r.Delivery == delivery))
            .OrderByDescending(r => r.Id).Take(10_000)
            .Select(r => new ReminderView(r.Id, r.DeliverableId, r.UnitCode, r.OffsetDays, r.DueDate, r.CreatedAt, r.Email, r.Subject, r.Body, r.Delivery, r.Error))
            .AsAsyncEnumerable();
        return await TableExport.ToFileAsync(rows, ExportColumns, format, "reminders", ct);
    }

    /// <summary>The unit a caller may list: staff any (or all), a focal point only its own; null when refused.</summary>
    public static (string? Unit, bool Ok)? Scope(ClaimsPrincipal user, string? unit)
    {
        if (UnitAccess.IsStaff(user))
        {
            return (string.IsNullOrWhiteSpace(unit) ? null : unit, true);
        }

        var own = UnitAccess.UnitOf(user);
        return own is null || (!string.IsNullOrWhiteSpace(unit) && unit != own) ? null : (own, true);
    }

    public static async Task<Results<Ok<Page<ReminderView>>, ProblemHttpResult>> ListReminders(
        string? unit, ReminderDelivery? delivery, string? after, int? limit, ClaimsPrincipal user, OpenDvcDbContext db, CancellationToken ct)
    {
        return Scope(user, unit) is { } scope
            ? TypedResults.Ok(await PageAsync(db, scope.Unit, delivery, after, limit, ct))
            : Problems.Forbidden();
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
