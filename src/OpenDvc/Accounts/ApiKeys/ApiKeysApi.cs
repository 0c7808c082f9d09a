using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;

namespace OpenDvc.Accounts.ApiKeys;

public sealed record NewApiKey([property: StringLength(128)] string? Name);

/// <summary>A key as listed: never its secret nor its hash.</summary>
public sealed record ApiKeyView(int Id, string UnitCode, string Name, string Prefix, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public static ApiKeyView From(ApiKey k) => new(k.Id, k.UnitCode, k.Name, k.Prefix, k.CreatedAt, k.CreatedBy, k.RevokedAt);
}

/// <summary>A newly issued key: <see cref="Key"/> is the only time the secret is ever shown.</summary>
public sealed record IssuedApiKey(int Id, string UnitCode, string Name, string Prefix, string Key);

/// <summary>Sync API keys: admins issue and revoke; staff and the unit's own focal point list a unit's keys.</summary>
public static class ApiKeysApi
{
    public static void MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/v1/units/{unit}/keys").WithTags("Keys");
        units.MapPost("/", IssueApiKey).RequireAuthorization(AccountsModule.AdminPolicy)
            .WithName(nameof(IssueApiKey)).WithSummary("Issue a sync key for a unit; the response is the only time the key is shown.");
        units.MapGet("/", ListUnitApiKeys).RequireAuthorization()
            .WithName(nameof(ListUnitApiKeys)).WithSummary("A unit's keys (never their secrets): staff and the unit's focal point.");

        var keys = app.MapGroup("/api/v1/keys").WithTags("Keys").RequireAuthorization(AccountsModule.AdminPolicy);
        keys.MapGet("/", ListApiKeys).WithName(nameof(ListApiKeys)).WithSummary("Every unit's keys (never their secrets).");
        keys.MapDelete("/{id:int}", RevokeApiKey).WithName(nameof(RevokeApiKey)).WithSummary("Revoke a key at once.");
    }

    public static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> IssueApiKey(string unit, NewApiKey body, ApiKeyAdministration admin, CancellationToken ct)
    {
        var (issued, refusal) = await admin.IssueAsync(unit, UsersApi.NullIfBlank(body.Name) ?? "one-stop system", ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var key = issued!.Key;
        return TypedResults.Created($"/api/v1/units/{key.UnitCode}/keys", new IssuedApiKey(key.Id, key.UnitCode, key.Name, key.Prefix, issued.PlainText));
    }

    public static async Task<Results<Ok<List<ApiKeyView>>, ProblemHttpResult>> ListUnitApiKeys(string unit, ClaimsPrincipal user, OpenDvcDbContext db, CancellationToken ct) =>
        UnitAccess.CanRead(user, unit)
            ? TypedResults.Ok(await ListAsync(db, unit, ct))
            : Problems.Forbidden();

    public static async Task<Ok<List<ApiKeyView>>> ListApiKeys(string? unit, OpenDvcDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(db, unit, ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeApiKey(int id, ApiKeyAdministration admin, CancellationToken ct) =>
        await admin.RevokeAsync(id, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();

    public static async Task<List<ApiKeyView>> ListAsync(OpenDvcDbContext db, string? unit, CancellationToken ct) =>
        (await db.Set<ApiKey>().AsNoTracking().Where(k => unit == null || k.UnitCode == unit).OrderBy(k => k.UnitCode).ThenBy(k => k.Id).ToListAsync(ct))
            .Select(ApiKeyView.From).ToList();
}
