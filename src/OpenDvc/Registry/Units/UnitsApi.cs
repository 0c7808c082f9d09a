using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Transfer;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Registry.Units;

/// <summary>
/// Public view of a unit as it was on a day (its version then); the focal point's contact details only for those
/// who may read the unit. <see cref="SuccessorCode"/> is set on the code's last version when the code ends.
/// One unit's answer also holds its versions, predecessors and successors.
/// </summary>
public sealed record UnitView(
    string Code, UnitKind Kind, string Name, string ShortName, string? Region, DateOnly ValidFrom, DateOnly? ValidTo,
    string? SuccessorCode, string? FocalPointAgency, string? ContactName, string? ContactEmail, string? ContactPhone)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<UnitVersion>? Versions { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SuccessionView>? Predecessors { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SuccessionView>? Successors { get; init; }

    public static UnitView From(Unit u, bool withContact) => new(
        u.Code, u.Kind, u.Name, u.ShortName, u.Region, u.ValidFrom, u.ValidTo, u.SuccessorCode, u.FocalPointAgency,
        withContact ? u.ContactName : null, withContact ? u.ContactEmail : null, withContact ? u.ContactPhone : null);

    public static UnitView From(Unit u, UnitVersion v, bool withContact) => From(u, withContact) with
    {
        Kind = v.Kind, Name = v.Name, ShortName = v.ShortName, Region = v.Region, ValidFrom = v.ValidFrom, ValidTo = v.ValidTo,
        SuccessorCode = v.ValidTo == u.ValidTo ? u.SuccessorCode : null, FocalPointAgency = v.FocalPointAgency,
    };

    /// <summary>The code on the day with its whole history: the version of that day, else its first (not begun) or last (ended).</summary>
    public static UnitView WithHistory(Unit u, UnitTimeline timeline, DateOnly day, bool withContact)
    {
        var versions = timeline.VersionsOf(u.Code);
        var shown = timeline.VersionAsOf(u.Code, day);
        return (shown is null ? From(u, withContact) : From(u, shown, withContact)) with
        {
            Versions = versions,
            Predecessors = timeline.PredecessorsOf(u.Code).Select(s => SuccessionView.From(s, s.PredecessorCode, timeline)).ToList(),
            Successors = timeline.SuccessorsOf(u.Code).Select(s => SuccessionView.From(s, s.SuccessorCode, timeline)).ToList(),
        };
    }
}

/// <summary>The other side of a succession: its code, its name around the day, when and how.</summary>
public sealed record SuccessionView(string Code, string Name, DateOnly Day, SuccessionKind Kind, string? Note)
{
    /// <summary>A predecessor is named as it was the day before; a successor as it is on the day.</summary>
    public static SuccessionView From(UnitSuccession s, string code, UnitTimeline timeline)
    {
        var version = code == s.PredecessorCode ? timeline.VersionOn(code, s.Day.AddDays(-1)) : timeline.VersionOn(code, s.Day);
        return new(code, version?.Name ?? code, s.Day, s.Kind, s.Note);
    }
}

public static class UnitsApi
{
    public static void MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/units").WithTags("Units");
        group.MapGet("/", ListUnits).WithName(nameof(ListUnits))
            .WithSummary("List the units in force on a day (on=yyyy-MM-dd, default today) as they were then; filters kind, region; by code.");
        group.MapGet("/export", ExportUnits).WithName(nameof(ExportUnits)).WithSummary("Units (same filters) as an Excel, CSV or PDF file.");
        group.MapGet("/{code}", GetUnit).WithName(nameof(GetUnit))
            .WithSummary("One unit as on a day (on=yyyy-MM-dd, default today), with its versions, predecessors and successors.");
        group.MapPut("/{code}/contact", PutUnitContact).RequireAuthorization(AccountsModule.EditPolicy).WithName(nameof(PutUnitContact))
            .WithSummary("Replace a unit's focal point and contact person (admin or the unit's focal point).");
        var admin = group.MapGroup("/changes").RequireAuthorization(AccountsModule.AdminPolicy);
        admin.MapPost("/", RecordUnitChanges).WithName(nameof(RecordUnitChanges))
            .WithSummary("Record future changes (versions, mergers, functions moving): all or none; dryRun=true checks only.");
        admin.MapPost("/import", ImportUnitChanges).WithName(nameof(ImportUnitChanges)).DisableAntiforgery()
            .WithSummary("Record changes from an .xlsx or .csv timeline file (form field 'file'): every row, or nothing and the list of wrong cells.");
    }

    public static async Task<Ok<Page<UnitView>>> ListUnits(OpenDvcDbContext db, HttpContext http, TimeProvider time, [AsParameters] UnitFilter filter, string? after, int? limit, CancellationToken ct)
    {
        var take = Keyset.Limit(limit);
        var afterCode = Keyset.Decode(after, 1)?[0];
        var views = await UnitQueries.ListAsync(db, filter, Platform.Time.VietnamTime.DateOf(time.GetUtcNow()), http.User, ct);
        var rows = views.Where(u => afterCode is null || string.CompareOrdinal(u.Code, afterCode) > 0).Take(take + 1).ToList();
        return TypedResults.Ok(Keyset.ToPage(rows, take, u => [u.Code]));
    }

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportUnits(OpenDvcDbContext db, ClaimsPrincipal user, TimeProvider time, [AsParameters] UnitFilter filter, string? format, CancellationToken ct) =>
        RegistryTables.DownloadAsync(format, async f => await RegistryTables.ToFileAsync(await UnitQueries.ListAsync(db, filter, Platform.Time.VietnamTime.DateOf(time.GetUtcNow()), user, ct), f, ct));

    public static async Task<Results<Ok<UnitView>, ProblemHttpResult>> GetUnit(string code, DateOnly? on, OpenDvcDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, ct);
        return unit is null
            ? UnknownUnit(code)
            : TypedResults.Ok(UnitView.WithHistory(unit, await UnitTimeline.LoadAsync(db, ct), on ?? Platform.Time.VietnamTime.DateOf(time.GetUtcNow()), UnitAccess.CanRead(http.User, code)));
    }

    public static async Task<Results<Ok<UnitView>, ProblemHttpResult>> PutUnitContact(string code, UnitContactInput input, ClaimsPrincipal user, OpenDvcDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(user, code))
        {
            return Problems.Forbidden();
        }

        if (!await UnitQueries.SaveContactAsync(db, code, input, Platform.Time.VietnamTime.DateOf(time.GetUtcNow()), ct))
        {
            return UnknownUnit(code);
        }

        var unit = await db.Set<Unit>().AsNoTracking().SingleAsync(u => u.Code == code, ct);
        return TypedResults.Ok(UnitView.From(unit, withContact: true));
    }

    public static async Task<Results<Ok<UnitChangesResult>, ProblemHttpResult>> RecordUnitChanges(UnitChangesInput input, [FromQuery] bool? dryRun, UnitChanges changes, CancellationToken ct)
    {
        var result = await changes.RecordAsync(input.Changes, dryRun ?? false, ct);
        return result.Succeeded ? TypedResults.Ok(result) : RegistryProblems.InvalidChanges(result.Violations);
    }

    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportUnitChanges(IFormFile? file, [FromQuery] bool? dryRun, RegistryImport import, CancellationToken ct)
    {
        if (file is null)
        {
            return RegistryProblems.NoFile();
        }

        await using var stream = file.OpenReadStream();
        var report = await import.ImportUnitChangesAsync(stream, file.FileName, dryRun ?? false, ct);
        return report.Succeeded ? TypedResults.Ok(report) : RegistryProblems.ImportFailed(report);
    }

    private static ProblemHttpResult UnknownUnit(string code) =>
        Refusal.Of(PlatformCodes.UnitUnknown, code).ToProblem();
}
