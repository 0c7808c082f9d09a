using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenDvc.Accounts;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Ingest;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Storage;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;

namespace OpenDvc.Ledger.Sync;

/// <summary>One record's outcome: accepted, unchanged, stale, or rejected with its reasons (kept in quarantine unless the quota is used up).</summary>
public sealed record SyncRecordResult(
    long Line,
    [property: JsonPropertyName("MaHoSo")] string? DossierCode,
    string Outcome,
    IReadOnlyList<SyncReason> Reasons);

public sealed record SyncReason(string Code, [property: JsonPropertyName("message_vi")] string MessageVi, [property: JsonPropertyName("message_en")] string MessageEn);

/// <summary>
/// The answer to a sync: the counts (read = accepted + unchanged + stale + rejected; <c>NotKept</c> of the rejected were
/// over the unit's quarantine quota) and the rejected records with their reasons, or every record with
/// <c>?outcomes=all</c>. Its size grows with refused records only, at most <see cref="SyncOptions.MaxRecords"/>.
/// </summary>
public sealed record SyncAnswer(long Read, long Accepted, long Unchanged, long Stale, long Rejected, long NotKept, IReadOnlyList<SyncRecordResult> Results);

/// <summary>
/// <c>POST /api/v1/dossiers/sync</c> (docs/sync-validation.md): the portal's envelope <c>{"isUpdating", "data": [...]}</c>
/// as JSON, or NDJSON (<c>application/x-ndjson</c>), plain or gzip, from a unit's API key. A key writes only its own
/// unit's dossiers: any other unit's record is rejected with <c>UNIT_NOT_ALLOWED</c>. Same pipeline as bulk ingest,
/// but a request is one transaction, written once it has been read whole within <see cref="SyncOptions"/>: a request
/// past a limit is answered 413 and stores nothing.
/// </summary>
public static class SyncApi
{
    public static void MapSyncApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dossiers").WithTags("Dossier sync").RequireAuthorization(AccountsModule.SyncPolicy);
        group.MapPost("/sync", SyncDossiers)
            .WithName(nameof(SyncDossiers))
            .WithSummary("Sync dossiers of the key's unit: the portal's envelope (application/json) or NDJSON (application/x-ndjson), plain or gzip.")
            .WithDescription(
                "Body: the envelope {\"isUpdating\": bool, \"data\": [record, ...]} as application/json, or one record per line as application/x-ndjson; " +
                "gzip-compressed with Content-Encoding: gzip (or recognised by its first bytes). Limits per request (defaults): 10,000 records, " +
                "16 MiB as sent, 32 MiB decompressed, 64 decompressed bytes per gzip byte: past any of them 413 and nothing is stored. " +
                "Two requests of a unit at a time, eight in all: past that 429 with Retry-After. Any other media type is a 415 problem " + LedgerCodes.SyncMediaType + ". " +
                "The answer counts every outcome and lists the rejected records; ?outcomes=all lists every record.")
            .DisableAntiforgery();
    }

    public static async Task<Results<Ok<SyncAnswer>, ProblemHttpResult>> SyncDossiers(
        HttpContext http, DossierIngest ingest, SyncGate gate, QuarantineStore quarantine, IOptions<SyncOptions> options, string? outcomes, CancellationToken ct)
    {
        var limits = options.Value;
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
            return Refusal.Of(LedgerCodes.SyncMediaType).ToProblem();
        }

        if (http.Request.ContentLength > limits.MaxBodyBytes)
        {
            return BodyTooLarge(limits);
        }

        // Kestrel stops a body without Content-Length (chunked) at the same limit, as it is read.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limits.MaxBodyBytes;
        }

        using var place = await gate.EnterAsync(unit, ct);
        if (place is null)
        {
            http.Response.Headers.RetryAfter = "2";
            return Refusal.Of(LedgerCodes.SyncBusy, limits.MaxConcurrentPerUnit).ToProblem();
        }

        var kept = await quarantine.KeptTodayAsync(unit, ct);
        var quota = new QuarantineQuota(Math.Max(0, limits.QuarantinePerUnitPerDay - kept));
        var listAll = string.Equals(outcomes, "all", StringComparison.OrdinalIgnoreCase);
        var results = new List<SyncRecordResult>();
        IngestSummary summary;
        try
        {
            summary = await ingest.IngestAsync(http.Request.Body, new IngestOptions($"api:{unit}")
            {
                Format = format,
                CallerUnit = unit,
                MaxRecords = limits.MaxRecords,
                MaxDecodedBytes = limits.MaxDecodedBytes,
                MaxCompressionRatio = limits.MaxCompressionRatio,
                QuarantineQuota = quota,
                OnBatch = (entries, batch) => Describe(entries, batch, listAll, results),
            }, ct);
        }
        catch (InputTooLargeException tooLarge)
        {
            return TooLarge(tooLarge, limits);
        }
        catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return BodyTooLarge(limits);
        }

        var notKept = results.Count(r => r.Reasons.Any(reason => reason.Code == ReasonCode.QuarantineQuotaExceeded.Name()));
        return TypedResults.Ok(new SyncAnswer(summary.Read, summary.Accepted, summary.Unchanged, summary.Stale, summary.Quarantined, notKept, results));
    }

    private static void Describe(IReadOnlyList<LedgerEntry> entries, BatchResult batch, bool listAll, List<SyncRecordResult> results)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var result = batch.Results[i];
            var refused = result.Outcome == LedgerOutcome.Quarantined;
            if (refused || listAll)
            {
                results.Add(new SyncRecordResult(
                    entries[i].Line,
                    entries[i].DossierCode,
                    refused ? "rejected" : result.Outcome.ToString().ToLowerInvariant(),
                    [.. result.Reasons.Select(r => new SyncReason(r.Code, r.MessageVi, r.MessageEn))]));
            }
        }
    }

    private static ProblemHttpResult TooLarge(InputTooLargeException tooLarge, SyncOptions limits) => tooLarge.Limit switch
    {
        InputLimit.Records => Refusal.Of(LedgerCodes.SyncTooManyRecords, limits.MaxRecords).With("limit", limits.MaxRecords).ToProblem(),
        InputLimit.CompressionRatio => Refusal.Of(LedgerCodes.SyncCompressionRatio, limits.MaxCompressionRatio).With("limit", limits.MaxCompressionRatio).ToProblem(),
        _ => BodyTooLarge(limits),
    };

    private static ProblemHttpResult BodyTooLarge(SyncOptions limits) =>
        Refusal.Of(LedgerCodes.SyncBodyTooLarge, limits.MaxBodyBytes / (1 << 20), limits.MaxDecodedBytes / (1 << 20))
            .With("limit", limits.MaxBodyBytes).With("limitDecoded", limits.MaxDecodedBytes).ToProblem();
}
