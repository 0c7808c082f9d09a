using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Accounts;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Ingest;
using OpenDvc.Ledger.Storage;
using OpenDvc.Platform.Web;

namespace OpenDvc.Ledger.Sync;

/// <summary>One record's outcome: accepted, unchanged, stale, or rejected with its reasons (kept in quarantine).</summary>
public sealed record SyncRecordResult(
    long Line,
    [property: JsonPropertyName("MaHoSo")] string? DossierCode,
    string Outcome,
    IReadOnlyList<SyncReason> Reasons);

public sealed record SyncReason(string Code, [property: JsonPropertyName("message_vi")] string MessageVi, [property: JsonPropertyName("message_en")] string MessageEn);

/// <summary>The answer to a sync: the counts (read = accepted + unchanged + stale + rejected) and every record's outcome.</summary>
public sealed record SyncAnswer(long Read, long Accepted, long Unchanged, long Stale, long Rejected, IReadOnlyList<SyncRecordResult> Results);

/// <summary>
/// <c>POST /api/v1/dossiers/sync</c> (SYNC-CONTRACT.md, "Transport"): the portal's envelope
/// <c>{"isUpdating", "data": [...]}</c> as JSON, or NDJSON (<c>application/x-ndjson</c>), from a unit's API key.
/// A key writes only its own unit's dossiers: any other unit's record is rejected with <c>UNIT_NOT_ALLOWED</c>.
/// Same pipeline as bulk ingest; the body is streamed, and each batch is one transaction.
/// </summary>
public static class SyncApi
{
    public static void MapSyncApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dossiers").WithTags("Dossier sync").RequireAuthorization(AccountsModule.SyncPolicy);
        group.MapPost("/sync", SyncDossiers)
            .WithName(nameof(SyncDossiers))
            .WithSummary("Sync dossiers of the key's unit: the portal's envelope (application/json) or NDJSON (application/x-ndjson).")
            .WithDescription("Body: the envelope {\"isUpdating\": bool, \"data\": [record, ...]} as application/json, or one record per line as application/x-ndjson (SYNC-CONTRACT.md). Any other media type is a 415 problem OD-SYNC-MEDIA-TYPE.")
            .DisableAntiforgery();
    }

    public static async Task<Results<Ok<SyncAnswer>, ProblemHttpResult>> SyncDossiers(HttpContext http, DossierIngest ingest, CancellationToken ct)
    {
        var unit = UnitAccess.UnitOf(http.User)!;
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        DossierFormat? format = mediaType switch
        {
            "application/json" => DossierFormat.Envelope,
            "application/x-ndjson" or "application/ndjson" => DossierFormat.Ndjson,
            _ => null,
        };
        if (format is null)
        {
            return Problems.Create(
                StatusCodes.Status415UnsupportedMediaType, "OD-SYNC-MEDIA-TYPE",
                "Chỉ nhận application/json (phong bì {\"isUpdating\", \"data\"}) hoặc application/x-ndjson.",
                "Send application/json (the {\"isUpdating\", \"data\"} envelope) or application/x-ndjson.");
        }

        var results = new List<SyncRecordResult>();
        var summary = await ingest.IngestAsync(http.Request.Body, new IngestOptions($"api:{unit}")
        {
            Format = format,
            CallerUnit = unit,
            OnBatch = (entries, batch) =>
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    var result = batch.Results[i];
                    results.Add(new SyncRecordResult(
                        entries[i].Line,
                        entries[i].DossierCode,
                        result.Outcome == LedgerOutcome.Quarantined ? "rejected" : result.Outcome.ToString().ToLowerInvariant(),
                        [.. result.Reasons.Select(r => new SyncReason(r.Code, r.MessageVi, r.MessageEn))]));
                }
            },
        }, ct);
        return TypedResults.Ok(new SyncAnswer(summary.Read, summary.Accepted, summary.Unchanged, summary.Stale, summary.Quarantined, results));
    }
}
