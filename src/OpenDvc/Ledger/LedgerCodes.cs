using OpenDvc.Platform.Refusals;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace OpenDvc.Ledger;

/// <summary>The ledger' refusal codes (messages in Resources/RefusalText.resx, listed in docs/refusal-codes.md).</summary>
public static class LedgerCodes
{
    /// <summary>Send application/json (the {"isUpdating", "data"} envelope) or application/x-ndjson.</summary>
    [RefusedWith(Status415UnsupportedMediaType)] public const string SyncMediaType = "OD-SYNC-MEDIA-TYPE";

    /// <summary>The unit already has … sync requests running, or the server is busy; send again in a few seconds.</summary>
    [RefusedWith(Status429TooManyRequests)] public const string SyncBusy = "OD-SYNC-BUSY";

    /// <summary>A sync request carries more records than allowed; nothing was stored.</summary>
    [RefusedWith(Status413PayloadTooLarge)] public const string SyncTooManyRecords = "OD-SYNC-TOO-MANY-RECORDS";

    /// <summary>A compressed sync body expands too much; nothing was stored.</summary>
    [RefusedWith(Status413PayloadTooLarge)] public const string SyncCompressionRatio = "OD-SYNC-COMPRESSION-RATIO";

    /// <summary>A sync body is over its limit as sent or decompressed; nothing was stored.</summary>
    [RefusedWith(Status413PayloadTooLarge)] public const string SyncBodyTooLarge = "OD-SYNC-BODY-TOO-LARGE";

    /// <summary>… rollup counter(s) differ from the dossiers.</summary>
    [RefusedWith(Status400BadRequest)] public const string VerifyDifferences = "OD-VERIFY-DIFFERENCES";

    /// <summary>File not found: ….</summary>
    [RefusedWith(Status400BadRequest)] public const string IngestNoFile = "OD-INGEST-NO-FILE";

    /// <summary>An ingest run refused every record it read.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string IngestAllRefused = "OD-INGEST-ALL-REFUSED";
}
