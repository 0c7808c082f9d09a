using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenDvc.Accounts.ApiKeys;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Web;

namespace OpenDvc.Ledger.Quarantine;

/// <summary>
/// <c>/api/v1/quarantine</c>: refused records, for signed-in people (cookie) and units' systems (API key). Staff see
/// every unit; a focal point or a key only its own (<see cref="QuarantineScope"/>).
/// </summary>
public static class QuarantineApi
{
    /// <summary>Signed in by either door: the web sign-in or a unit's API key.</summary>
    private static readonly AuthorizationPolicy SignedInOrKey =
        new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();

    public static void MapQuarantineApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/quarantine").WithTags("Quarantine").RequireAuthorization(SignedInOrKey);
        group.MapGet("/", ListQuarantine).WithName(nameof(ListQuarantine)).WithSummary("Quarantined records, oldest first, with their reasons in Vietnamese and English.");
        group.MapGet("/export", ExportQuarantine).WithName(nameof(ExportQuarantine)).WithSummary("Download quarantined records as CSV or Excel (format=csv|xlsx).");
        group.MapPost("/replay", ReplayQuarantine).WithName(nameof(ReplayQuarantine))
            .WithSummary("Re-validate open records against the current catalog and store those that now pass.")
            .DisableAntiforgery();
    }

    public static async Task<Results<Ok<Page<QuarantineView>>, ProblemHttpResult>> ListQuarantine(
        HttpContext http, QuarantineStore store, string? unit, QuarantineStatus? status, string? after, int? limit, CancellationToken ct)
    {
        if (QuarantineScope.For(http.User, unit) is not { } scope)
        {
            return Problems.Forbidden();
        }

        return TypedResults.Ok(await store.ListAsync(scope, status, after, limit, ct));
    }

    public static async Task<IResult> ExportQuarantine(HttpContext http, QuarantineStore store, string? unit, QuarantineStatus? status, string? format, CancellationToken ct)
    {
        if (QuarantineScope.For(http.User, unit) is not { } scope)
        {
            return Problems.Forbidden();
        }

        format ??= "csv";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        return await TableExport.ToFileAsync(store.StreamAsync(scope, status, ct), QuarantineStore.ExportColumns, format, $"quarantine-{scope.Unit ?? "all"}", ct);
    }

    public static async Task<Results<Ok<ReplaySummary>, ProblemHttpResult>> ReplayQuarantine(HttpContext http, QuarantineStore store, string? unit, CancellationToken ct)
    {
        if (QuarantineScope.ForReplay(http.User, unit) is not { } scope)
        {
            return Problems.Forbidden();
        }

        return TypedResults.Ok(await store.ReplayAsync(scope, ct));
    }
}
