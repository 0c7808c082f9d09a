using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Web;
using OpenDvc.Resources;

namespace OpenDvc.Accounts.AuditLog;

/// <summary>An audit entry on the wire: the before and after snapshots as JSON objects.</summary>
public sealed record AuditEntryView(
    long Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityKey, string? UnitCode,
    JsonElement? Before, JsonElement? After)
{
    public static AuditEntryView From(AuditEntry e) => new(
        e.Id, e.At, e.Actor, e.Action, e.EntityType, e.EntityKey, e.UnitCode, Parse(e.Before), Parse(e.After));

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

/// <summary><c>/api/v1/audit</c>: the audit log, for admins only.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(AccountsModule.AdminPolicy);
        group.MapGet("/", ListAuditEntries).WithName(nameof(ListAuditEntries))
            .WithSummary("The audit log, newest first; filter by entity type, key, unit, actor and date range (Vietnam days).");
        group.MapGet("/export", ExportAuditEntries).WithName(nameof(ExportAuditEntries))
            .WithSummary("The filtered audit log as a spreadsheet: format=xlsx or csv.");
    }

    public static async Task<Ok<Page<AuditEntryView>>> ListAuditEntries(
        [AsParameters] AuditFilter filter, string? after, int? limit, OpenDvcDbContext db, CancellationToken ct)
    {
        var page = await filter.PageAsync(db.Set<AuditEntry>(), after, limit, ct);
        return TypedResults.Ok(new Page<AuditEntryView>(page.Items.Select(AuditEntryView.From).ToList(), page.Next));
    }

    public static async Task<IResult> ExportAuditEntries(
        [AsParameters] AuditFilter filter, string? format, OpenDvcDbContext db, IStringLocalizer<AccountsText> text, CancellationToken ct)
    {
        format ??= "xlsx";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        var rows = filter.Apply(db.Set<AuditEntry>().AsNoTracking()).OrderByDescending(e => e.Id).AsAsyncEnumerable();
        return await TableExport.ToFileAsync(rows, Columns(text), format, "audit-log", ct);
    }

    public static IReadOnlyList<ExportColumn<AuditEntry>> Columns(IStringLocalizer<AccountsText> text) =>
    [
        new(text["Audit.Id"], e => e.Id),
        new(text["Audit.At"], e => e.At),
        new(text["Audit.Actor"], e => e.Actor),
        new(text["Audit.Action"], e => e.Action),
        new(text["Audit.EntityType"], e => e.EntityType),
        new(text["Audit.EntityKey"], e => e.EntityKey),
        new(text["Audit.Unit"], e => e.UnitCode),
        new(text["Audit.Before"], e => e.Before),
        new(text["Audit.After"], e => e.After),
    ];
}
